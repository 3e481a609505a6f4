/**
 * The portmap meta plugin (containernetworking/plugins plugins/meta/portmap/main.go, read at
 * v1.9.1 adc3e6b5).
 */
import { Rec } from '../../../field-reader';
import { joinPath } from '../../../path';
import { isRecord, show } from '../../../problems';
import { NadContext } from '../context';
import { goField, goKey } from '../raw-json';

const BACKENDS = ['iptables', 'nftables'];

/**
 * main.go detectBackendOfConditions: empty → none; a first token starting with "-" or "!" is
 * iptables syntax, anything else nftables.
 */
function backendOfConditions(v: unknown): string | undefined {
  if (!Array.isArray(v) || v.length === 0 || typeof v[0] !== 'string' || v[0] === '') return undefined;
  return v[0].startsWith('-') || v[0].startsWith('!') ? 'iptables' : 'nftables';
}

/**
 * A portmap config as parseConfig/ensureBackend check it: externalSetMarkChain and markMasqBit
 * exclusive, markMasqBit 0..31, backend iptables or nftables and no option of the other backend
 * (when the backend is left to the node, options of both backends at once), static
 * runtimeConfig.portMappings with hostPort and containerPort > 0.
 */
export function checkPortmap(ctx: NadContext, p: Rec, path: string): void {
  const bad = (key: string, msg: string, fix: string): void => ctx.add('CNI_PORTMAP_INVALID', joinPath(path, key), msg, fix);
  const markKey = goKey(p, 'markMasqBit');
  const chainKey = goKey(p, 'externalSetMarkChain');
  const mark = markKey === undefined ? undefined : p[markKey];
  const chainSet = chainKey !== undefined && p[chainKey] !== null;
  // parseConfig: "Cannot specify externalSetMarkChain and markMasqBit".
  if (markKey !== undefined && mark !== null && chainSet) {
    bad(markKey, 'markMasqBit and externalSetMarkChain are both set; portmap refuses the pair ("Cannot specify externalSetMarkChain and markMasqBit")', 'keep one of markMasqBit / externalSetMarkChain');
  } else if (typeof mark === 'number' && (!Number.isInteger(mark) || mark < 0 || mark > 31)) {
    // parseConfig: "MasqMarkBit must be between 0 and 31".
    bad(markKey!, `markMasqBit is ${show(mark)}; allowed: 0..31`, 'use a free bit of the packet mark (default 13)');
  }
  // ensureBackend: options per backend, then "%s backend was requested but configuration
  // contains %s-specific options %v"; parseConfig: "unrecognized backend %q".
  const options: Record<string, string[]> = { iptables: [], nftables: [] };
  if (chainSet) options.iptables.push(chainKey!);
  for (const c of ['conditionsV4', 'conditionsV6']) {
    const k = goKey(p, c);
    const b = k === undefined ? undefined : backendOfConditions(p[k]);
    if (b) options[b].push(k!);
  }
  const backendKey = goKey(p, 'backend');
  const backend = backendKey === undefined ? undefined : p[backendKey];
  if (typeof backend === 'string' && !BACKENDS.includes(backend)) {
    bad(backendKey!, `backend is ${show(backend)}; allowed: iptables, nftables`, 'set "backend" to iptables or nftables, or drop it');
  } else if (typeof backend === 'string') {
    const wrong = backend === 'iptables' ? 'nftables' : 'iptables';
    for (const k of options[wrong]) bad(k, `${k} is ${wrong} syntax but backend is ${backend}; portmap fails with "${backend} backend was requested but configuration contains ${wrong}-specific options"`, `write ${k} for ${backend}, or set "backend": "${wrong}"`);
  } else if (options.iptables.length > 0 && options.nftables.length > 0) {
    // Without a backend the node picks one (iptables unless only nftables exists); options of
    // both kinds are wrong for either.
    for (const k of options.nftables) bad(k, `${k} is nftables syntax while ${options.iptables.join(', ')} are iptables options; whichever backend the node picks refuses the other's options`, 'write all options for one backend and set "backend" to it');
  }
  // parseConfig: "Invalid container port number: %d", "Invalid host port number: %d" for
  // runtimeConfig.portMappings (static ones written in the config are read the same way).
  const rc = goField(p, 'runtimeConfig');
  const rcKey = goKey(p, 'runtimeConfig');
  const pmKey = isRecord(rc) ? goKey(rc, 'portMappings') : undefined;
  const maps = isRecord(rc) && pmKey !== undefined ? rc[pmKey] : undefined;
  if (Array.isArray(maps)) {
    maps.forEach((m, i) => {
      if (!isRecord(m)) return;
      const mp = joinPath(path, rcKey!, pmKey!, i);
      for (const f of ['containerPort', 'hostPort']) {
        const v = goField(m, f);
        const n = typeof v === 'number' ? v : 0;
        if (!(n > 0)) ctx.add('CNI_PORTMAP_INVALID', joinPath(mp, goKey(m, f) ?? f), `portMappings[${i}].${f} is ${show(v)}; portmap fails with "Invalid ${f === 'hostPort' ? 'host' : 'container'} port number"`, `set ${f} to a port 1..65535`);
      }
    });
  }
}
