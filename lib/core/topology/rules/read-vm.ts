/**
 * Reads a VirtualMachine / VirtualMachineInstance for the cross-resource rules: NICs paired with
 * their networks, the NAD each multus network means, placement and cloud-init networkData.
 */
import { Manifest } from '../../manifest';
import { joinPath } from '../../path';
import { isRecord } from '../../problems';
import { bindingOf, normalizeMac, VmInterface } from '../../kubevirt';
import type { NetworkDataSource, VmInfo, VmNic } from './model';
import { DEFAULT_NAMESPACE, refOf, str, stringMap } from './refs';
import { PlacementAlternative, Selector } from './selectors';

/** `namespace/name` of the NAD a VM in `vmNamespace` means by `networkName` (`name` or `ns/name`). */
export function nadKeyOf(networkName: string, vmNamespace: string): string {
  return networkName.includes('/') ? networkName : `${vmNamespace}/${networkName}`;
}

function decodeBase64(s: unknown): string | undefined {
  if (typeof s !== 'string') return undefined;
  try {
    return Buffer.from(s, 'base64').toString('utf8');
  } catch {
    return undefined;
  }
}

function readNetworkData(volumes: unknown, base: string, namespace: string, secrets: Map<string, Manifest>): NetworkDataSource | undefined {
  if (!Array.isArray(volumes)) return undefined;
  for (let k = 0; k < volumes.length; k++) {
    const v = volumes[k];
    if (!isRecord(v)) continue;
    for (const key of ['cloudInitNoCloud', 'cloudInitConfigDrive']) {
      const src = v[key];
      if (!isRecord(src)) continue;
      const p = joinPath(base, 'volumes', k, key);
      if (typeof src.networkData === 'string') return { text: src.networkData, path: joinPath(p, 'networkData') };
      const b64 = decodeBase64(src.networkDataBase64);
      if (b64 !== undefined) return { text: b64, path: joinPath(p, 'networkDataBase64') };
      const ref = isRecord(src.networkDataSecretRef) ? str(src.networkDataSecretRef.name) : undefined;
      const secret = ref ? secrets.get(`${namespace}/${ref}`) : undefined;
      if (secret) {
        const sd = isRecord(secret.stringData) ? secret.stringData : {};
        const d = isRecord(secret.data) ? secret.data : {};
        const text = str(sd.networkdata) ?? decodeBase64(d.networkdata);
        if (text !== undefined) return { text, path: joinPath(p, 'networkDataSecretRef'), secret: `${namespace}/${ref}` };
      }
    }
  }
  return undefined;
}

/** Reads one VM/VMI: NICs paired with networks, placement, cloud-init networkData (inline or from a Secret of the set). */
export function readVm(m: Manifest, secrets: Map<string, Manifest>): VmInfo | undefined {
  const ref = refOf(m, true);
  const namespace = ref.namespace ?? DEFAULT_NAMESPACE;
  const isVmKind = m.kind === 'VirtualMachine';
  const spec = isRecord(m.spec) ? m.spec : undefined;
  const tmpl = isVmKind && spec && isRecord(spec.template) ? spec.template : undefined;
  const vmi = isVmKind ? (tmpl && isRecord(tmpl.spec) ? tmpl.spec : undefined) : spec;
  if (!vmi) return undefined;
  const base = isVmKind ? 'spec.template.spec' : 'spec';
  const domain = isRecord(vmi.domain) ? vmi.domain : undefined;
  const devices = domain && isRecord(domain.devices) ? domain.devices : undefined;
  const ifaces = Array.isArray(devices?.interfaces) ? devices.interfaces : [];
  const networks = Array.isArray(vmi.networks) ? vmi.networks : [];
  const netByName = new Map<string, { index: number; rec: Record<string, unknown> }>();
  networks.forEach((n, index) => {
    if (isRecord(n) && typeof n.name === 'string' && !netByName.has(n.name)) netByName.set(n.name, { index, rec: n });
  });
  const nics: VmNic[] = [];
  ifaces.forEach((i, index) => {
    if (!isRecord(i) || typeof i.name !== 'string') return;
    const n = netByName.get(i.name);
    const multus = n && isRecord(n.rec.multus) ? str(n.rec.multus.networkName) : undefined;
    nics.push({
      index,
      path: joinPath(base, 'domain', 'devices', 'interfaces', index),
      name: i.name,
      binding: bindingOf(i as VmInterface),
      mac: typeof i.macAddress === 'string' ? normalizeMac(i.macAddress) : undefined,
      absent: i.state === 'absent',
      raw: i,
      ...(n ? { network: { index: n.index, path: joinPath(base, 'networks', n.index), multus, pod: n.rec.pod !== undefined } } : {}),
      ...(multus ? { nadKey: nadKeyOf(multus, namespace) } : {}),
    });
  });
  const runStrategy = isVmKind ? str(spec?.runStrategy) : undefined;
  const running = !(runStrategy === 'Halted' || (isVmKind && spec?.running === false));
  const nodeSelector = stringMap(vmi.nodeSelector);
  const placement = readPlacement(nodeSelector ?? {}, vmi.affinity, base);
  return {
    manifest: m,
    ref,
    namespace,
    name: ref.name ?? '',
    base,
    ...(nodeSelector ? { nodeSelector } : {}),
    ...(placement ? { placement } : {}),
    hasAffinity: isRecord(vmi.affinity) && vmi.affinity.nodeAffinity !== undefined,
    nics,
    networkData: readNetworkData(vmi.volumes, base, namespace, secrets),
    running,
  };
}

/**
 * Placement alternatives of a VM: `nodeSelector` ANDed with each term of
 * `affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`
 * (terms are ORed). Only `In` and `Exists` expressions are kept (see `alternativeImplies`).
 */
function readPlacement(nodeSelector: Selector, affinity: unknown, base: string): PlacementAlternative[] | undefined {
  const na = isRecord(affinity) && isRecord(affinity.nodeAffinity) ? affinity.nodeAffinity : undefined;
  const req = na && isRecord(na.requiredDuringSchedulingIgnoredDuringExecution) ? na.requiredDuringSchedulingIgnoredDuringExecution : undefined;
  const terms = req && Array.isArray(req.nodeSelectorTerms) ? req.nodeSelectorTerms : [];
  const fromSelector = (): Map<string, string[] | null> => new Map(Object.entries(nodeSelector).map(([k, v]) => [k, [v]]));
  if (terms.length === 0) {
    return Object.keys(nodeSelector).length === 0 ? undefined : [{ path: joinPath(base, 'nodeSelector'), labels: fromSelector() }];
  }
  const termsPath = joinPath(base, 'affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms');
  return terms.map((t, i) => {
    const labels = fromSelector();
    const exprs = isRecord(t) && Array.isArray(t.matchExpressions) ? t.matchExpressions : [];
    for (const e of exprs) {
      if (!isRecord(e) || typeof e.key !== 'string') continue;
      const had = labels.get(e.key);
      if (e.operator === 'In' && Array.isArray(e.values)) {
        const values = e.values.map((v) => String(v));
        labels.set(e.key, had === undefined || had === null ? values : had.filter((v) => values.includes(v)));
      } else if (e.operator === 'Exists' && had === undefined) labels.set(e.key, null);
    }
    return { path: joinPath(termsPath, i), labels };
  });
}
