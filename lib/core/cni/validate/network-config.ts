/**
 * The network configuration as libcni reads it (containernetworking/cni libcni/conf.go): its
 * name and cniVersion, then each plugin of a conflist (or the single plugin config).
 */
import { jsonTypeName, Rec } from '../../field-reader';
import { joinPath } from '../../path';
import { isRecord, show } from '../../problems';
import { NadContext } from './context';
import { checkPlugin } from './plugin';

const BASE = 'spec.config';

function isOvn(cfg: Rec): boolean {
  if (cfg.type === 'ovn-k8s-cni-overlay') return true;
  return Array.isArray(cfg.plugins) && cfg.plugins.some((p) => isRecord(p) && p.type === 'ovn-k8s-cni-overlay');
}

/** `name`: a string, equal to metadata.name (Multus injects it when absent). */
export function checkConfigName(ctx: NadContext, cfg: Rec, base: string): void {
  const path = joinPath(base, 'name');
  if (cfg.name === undefined) return; // network-attachment-definition-client GetCNIConfigFromSpec injects the NAD name
  if (typeof cfg.name !== 'string') {
    ctx.add('CNI_FIELD_TYPE', path, `name is ${show(cfg.name)} (${jsonTypeName(cfg.name)}); allowed: a string`, `set "name": "${ctx.nadName}"`);
    return;
  }
  // Multus only injects metadata.name when `name` is absent or "" (GetCNIConfigFromSpec); the
  // multi-net-spec recommends both match and OVN-K treats `name` as the network identity.
  if (cfg.name !== '' && cfg.name !== ctx.nadName && !isOvn(cfg)) {
    ctx.add('NAD_NAME_MISMATCH', path, `name is ${show(cfg.name)} but metadata.name is ${show(ctx.nadName)}; they should be equal`, `set "name": "${ctx.nadName}" (or drop it: Multus injects the NAD name)`);
  }
}

/** `cniVersion`: given, a string, and one the profile's plugins accept exactly. */
export function checkCniVersion(ctx: NadContext, cfg: Rec, base: string): void {
  const { profile } = ctx;
  const path = joinPath(base, 'cniVersion');
  const v = cfg.cniVersion;
  const supported = profile.cniVersions.join(', ');
  if (v === undefined || v === '') {
    // containernetworking/cni pkg/types/create/create.go DecodeVersion: "" → "0.1.0".
    if (Array.isArray(cfg.cniVersions) && cfg.cniVersions.length > 0) return; // CNI 1.1 list form
    ctx.add('CNI_VERSION_MISSING', path, `cniVersion is missing; libcni then treats the config as CNI spec 0.1.0 (profile ${profile.name} supports ${supported})`, `set "cniVersion": "${ctx.highestCommonVersion()}"`);
    return;
  }
  if (typeof v !== 'string') {
    ctx.add('CNI_FIELD_TYPE', path, `cniVersion is ${show(v)} (${jsonTypeName(v)}); allowed: a version string such as "1.0.0"`, `set "cniVersion": "${ctx.highestCommonVersion()}"`);
    return;
  }
  // pkg/skel/skel.go checkVersionAndCall → pkg/version/reconcile.go CheckRaw: exact match.
  if (!profile.supportsCniVersion(v)) {
    ctx.add('CNI_VERSION_UNSUPPORTED', path, `cniVersion is ${show(v)}; the ${profile.name} plugins accept exactly one of ${supported}`, `set "cniVersion": "${ctx.highestCommonVersion()}"`);
  }
}

/** containernetworking/cni pkg/version/plugin.go ParseVersion: at most three dot-separated Atoi parts ("" is 0.1.0). */
function parsesAsVersion(v: string): boolean {
  return v === '' || (v.split('.').length < 4 && v.split('.').every((p) => /^[+-]?[0-9]+$/.test(p)));
}

/**
 * The keys only libcni's conflist loader reads (containernetworking/cni libcni/conf.go
 * NetworkConfFromBytes at v1.3.0 a28faab9; Multus loads a config with "plugins" through it):
 * `cniVersions` entries are version strings ("invalid cniVersions entry %s at index %d"), and
 * disableCheck, disableGC, loadOnlyInlinedPlugins are booleans or "true"/"false" in any case
 * (readBool: "invalid value %q for %s", "invalid type %T for %s").
 */
export function checkConflistFields(ctx: NadContext, cfg: Rec): void {
  const vs = cfg.cniVersions;
  if (vs !== undefined) {
    const vp = joinPath(BASE, 'cniVersions');
    if (!Array.isArray(vs)) ctx.add('CNI_FIELD_TYPE', vp, `cniVersions is ${show(vs)} (${jsonTypeName(vs)}); allowed: a JSON array of version strings`, 'write "cniVersions": ["1.0.0", "1.1.0"]');
    else {
      vs.forEach((v, i) => {
        const ip = joinPath(vp, i);
        if (typeof v !== 'string') ctx.add('CNI_FIELD_TYPE', ip, `cniVersions[${i}] is ${show(v)} (${jsonTypeName(v)}); allowed: a version string`, 'write the version as a string such as "1.0.0"');
        else if (!parsesAsVersion(v)) ctx.add('CNI_VERSION_UNSUPPORTED', ip, `cniVersions[${i}] is ${show(v)}, which is not a version; libcni refuses the conflist ("invalid cniVersions entry")`, 'write versions as "MAJOR.MINOR.PATCH", e.g. "1.0.0"');
      });
    }
  }
  for (const key of ['disableCheck', 'disableGC', 'loadOnlyInlinedPlugins']) {
    const v = cfg[key];
    if (v === undefined || typeof v === 'boolean') continue;
    if (typeof v === 'string' && ['true', 'false'].includes(v.toLowerCase())) continue;
    ctx.add('CNI_CONFLIST_FLAG_INVALID', joinPath(BASE, key), `${key} is ${show(v)}; libcni accepts true/false or the strings "true"/"false" and refuses the conflist otherwise`, `write "${key}": true or false`);
  }
}

/** The whole `spec.config`: name, cniVersion, then the plugins of a conflist or the single plugin. */
export function checkNetworkConfig(ctx: NadContext, cfg: Rec): void {
  checkConfigName(ctx, cfg, BASE);
  checkCniVersion(ctx, cfg, BASE);
  if (!Object.prototype.hasOwnProperty.call(cfg, 'plugins')) {
    checkPlugin(ctx, cfg, BASE, 0, cfg);
    return;
  }
  checkConflistFields(ctx, cfg);
  // libcni/conf.go ConfListFromBytes: "invalid 'plugins' type", "no plugins in list".
  const plugins = cfg.plugins;
  const path = joinPath(BASE, 'plugins');
  if (!Array.isArray(plugins)) {
    ctx.add('CNI_PLUGINS_INVALID', path, `plugins is ${show(plugins)}; allowed: a non-empty JSON array of plugin objects`, 'list the plugins: "plugins": [{"type": "bridge", ...}]');
    return;
  }
  if (plugins.length === 0) {
    ctx.add('CNI_PLUGINS_INVALID', path, 'plugins is an empty list; libcni refuses a conflist without plugins ("no plugins in list")', 'add at least one plugin object');
    return;
  }
  plugins.forEach((p, i) => {
    const pp = joinPath(path, i);
    if (!isRecord(p)) {
      ctx.add('CNI_PLUGINS_INVALID', pp, `plugins[${i}] is ${show(p)}; allowed: a plugin object with "type"`, 'write each plugin as {"type": ..., ...}');
      return;
    }
    checkPlugin(ctx, p, pp, i, cfg);
  });
}
