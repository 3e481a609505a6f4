import * as pulumi from '@pulumi/pulumi';
import { formatProblem } from '../core/errors';
import { API, Manifest } from '../core/manifest';
import { pluginProfileByName } from '../core/cni';
import { hostPolicyKeys, keyString, ManifestKey, manifestKey, networkKeys, uplinkKeys, vmKeys, prerequisiteKeys } from '../core/topology/keys';
import { Topology } from '../core/topology/model';
import { renderLayers } from '../core/topology/render';
import { resolveTopology } from '../core/topology/resolve';
import { macKey, allocateMacs } from '../core/topology/render-vm';
import { validateEnvironment } from '../core/topology/validate-environment';
import {
  BondedUplink, ClusterNetworkPrerequisites, MultihomedVM, NodeNetworkPolicy, TYPE_TOKENS, VlanBridgeNetwork, VmNetworkOutputs,
} from './components';
import { NetworkAgent } from './network-agent';
import { ReadinessOptions } from './readiness';

/** Args of {@link NetworkEnvironment}. */
export interface NetworkEnvironmentArgs extends ReadinessOptions {
  /** The typed environment (apps/environments/*.ts). */
  readonly environment: Topology;
  /** Multus namespace isolation. @default - from the platform */
  readonly isolation?: 'none' | 'openshift';
  /** CNI plugin build the NADs target (`upstream`, `debian-1.1.1`, `openshift`). @default - the cni module's default */
  readonly pluginProfile?: string;
  /** Kubernetes provider for every child. @default - the ambient provider */
  readonly provider?: pulumi.ProviderResource;
}

/**
 * A whole environment as a Pulumi component: validates the topology before registering any
 * child (one `ResourceError` listing every problem), then registers NNCP → NAD → VM with
 * `dependsOn` and `pulumi.com/waitFor` readiness on the NNCPs, and the node agent (a
 * {@link NetworkAgent} child with typed Kubernetes resources) when the topology has one.
 */
export class NetworkEnvironment extends pulumi.ComponentResource {
  /** Every rendered manifest, in apply order. */
  public readonly manifests: Manifest[];
  /** NNCP names. */
  public readonly policyNames: string[];
  /** NADs as `namespace/name`. */
  public readonly nadNames: string[];
  /** Per VM (`namespace/name`): MACs and static addresses per interface. */
  public readonly vms: Record<string, VmNetworkOutputs>;

  constructor(name: string, args: NetworkEnvironmentArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TYPE_TOKENS.NetworkEnvironment, name, {}, opts);
    const t = args.environment;
    const resolved = resolveTopology(t);
    const layers = renderLayers(resolved);
    this.manifests = layers.map((l) => l.manifest);
    // Manifests that travel with another (a VM's cloud-init Secret), by the key of that other.
    const derived = new Map<string, ManifestKey[]>();
    for (const { manifest: m, derivedFrom } of layers) {
      if (derivedFrom) derived.set(derivedFrom, [...(derived.get(derivedFrom) ?? []), manifestKey(m)]);
    }
    const problems = validateEnvironment(t, this.manifests, {
      isolation: args.isolation,
      pluginProfile: args.pluginProfile ? pluginProfileByName(args.pluginProfile) : undefined,
    });
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length) {
      throw new pulumi.ResourceError(`multihome: environment ${t.name} has ${errors.length} error(s):\n` + errors.map((p) => '  ' + formatProblem(p)).join('\n'), this);
    }
    // the NetworkAgent child logs the agent's warnings itself, on its own resource
    for (const w of problems.filter((p) => p.severity === 'warning' && p.resource.kind !== 'NetworkAgent')) pulumi.log.warn(formatProblem(w), this);

    const byKey = new Map(this.manifests.map((m) => [keyString(manifestKey(m)), m]));
    const taken = new Set<string>();
    const pick = (keys: ManifestKey[]): Manifest[] =>
      keys.map(keyString).filter((k) => !taken.has(k) && byKey.has(k) && (taken.add(k), true)).map((k) => byKey.get(k)!);
    const child = { parent: this };
    const common = { namePrefix: name, provider: args.provider, waitForPolicies: args.waitForPolicies, policyTimeoutSeconds: args.policyTimeoutSeconds };

    const prereq = new ClusterNetworkPrerequisites(`${name}-prerequisites`, { ...common, manifests: pick(prerequisiteKeys(t)) }, child);
    if (t.agent) {
      // the agent observes/applies the node side; it neither waits for nor gates the policies
      const agent = new NetworkAgent(`${name}-agent`, { ...t.agent, environment: t, provider: args.provider }, child);
      pick(agent.manifests.map(manifestKey));
    }
    const policyDeps = [...prereq.resources.values()];
    const policies = new Map<string, pulumi.Resource>();
    for (const h of t.hostPolicies ?? []) {
      const c = new NodeNetworkPolicy(`${name}-${h.name}`, { ...common, manifests: pick(hostPolicyKeys(h)), dependsOn: policyDeps }, child);
      for (const [k, r] of c.resources) policies.set(k, r);
    }
    for (const u of t.uplinks) {
      const ms = pick(uplinkKeys(u));
      if (!ms.length) continue;
      const Cls = u.bond ? BondedUplink : NodeNetworkPolicy;
      const c = new Cls(`${name}-${u.name}`, { ...common, manifests: ms, dependsOn: policyDeps }, child);
      for (const [k, r] of c.resources) policies.set(k, r);
    }
    const nads = new Map<string, pulumi.Resource>();
    for (const n of resolved.networks) {
      const keys = networkKeys(t, n);
      const policyKey = keyString(keys[0]);
      const ownPolicy = pick([keys[0]]);
      const nadManifests = pick(keys.slice(1));
      const network = new VlanBridgeNetwork(`${name}-${n.name}`, { ...common, manifests: ownPolicy, dependsOn: policyDeps }, child);
      for (const [k, r] of network.resources) policies.set(k, r);
      const bridgePolicy = policies.get(policyKey);
      const nadGroup = new VlanBridgeNetwork(`${name}-${n.name}-attachments`, { ...common, manifests: nadManifests, dependsOn: bridgePolicy ? [bridgePolicy] : [] }, { parent: network });
      for (const [k, r] of nadGroup.resources) nads.set(k, r);
    }
    const macs = allocateMacs(resolved);
    this.vms = {};
    for (const vm of resolved.vms) {
      const deps = vm.attachments
        .map((a) => nads.get(keyString({ ...API.nad, name: a.networkSpec?.nadName ?? a.network, namespace: vm.namespace })))
        .filter((r): r is pulumi.Resource => r !== undefined);
      const network: VmNetworkOutputs = {
        macs: Object.fromEntries(vm.attachments.map((a) => [a.name, macs.get(macKey(vm, a))!])),
        addresses: Object.fromEntries(vm.attachments.map((a) => [a.name, [...(a.ipv4 ?? []), ...(a.ipv6 ?? [])]])),
      };
      new MultihomedVM(`${name}-${vm.namespace}-${vm.name}`, { ...common, manifests: pick(vmKeys(vm).flatMap((k) => [k, ...(derived.get(keyString(k)) ?? [])])), dependsOn: deps, network }, child);
      this.vms[`${vm.namespace}/${vm.name}`] = network;
    }
    const left = [...byKey.keys()].filter((k) => !taken.has(k));
    if (left.length) throw new pulumi.ResourceError(`multihome internal error: rendered but not registered: ${left.join(', ')}`, this);
    this.policyNames = this.manifests.filter((m) => m.kind === API.nncp.kind).map((m) => m.metadata.name);
    this.nadNames = this.manifests.filter((m) => m.kind === API.nad.kind).map((m) => `${m.metadata.namespace}/${m.metadata.name}`);
    this.registerOutputs({ policyNames: this.policyNames, nadNames: this.nadNames, vms: this.vms, manifests: this.manifests });
  }
}
