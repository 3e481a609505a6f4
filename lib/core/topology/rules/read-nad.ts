/**
 * Reads a NetworkAttachmentDefinition for the cross-resource rules: the facts of its main
 * plugin (bridge, VLANs, MTU, IPAM subnets, OVN network) via lib/core/cni's parsers.
 */
import { Manifest } from '../../manifest';
import { joinPath } from '../../path';
import { isRecord } from '../../problems';
import { Cidr, isConfList, parseCidr, parseNadConfig, pluginsOf, PluginConfig, RESOURCE_NAME_ANNOTATION } from '../../cni';
import type { NadFlavour, NadInfo, NadSubnet } from './model';
import { DEFAULT_NAMESPACE, num, refOf, str } from './refs';

/** Parses a whereabouts range (`10.0.0.0/24`, or `10.0.0.5-10.0.0.20/24` with an embedded start). */
function whereaboutsCidr(s: unknown): Cidr | undefined {
  if (typeof s !== 'string') return undefined;
  const dash = s.lastIndexOf('-');
  return parseCidr(dash >= 0 && !s.includes(':') ? s.slice(dash + 1) : s);
}

/** OVN `subnets` entry: `10.128.0.0/16` or layer3 `10.128.0.0/16/24` (host prefix dropped). */
function ovnCidr(s: string): Cidr | undefined {
  const parts = s.trim().split('/');
  return parseCidr(parts.length > 2 ? `${parts[0]}/${parts[1]}` : s.trim());
}

function readSubnets(main: PluginConfig, mainPath: string): NadSubnet[] {
  const out: NadSubnet[] = [];
  const push = (text: unknown, cidr: Cidr | undefined, path: string): void => {
    if (cidr && typeof text === 'string') out.push({ cidr, text, path });
  };
  if (main.type === 'ovn-k8s-cni-overlay' && typeof main.subnets === 'string') {
    for (const s of main.subnets.split(',')) if (s.trim()) push(s.trim(), ovnCidr(s), joinPath(mainPath, 'subnets'));
  }
  const ipam = isRecord(main.ipam) ? main.ipam : undefined;
  if (!ipam) return out;
  const ip = joinPath(mainPath, 'ipam');
  if (ipam.type === 'host-local') {
    push(ipam.subnet, parseCidr(ipam.subnet), joinPath(ip, 'subnet'));
    if (Array.isArray(ipam.ranges)) {
      ipam.ranges.forEach((set, a) => {
        if (!Array.isArray(set)) return;
        set.forEach((r, b) => {
          if (isRecord(r)) push(r.subnet, parseCidr(r.subnet), joinPath(ip, 'ranges', a, b, 'subnet'));
        });
      });
    }
  } else if (ipam.type === 'whereabouts') {
    push(ipam.range, whereaboutsCidr(ipam.range), joinPath(ip, 'range'));
    if (Array.isArray(ipam.ipRanges)) {
      ipam.ipRanges.forEach((r, k) => {
        if (isRecord(r)) push(r.range, whereaboutsCidr(r.range), joinPath(ip, 'ipRanges', k, 'range'));
      });
    }
  }
  return out;
}

function flavourOf(p: PluginConfig | undefined): NadFlavour {
  switch (p?.type) {
    case 'bridge':
    case 'cnv-bridge':
      return 'bridge';
    case 'macvlan':
      return 'macvlan';
    case 'ipvlan':
      return 'ipvlan';
    case 'ovn-k8s-cni-overlay':
      return 'ovn';
    default:
      return 'other';
  }
}

/** Reads one NAD: the facts of its first (main) plugin and the L2 segment it attaches to. */
export function readNad(m: Manifest): NadInfo {
  const ref = refOf(m, true);
  const namespace = ref.namespace ?? DEFAULT_NAMESPACE;
  const name = ref.name ?? '';
  const key = `${namespace}/${name}`;
  const spec = isRecord(m.spec) ? m.spec : undefined;
  const parsed = typeof spec?.config === 'string' ? parseNadConfig(spec.config) : undefined;
  const config = parsed?.ok ? parsed.config : undefined;
  const plugins = config ? pluginsOf(config) : [];
  const main = plugins.find((p) => isRecord(p));
  const mainPath = config && isConfList(config) ? joinPath('spec.config', 'plugins', 0) : 'spec.config';
  const flavour = flavourOf(main);
  const annotations = isRecord(m.metadata?.annotations) ? m.metadata.annotations : {};
  const resourceName = str(annotations[RESOURCE_NAME_ANNOTATION]);
  const bridge = flavour === 'bridge' ? str(main?.bridge) ?? 'cni0' : undefined;
  const vlan = num(main?.vlan);
  const vlanTrunk: number[] = [];
  if (Array.isArray(main?.vlanTrunk)) {
    for (const t of main.vlanTrunk) {
      if (!isRecord(t)) continue;
      const id = num(t.id);
      if (id !== undefined) vlanTrunk.push(id);
      const lo = num(t.minID);
      const hi = num(t.maxID);
      if (lo !== undefined && hi !== undefined && hi - lo < 4096) for (let v = lo; v <= hi; v++) vlanTrunk.push(v);
    }
  }
  const ovnName = flavour === 'ovn' ? str(main?.name) ?? str(config?.name) : undefined;
  const ovnTopology = flavour === 'ovn' ? str(main?.topology) : undefined;
  const master = flavour === 'macvlan' || flavour === 'ipvlan' ? str(main?.master) : undefined;
  let segment: string;
  if (flavour === 'bridge') segment = `bridge:${bridge}:${vlan ?? 0}`;
  else if (flavour === 'ovn') segment = `ovn:${ovnName ?? key}`;
  else if ((flavour === 'macvlan' || flavour === 'ipvlan') && master) segment = `${flavour}:${master}`;
  else segment = `nad:${key}`;
  return {
    manifest: m,
    ref,
    namespace,
    name,
    key,
    config,
    flavour,
    main,
    mainPath,
    bridge,
    vlan,
    vlanTrunk,
    mtu: num(main?.mtu),
    macspoofchk: typeof main?.macspoofchk === 'boolean' ? main.macspoofchk : undefined,
    ipamType: isRecord(main?.ipam) ? str(main.ipam.type) : undefined,
    subnets: main ? readSubnets(main, mainPath) : [],
    resourceName,
    master,
    ovnName,
    ovnTopology,
    physicalNetwork: flavour === 'ovn' ? str(main?.physicalNetworkName) ?? ovnName : undefined,
    segment,
  };
}
