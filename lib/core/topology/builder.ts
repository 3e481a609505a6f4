/**
 * A mutable topology that constructs and components add to one object at a time, then read
 * back as one {@link Topology}. Framework-free: the cdk8s and Pulumi adapters share it.
 */
import type { TargetSpec } from '../target/versions';
import type { AgentDeploymentOptions } from './agent-options';
import {
  HostPolicySpec, NamespaceSpec, NetworkSpec, NodeGroupSpec, OrderingSpec, Platform, PrerequisitesSpec, Topology, UplinkSpec, VmSpec,
} from './model';

/** Environment-wide settings of a {@link TopologyBuilder}. */
export interface TopologySettings {
  readonly name: string;
  readonly platform?: Platform | `${Platform}`;
  /** The versions the cluster runs (`Topology.target`). */
  readonly target?: TargetSpec;
  readonly prerequisites?: PrerequisitesSpec;
  /** Namespaces the environment creates or expects (`Topology.namespaces`). */
  readonly namespaces?: Readonly<Record<string, NamespaceSpec>>;
  /** The node agent deployed with the environment (`Topology.agent`). */
  readonly agent?: AgentDeploymentOptions;
  readonly ordering?: OrderingSpec;
  readonly macPrefix?: string;
  readonly silence?: readonly string[];
  /** Objects written as given (`Topology.passThrough`). */
  readonly passThrough?: Topology['passThrough'];
}

/** Collects specs; {@link TopologyBuilder.topology} returns the current snapshot (cached until the next change). */
export class TopologyBuilder {
  private readonly nodeGroups: NodeGroupSpec[] = [];
  private readonly uplinks: UplinkSpec[] = [];
  private readonly networks: NetworkSpec[] = [];
  private readonly vms: VmSpec[] = [];
  private readonly hostPolicies: HostPolicySpec[] = [];
  private settings: TopologySettings;
  private snapshot?: Topology;
  private revision = 0;

  constructor(settings: TopologySettings, initial?: Topology) {
    this.settings = settings;
    if (initial) {
      this.settings = {
        name: initial.name,
        platform: initial.platform,
        target: initial.target,
        prerequisites: initial.prerequisites,
        namespaces: initial.namespaces,
        agent: initial.agent,
        ordering: initial.ordering,
        macPrefix: initial.macPrefix,
        silence: initial.silence,
        passThrough: initial.passThrough,
        ...stripUndefined(settings),
      };
    }
  }

  /** Incremented on every change; adapters use it to invalidate cached renders. */
  get version(): number {
    return this.revision;
  }

  /** Replaces environment-wide settings (merged over the current ones). */
  configure(settings: Partial<TopologySettings>): void {
    this.settings = { ...this.settings, ...stripUndefined(settings) };
    this.touch();
  }

  /** Adds a node group and returns it. */
  addNodeGroup(g: NodeGroupSpec): NodeGroupSpec {
    this.nodeGroups.push(g);
    this.touch();
    return g;
  }

  /** Adds an uplink and returns it. */
  addUplink(u: UplinkSpec): UplinkSpec {
    this.uplinks.push(u);
    this.touch();
    return u;
  }

  /** Replaces the uplink with the same name (used by `addVlan` on an existing uplink). */
  updateUplink(name: string, update: (u: UplinkSpec) => UplinkSpec): UplinkSpec {
    const i = this.uplinks.findIndex((u) => u.name === name);
    if (i < 0) throw new Error(`multihome: no uplink named ${name} in this environment`);
    this.uplinks[i] = update(this.uplinks[i]);
    this.touch();
    return this.uplinks[i];
  }

  /** Adds a network and returns it. */
  addNetwork(n: NetworkSpec): NetworkSpec {
    this.networks.push(n);
    this.touch();
    return n;
  }

  /** Replaces the network with the same name. */
  updateNetwork(name: string, update: (n: NetworkSpec) => NetworkSpec): NetworkSpec {
    const i = this.networks.findIndex((n) => n.name === name);
    if (i < 0) throw new Error(`multihome: no network named ${name} in this environment`);
    this.networks[i] = update(this.networks[i]);
    this.touch();
    return this.networks[i];
  }

  /** Adds a VM and returns it. */
  addVm(vm: VmSpec): VmSpec {
    this.vms.push(vm);
    this.touch();
    return vm;
  }

  /** Replaces the VM with the same namespace and name. */
  updateVm(namespace: string, name: string, update: (vm: VmSpec) => VmSpec): VmSpec {
    const i = this.vms.findIndex((v) => v.namespace === namespace && v.name === name);
    if (i < 0) throw new Error(`multihome: no VM ${namespace}/${name} in this environment`);
    this.vms[i] = update(this.vms[i]);
    this.touch();
    return this.vms[i];
  }

  /**
   * Replaces exactly the VM spec `current` (by identity, not by name: a second VM declared with
   * the same namespace/name is another spec, reported as a duplicate, and must not be changed
   * through the first one's handle) and returns its replacement.
   */
  replaceVm(current: VmSpec, update: (vm: VmSpec) => VmSpec): VmSpec {
    const i = this.vms.indexOf(current);
    if (i < 0) throw new Error(`multihome: VM ${current.namespace}/${current.name} is not in this environment`);
    this.vms[i] = update(current);
    this.touch();
    return this.vms[i];
  }

  /** Adds a host policy and returns it. */
  addHostPolicy(h: HostPolicySpec): HostPolicySpec {
    this.hostPolicies.push(h);
    this.touch();
    return h;
  }

  /** Looks up a node group by name. */
  nodeGroup(name: string): NodeGroupSpec | undefined {
    return this.nodeGroups.find((g) => g.name === name);
  }

  /** Looks up an uplink by name. */
  uplink(name: string): UplinkSpec | undefined {
    return this.uplinks.find((u) => u.name === name);
  }

  /** Looks up a network by name. */
  network(name: string): NetworkSpec | undefined {
    return this.networks.find((n) => n.name === name);
  }

  /** The current topology. */
  topology(): Topology {
    if (!this.snapshot) {
      this.snapshot = {
        ...this.settings,
        nodeGroups: [...this.nodeGroups],
        uplinks: [...this.uplinks],
        networks: [...this.networks],
        vms: [...this.vms],
        hostPolicies: [...this.hostPolicies],
      };
    }
    return this.snapshot;
  }

  private touch(): void {
    this.snapshot = undefined;
    this.revision++;
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
