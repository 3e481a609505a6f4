import * as pulumi from '@pulumi/pulumi';
import { API, Manifest } from '../core/manifest';
import { buildEnvironment } from '../core/topology/build';
import { Origin, originKey } from '../core/topology/origin';
import { environmentTopology, NetworkEnvironmentProps } from '../core/topology/props';
import { macKey } from '../core/topology/render-vm';
import { COMPONENT_OF_ORIGIN, SpecComponent, TYPE_TOKENS } from './components';
import { reportProblems } from './problems';
import { ReadinessOptions } from './readiness';
import { registerRendered } from './register';

/** Args of {@link NetworkEnvironment}: the core environment props (the same as the cdk8s construct's), readiness and the provider. */
export interface NetworkEnvironmentArgs extends NetworkEnvironmentProps, ReadinessOptions {
  /** Kubernetes provider for every child. @default - the ambient provider */
  readonly provider?: pulumi.ProviderResource;
}

/** Addresses and MACs of one VM's secondary NICs. */
export interface VmNetworkOutputs {
  /** MAC per interface name. */
  readonly macs: Record<string, string>;
  /** Static addresses (CIDR) per interface name. */
  readonly addresses: Record<string, string[]>;
}

/**
 * A whole environment as a Pulumi component: builds it once through lib/core
 * (`buildEnvironment`: render, validate), fails with one `ResourceError` listing every problem
 * before registering any child, then registers each rendered manifest under the component of the
 * spec it comes from (ClusterNetworkPrerequisites, NetworkAgent, HostNetworkPolicy, Uplink /
 * BondedUplink, VlanBridgeNetwork, MultihomedVM) with `dependsOn` from the render's tags (NNCP →
 * NAD → VM) and `pulumi.com/waitFor` readiness on the NNCPs.
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
    const t = environmentTopology(name, args);
    const build = buildEnvironment(t, { isolation: args.isolation, pluginProfile: args.pluginProfile, previous: args.previous });
    const components = new Map<string, SpecComponent>();
    const componentOf = (origin: Origin): SpecComponent => {
      const key = originKey(origin);
      let c = components.get(key);
      if (!c) {
        const bonded = origin.kind === 'uplink' && build.topology.uplinks.some((u) => u.name === origin.name && u.bond);
        const kind = bonded ? 'BondedUplink' : COMPONENT_OF_ORIGIN[origin.kind] ?? 'NetworkEnvironment';
        c = new SpecComponent(TYPE_TOKENS[kind], `${name}-${origin.kind === 'vm' ? origin.name.replace('/', '-') : origin.name}`, { parent: this });
        components.set(key, c);
      }
      return c;
    };
    // every error at once, before any child is registered
    reportProblems(`environment ${t.name}`, build.errors, this);
    registerRendered(build.manifests, componentOf, { ...args, namePrefix: name });
    for (const c of components.values()) c.done();
    // warnings on the component of the spec they are about, once it exists
    reportProblems(`environment ${t.name}`, build.warnings, this, (p) => components.get(originKey(build.originOf(p))) ?? this);

    this.manifests = build.manifests.map((m) => m.manifest);
    this.policyNames = this.manifests.filter((m) => m.kind === API.nncp.kind).map((m) => m.metadata.name);
    this.nadNames = this.manifests.filter((m) => m.kind === API.nad.kind).map((m) => `${m.metadata.namespace}/${m.metadata.name}`);
    this.vms = Object.fromEntries(
      build.topology.vms.map((vm) => [
        `${vm.namespace}/${vm.name}`,
        {
          macs: Object.fromEntries(vm.attachments.map((a) => [a.name, build.macs.get(macKey(vm, a))!])),
          addresses: Object.fromEntries(vm.attachments.map((a) => [a.name, [...(a.ipv4 ?? []), ...(a.ipv6 ?? [])]])),
        },
      ]),
    );
    this.registerOutputs({ policyNames: this.policyNames, nadNames: this.nadNames, vms: this.vms, manifests: this.manifests });
  }
}
