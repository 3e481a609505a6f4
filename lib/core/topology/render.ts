/**
 * The one renderer: a resolved topology in, ordered manifests out — prerequisites (operator CRs,
 * then the node agent) → NNCPs → NADs → VMs — each tagged with the spec it comes from, its apply
 * layer, its Argo CD sync wave and the manifests it needs applied first. Every entry point (the
 * cdk8s and Pulumi environments, `multihome synth`, `diagram`) translates this output; none of
 * them predicts or re-derives it.
 *
 * The order depends on the intent only, never on the order specs were declared in (constructs
 * and the data form render the same bytes): NNCPs by dependency depth (policy-order.ts: a
 * policy using an interface another creates gets the next sync wave and `dependsOn` it), then
 * name; NADs and VMs by name, then namespace; a VM's derived objects right after it.
 */
import { Problem } from '../errors';
import { API, Manifest, manifestKey, objectKey } from '../manifest';
import { agentManifests, ResolvedAgentDeployment, resolveAgentDeploymentOf } from './agent-deployment';
import { Topology } from './model';
import { AGENT_ORIGIN, Origin, PREREQUISITES_ORIGIN, vmOrigin } from './origin';
import { PolicyOrder, planPoliciesInOrder } from './policy-order';
import { PlannedPolicy, policyNncp } from './render-nncp';
import { networkNads } from './render-nad';
import { allocateMacs, vmManifests } from './render-vm';
import { ResolvedTopology, resolveTopology } from './resolve';
import { SYNC_WAVE_ANNOTATION } from './sync-wave';
import { withPassThrough } from './pass-through';
import { isRecord } from '../problems';
import { isVm } from './rules/read-set';
import { readVm } from './rules/read-vm';

/** Annotation Argo CD orders sync waves by (declared in sync-wave.ts, re-exported here). */
export { SYNC_WAVE_ANNOTATION };

/** Argo CD's per-resource sync options annotation (argoproj/argo-cd docs/user-guide/sync-options.md). */
export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';

/**
 * Sync options of objects that outlive the environment: never pruned when they leave the
 * output, never deleted when the Application is (argoproj/argo-cd docs/user-guide/sync-options.md
 * "No Prune Resources" `Prune=false`, "No Resource Deletion" `Delete=false`; several options are
 * joined with `,`). Pulumi registers the same objects with `retainOnDelete`.
 */
export const KEEP_ON_REMOVAL_SYNC_OPTIONS = 'Prune=false,Delete=false';

/**
 * True for an object kept in the cluster when it leaves the output: its Argo CD sync options
 * include `Prune=false` ({@link KEEP_ON_REMOVAL_SYNC_OPTIONS} on what the render keeps; a user's
 * own annotation counts too). Pulumi registers the same objects with `retainOnDelete`.
 */
export function keptOnRemoval(m: { readonly metadata?: { readonly annotations?: Readonly<Record<string, string>> } }): boolean {
  const opts = m.metadata?.annotations?.[SYNC_OPTIONS_ANNOTATION];
  return typeof opts === 'string' && opts.split(',').some((o) => o.trim() === 'Prune=false');
}

/** Apply layers, in order. */
export type Layer = 'prerequisites' | 'nncp' | 'nad' | 'vm';

/** The apply layers in apply order. */
export const LAYERS: readonly Layer[] = ['prerequisites', 'nncp', 'nad', 'vm'];

/** One rendered manifest with where it comes from and where it goes. */
export interface RenderedManifest {
  readonly manifest: Manifest;
  /** `Kind/namespace/name` ({@link objectKey}). */
  readonly key: string;
  readonly layer: Layer;
  /** The spec it comes from; adapters map it to the construct or component that declared it. */
  readonly origin: Origin;
  /** The Argo CD sync wave written on it, or undefined when the topology turns waves off. */
  readonly syncWave?: number;
  /** Keys of rendered manifests that must exist (and be ready) before this one is applied. */
  readonly dependsOn: readonly string[];
  /**
   * Key of the manifest this one was derived from and travels with — a VM's cloud-init Secret
   * names its VirtualMachine. Undefined for primary manifests.
   */
  readonly derivedFrom?: string;
  /**
   * True for objects kept when the environment is removed: cluster singletons (the NMState CR,
   * whose deletion uninstalls the nmstate handler; NetworkAddonsConfig `cluster`) and the
   * Namespaces the environment creates (deleting one deletes every VM in it). They carry
   * {@link KEEP_ON_REMOVAL_SYNC_OPTIONS}; Pulumi registers them with `retainOnDelete`.
   */
  readonly retain?: boolean;
  /** True for an object the environment ships as given (`Topology.passThrough`): annotations it carries are never rewritten. */
  readonly asGiven?: boolean;
}

/** What {@link renderEnvironment} renders from: the resolved topology and what was planned from it. */
export interface RenderInput {
  readonly topology: ResolvedTopology;
  /** The NNCPs in apply order: by dependency depth ({@link PolicyOrder}), then name. */
  readonly policies: readonly PlannedPolicy[];
  /** The node agent's deployment, when the topology deploys it. */
  readonly agent?: ResolvedAgentDeployment;
  /** MAC of every VM NIC ({@link allocateMacs}). */
  readonly macs: ReadonlyMap<string, string>;
  /** The order between the policies ({@link policyOrder} of their NNCPs). */
  readonly order: PolicyOrder;
}

/**
 * The sync wave of each layer for this render: the topology's waves, with the NAD wave moved
 * later when the NNCP chain (`nncp + depth`) would reach it, so NADs always follow every NNCP,
 * and the VM wave moved after it when it was after the NAD wave. Layers given out of order (NAD
 * wave not after the NNCP wave) are kept as given.
 */
export function layerWaves(t: Pick<ResolvedTopology, 'waves'>, order: Pick<PolicyOrder, 'maxDepth'>): Readonly<Record<Layer, number>> {
  const w = t.waves;
  if (w.nad <= w.nncp) return w;
  const nad = Math.max(w.nad, w.nncp + order.maxDepth + 1);
  return { prerequisites: w.prerequisites, nncp: w.nncp, nad, vm: w.vm > w.nad ? Math.max(w.vm, nad + 1) : w.vm };
}

/** Compares by name, then namespace: the order of NADs and VMs within their layer. */
function byNameThenNamespace(a: { readonly name: string; readonly namespace: string }, b: { readonly name: string; readonly namespace: string }): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0;
}

/**
 * Prerequisite operator CRs (NMState, NetworkAddonsConfig). The NetworkAddonsConfig carries only
 * components of the CNAO CRD (manifests/cluster-network-addons/0.102.0/network-addons-config.crd.yaml).
 */
export function prerequisiteManifests(t: Pick<Topology, 'prerequisites'>): Manifest[] {
  const out: Manifest[] = [];
  const p = t.prerequisites;
  if (!p) return out;
  const keep = (): Record<string, string> => ({ [SYNC_OPTIONS_ANNOTATION]: KEEP_ON_REMOVAL_SYNC_OPTIONS });
  if (p.nmstate ?? true) out.push({ ...API.nmstate, metadata: { name: 'nmstate', annotations: keep() } });
  const na = p.networkAddons;
  if (na) {
    const spec: Record<string, unknown> = {};
    if (na.multus) spec.multus = {};
    if (na.linuxBridge) spec.linuxBridge = {};
    // no `nmstate`: the CNAO CRD has no such component (validate-topology reports the option)
    if (na.kubeMacPool) spec.kubeMacPool = na.kubeMacPool === true ? {} : { rangeStart: na.kubeMacPool.rangeStart, rangeEnd: na.kubeMacPool.rangeEnd };
    if (na.imagePullPolicy) spec.imagePullPolicy = na.imagePullPolicy;
    out.push({ ...API.networkAddonsConfig, metadata: { name: 'cluster', annotations: keep() }, spec });
  }
  return out;
}

/**
 * The Namespaces an environment creates (`namespaces: { x: { create: true } }`), by name, each
 * kept on removal; none for a namespace the node agent renders itself (`agentNamespace`).
 */
export function namespaceManifests(t: Pick<Topology, 'namespaces'>, agentNamespace?: string): Manifest[] {
  const out: Manifest[] = [];
  for (const name of Object.keys(t.namespaces ?? {}).sort()) {
    const ns = t.namespaces![name];
    if (ns.create !== true || name === agentNamespace) continue;
    out.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name,
        ...(ns.labels && Object.keys(ns.labels).length ? { labels: { ...ns.labels } } : {}),
        annotations: { ...(ns.annotations ?? {}), [SYNC_OPTIONS_ANNOTATION]: KEEP_ON_REMOVAL_SYNC_OPTIONS },
      },
    });
  }
  return out;
}

/**
 * Renders a resolved topology into tagged manifests, in apply order. With `problems`, a VM whose
 * cloud-init networkData cannot be rendered (an address that is not CIDR, two NICs with one MAC)
 * renders without it and its problems are pushed there; without, that throws a MultihomeError.
 */
export function renderEnvironment(input: RenderInput, problems?: Problem[]): RenderedManifest[] {
  const { topology: t, policies, agent, macs, order } = input;
  const waves = layerWaves(t, order);
  const out: RenderedManifest[] = [];
  const push = (manifest: Manifest, layer: Layer, origin: Origin, dependsOn: readonly string[], derivedFrom?: string, waveOffset = 0): string => {
    const syncWave = t.syncWaves ? waves[layer] + waveOffset : undefined;
    if (syncWave !== undefined) manifest.metadata.annotations = { ...(manifest.metadata.annotations ?? {}), [SYNC_WAVE_ANNOTATION]: String(syncWave) };
    const key = manifestKey(manifest);
    const retain = keptOnRemoval(manifest);
    out.push({ manifest, key, layer, origin, syncWave, dependsOn, ...(derivedFrom !== undefined ? { derivedFrom } : {}), ...(retain ? { retain } : {}) });
    return key;
  };

  // the environment's own Namespaces first (prerequisites of everything namespaced; owned like the operator CRs)
  const namespaceKeys = new Set(namespaceManifests(t, agent?.createNamespace ? agent.namespace : undefined).map((m) => push(m, 'prerequisites', PREREQUISITES_ORIGIN, [])));
  const inNamespace = (ns: string): string[] => {
    const k = objectKey('Namespace', ns);
    return namespaceKeys.has(k) ? [k] : [];
  };
  const prerequisites = prerequisiteManifests(t).map((m) => push(m, 'prerequisites', PREREQUISITES_ORIGIN, []));
  // the node agent is a prerequisite too: it reports the node side the policies build
  if (agent) for (const a of agentManifests(agent)) push(a.manifest, 'prerequisites', AGENT_ORIGIN, a.dependsOn);

  // NNCPs by depth, then name: each after the policies whose interfaces it uses, one wave later
  const depthOf = (p: PlannedPolicy): number => order.depth.get(p.name) ?? 0;
  const policyKeys = new Set(policies.map((p) => objectKey(API.nncp.kind, p.name)));
  for (const p of policies) {
    const after = (order.after.get(p.name) ?? []).map((d) => objectKey(API.nncp.kind, d.policy)).filter((k) => policyKeys.has(k));
    push(policyNncp(p, t.resolvedTarget), 'nncp', p.origin, [...prerequisites, ...after], undefined, depthOf(p));
  }

  const nads: Array<{ manifest: Manifest; name: string; namespace: string; origin: Origin; deps: string[]; provides: string[] }> = [];
  for (const n of t.networks) {
    const policy = objectKey(API.nncp.kind, n.policyName);
    const deps = policyKeys.has(policy) ? [policy] : [];
    for (const m of networkNads(n, t.resolvedTarget)) {
      const namespace = m.metadata.namespace ?? '';
      // a CUDN is cluster-scoped: it needs its namespaces and provides the NAD in each
      const cudn = m.kind !== API.nad.kind;
      const namespaces = cudn ? n.namespaces : [namespace];
      nads.push({ manifest: m, name: m.metadata.name, namespace, origin: { kind: 'network', name: n.name }, deps: [...namespaces.flatMap(inNamespace), ...deps], provides: namespaces.map((ns) => objectKey(API.nad.kind, n.nadName, ns)) });
    }
  }
  // the key of the object that provides each NAD (the NAD itself, or the CUDN OVN-Kubernetes writes it from)
  const nadProviders = new Map<string, string>();
  for (const n of nads.sort(byNameThenNamespace)) {
    const key = push(n.manifest, 'nad', n.origin, n.deps);
    for (const nad of n.provides) nadProviders.set(nad, key);
  }

  for (const vm of [...t.vms].sort(byNameThenNamespace)) {
    const origin = vmOrigin(vm);
    const providers = vm.attachments.map((a) => nadProviders.get(objectKey(API.nad.kind, a.networkSpec?.nadName ?? a.network, vm.namespace)));
    const nadsOfVm = [...inNamespace(vm.namespace), ...new Set(providers.filter((k): k is string => k !== undefined))];
    const [primary, ...derived] = vmManifests(vm, macs, problems, t.resolvedTarget);
    const from = push(primary, 'vm', origin, nadsOfVm);
    for (const m of derived) push(m, 'vm', origin, nadsOfVm, from);
  }
  if (!t.passThrough?.length) return out;
  return withPassThrough(out, t.passThrough, { kind: 'environment', name: t.name }, (layer) => (t.syncWaves ? waves[layer] : undefined));
}

/** Resolves a topology once and plans everything its render needs: policies, the agent, MACs. */
export function planEnvironment(t: Topology, previous?: readonly Manifest[]): RenderInput {
  const topology = resolveTopology(t);
  // every consumer (render, the agent's config, validation) sees the policies in apply order
  const { policies, order } = planPoliciesInOrder(topology);
  const agent = t.agent ? resolveAgentDeploymentOf(topology, policies, t.agent) : undefined;
  return { topology, policies, agent, macs: allocateMacs(topology, previous ? podMacsOf(previous) : undefined), order };
}

/**
 * The pod NIC MACs of a previous output's VirtualMachines, keyed like `podMacKey`
 * (`namespace/vm/interface` of the interface bound to the `pod: {}` network), as written there.
 */
export function podMacsOf(previous: readonly Manifest[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of previous) {
    if (!isRecord(m) || !isRecord(m.metadata) || m.kind !== API.vm.kind || !isVm(m)) continue;
    const vm = readVm(m, new Map());
    const pod = vm?.nics.find((n) => n.network?.pod);
    if (vm && pod && typeof pod.raw.macAddress === 'string') out.set(`${vm.namespace}/${vm.name}/${pod.name}`, pod.raw.macAddress);
  }
  return out;
}

/** Renders a topology into manifests in apply order (no validation; see `buildEnvironment`). */
export function renderTopology(t: Topology): Manifest[] {
  return renderEnvironment(planEnvironment(t)).map((r) => r.manifest);
}
