/**
 * The one renderer: a topology in, ordered plain manifests out —
 * prerequisites (operator CRs, then the node agent) → NNCPs → NADs → VMs — with Argo CD sync
 * waves by layer.
 */
import { API, Manifest } from '../manifest';
import { renderAgentDeployment } from './agent-deployment';
import { Topology } from './model';
import { planPolicies, policyManifest } from './render-nncp';
import { networkNads } from './render-nad';
import { allocateMacs, vmManifests } from './render-vm';
import { keyString } from './keys';
import { ResolvedTopology, resolveTopology } from './resolve';
import { SYNC_WAVE_ANNOTATION } from './sync-wave';

/** Annotation Argo CD orders sync waves by (declared in sync-wave.ts, re-exported here). */
export { SYNC_WAVE_ANNOTATION };

/** Apply layers, in order. */
export type Layer = 'prerequisites' | 'nncp' | 'nad' | 'vm';

/** The apply layer of a kind. */
export function layerOf(kind: string): Layer {
  switch (kind) {
    case API.nncp.kind:
      return 'nncp';
    case API.nad.kind:
      return 'nad';
    case API.nmstate.kind:
    case API.networkAddonsConfig.kind:
    case API.namespace.kind:
      return 'prerequisites';
    default:
      return 'vm';
  }
}

/** A rendered manifest with the layer it belongs to. */
export interface LayeredManifest {
  readonly layer: Layer;
  readonly manifest: Manifest;
  /**
   * Key (`Kind/namespace/name`) of the manifest this one was derived from and travels with —
   * a VM's cloud-init Secret names its VirtualMachine. Undefined for primary manifests.
   */
  readonly derivedFrom?: string;
}

/** Prerequisite operator CRs (NMState, NetworkAddonsConfig). */
export function prerequisiteManifests(t: Topology): Manifest[] {
  const out: Manifest[] = [];
  const p = t.prerequisites;
  if (!p) return out;
  if (p.nmstate ?? true) out.push({ ...API.nmstate, metadata: { name: 'nmstate' } });
  const na = p.networkAddons;
  if (na) {
    const spec: Record<string, unknown> = {};
    if (na.multus) spec.multus = {};
    if (na.linuxBridge) spec.linuxBridge = {};
    if (na.nmstate) spec.nmstate = {};
    if (na.kubeMacPool) spec.kubeMacPool = na.kubeMacPool === true ? {} : { rangeStart: na.kubeMacPool.rangeStart, rangeEnd: na.kubeMacPool.rangeEnd };
    if (na.imagePullPolicy) spec.imagePullPolicy = na.imagePullPolicy;
    out.push({ ...API.networkAddonsConfig, metadata: { name: 'cluster' }, spec });
  }
  return out;
}

/** Renders a resolved topology into layered manifests, in apply order. */
export function renderLayers(t: ResolvedTopology): LayeredManifest[] {
  const out: LayeredManifest[] = [];
  for (const m of prerequisiteManifests(t)) out.push({ layer: 'prerequisites', manifest: m });
  // the node agent (Topology.agent) is a prerequisite too: it reports the node side the policies build
  for (const m of t.agent ? renderAgentDeployment(t, t.agent) : []) out.push({ layer: 'prerequisites', manifest: m });
  for (const p of planPolicies(t)) out.push({ layer: 'nncp', manifest: policyManifest(p) });
  for (const n of t.networks) for (const m of networkNads(n)) out.push({ layer: 'nad', manifest: m });
  const macs = allocateMacs(t);
  for (const vm of t.vms) {
    const [primary, ...derived] = vmManifests(vm, macs);
    out.push({ layer: 'vm', manifest: primary });
    const from = keyString({ kind: primary.kind, name: vm.name, namespace: vm.namespace });
    for (const m of derived) out.push({ layer: 'vm', manifest: m, derivedFrom: from });
  }
  if (t.syncWaves) for (const l of out) annotate(l.manifest, SYNC_WAVE_ANNOTATION, String(t.waves[l.layer]));
  return out;
}

function annotate(m: Manifest, key: string, value: string): void {
  m.metadata.annotations = { ...(m.metadata.annotations ?? {}), [key]: value };
}

/** Renders a topology into manifests in apply order (no validation; see `validateTopology`). */
export function renderTopology(t: Topology): Manifest[] {
  return renderLayers(resolveTopology(t)).map((l) => l.manifest);
}
