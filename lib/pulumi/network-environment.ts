import * as pulumi from '@pulumi/pulumi';
import { Problem } from '../core/errors';
import { Manifest, nadNamesOf, objectKey, policyNamesOf } from '../core/manifest';
import { buildEnvironment, EnvironmentBuild } from '../core/topology/build';
import { TopologyBuilder } from '../core/topology/builder';
import { Declarer, Declarers, inDeclarerTerms } from '../core/topology/declarer-terms';
import { Topology } from '../core/topology/model';
import { Origin, OriginKind, originKey } from '../core/topology/origin';
import { environmentSettings, NetworkEnvironmentProps } from '../core/topology/props';
import { macKey } from '../core/topology/render-vm';
import { RenderedManifest } from '../core/topology/render';
import { EnvironmentValidationOptions } from '../core/topology/validate-environment';
import { COMPONENT_OF_ORIGIN, SpecComponent, TYPE_TOKENS } from './components';
import { Part, EnvironmentScope, registerScope, VmNetworkOutputs } from './environment-part';

export type { VmNetworkOutputs } from './environment-part';
import { extractInputs, settleInputs, substituteInputs } from './inputs';
import { reportChanges, reportProblems } from './problems';
import { ReadinessOptions } from './readiness';
import { registerRendered, Registration } from './register';
import { InputDependencies, normalizeSettledTopology, unknownSummary } from './settled-topology';

/** Args of {@link NetworkEnvironment}: the core environment props (the same as the cdk8s construct's), readiness and the provider. */
export interface NetworkEnvironmentArgs extends NetworkEnvironmentProps, ReadinessOptions {
  /** Kubernetes provider for every child. @default - the ambient provider, or the one the environment's `providers` option names */
  readonly provider?: pulumi.ProviderResource;
}


/** Which part declared each spec, per origin kind in declaration order (the topology's order). */
type DeclaredParts = Map<OriginKind, Array<Part | undefined>>;

/** The Kubernetes resources and everything the outputs are computed from, once registered. */
interface Rendered {
  readonly build: EnvironmentBuild;
  readonly resources: readonly pulumi.CustomResource[];
}

/**
 * A multihome environment as a Pulumi component, with the same props as the cdk8s
 * `NetworkEnvironment`. Its parts are components too — `NodeGroup`, `Uplink`, `BondedUplink`,
 * `VlanBridgeNetwork`, `MultihomedVM`, `HostNetworkPolicy`, `NetworkAgent`,
 * `ClusterNetworkPrerequisites`, created with `{ parent: env }` — or come from a typed
 * environment (`environment:`, the data form), or both.
 *
 * It renders once, after the synchronous part of the program that created it (every part
 * declared in the same turn, before any `await`, belongs to it; a part declared later is refused)
 * and after every `pulumi.Input` in the parts' props has settled: it builds the environment
 * through lib/core (`buildEnvironment`: render, validate), fails with one `ResourceError` listing
 * every problem before registering any Kubernetes resource, then registers each manifest under
 * the part it comes from with `dependsOn` along the sync-wave edges (NNCP → NAD → VM),
 * `pulumi.com/waitFor` on NNCPs and lifecycle options (register.ts). During `pulumi preview`, a
 * value not known yet is reported as unknown (an info message on the environment), never as a
 * problem; everything known is still checked.
 */
export class NetworkEnvironment extends pulumi.ComponentResource {
  /** Resolves once every resource is registered; rejects with the `ResourceError` listing every problem. */
  public readonly ready: Promise<void>;
  /** Every rendered manifest, in apply order. */
  public readonly manifests: pulumi.Output<Manifest[]>;
  /** NNCP names. */
  public readonly policyNames: pulumi.Output<string[]>;
  /** NADs as `namespace/name`. */
  public readonly nadNames: pulumi.Output<string[]>;
  /** Per VM (`namespace/name`): MACs and static addresses per interface. */
  public readonly vms: pulumi.Output<Record<string, VmNetworkOutputs>>;
  /** The topology the parts add to. @internal */
  public readonly topology: TopologyBuilder;

  private readonly args: NetworkEnvironmentArgs;
  private readonly envName: string;
  private readonly validation: EnvironmentValidationOptions;
  private readonly parts: DeclaredParts = new Map();
  private readonly callProblems: Problem[] = [];
  /** Parts may be declared and changed until the render starts. */
  private open = true;
  /** A data form that is not lists where the topology has lists, kept as given for the shape gate to report. */

  constructor(name: string, args: NetworkEnvironmentArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super(TYPE_TOKENS.NetworkEnvironment, name, {}, opts);
    this.args = args ?? {};
    this.envName = name;
    this.validation = { isolation: this.args.isolation, pluginProfile: this.args.pluginProfile, previous: this.args.previous, clusterState: this.args.clusterState };
    this.topology = new TopologyBuilder(environmentSettings(name, this.args));
    this.loadDataForm(this.args.environment);
    registerScope(this, this.scope());
    // the Pulumi runtime waits for the render like for a registration (what `pulumi up` and the test mocks drain)
    const keepAlive = pulumi.runtime.rpcKeepAlive();
    const rendered = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.render());
    this.ready = rendered.then(
      () => keepAlive(),
      (e) => {
        keepAlive();
        throw e;
      },
    );
    // Outputs settle only when the render succeeded (a failure is `ready`'s, reported once), after
    // every resource's URN, with those resources as their dependencies. One wait on the URNs,
    // shared by the four outputs (not one `pulumi.all` over every URN per output), whose value is a
    // boolean: `pulumi.output` of a promise copies the settled value deeply (outputRec), so the
    // outputs' values — every manifest — are computed by `apply` alone, which hands them on as they are.
    let done: Rendered | undefined;
    const ok = new Promise<Rendered>((resolve) => rendered.then(resolve, () => undefined));
    const registered = pulumi.output(ok.then((r) => ((done = r), pulumi.all(r.resources.map((x) => x.urn)).apply(() => true))));
    const out = <T>(f: (r: Rendered) => T): pulumi.Output<T> => registered.apply(() => f(done!));
    this.manifests = out((r) => r.build.manifests.map((m) => m.manifest));
    this.policyNames = out((r) => policyNamesOf(r.build.manifests.map((m) => m.manifest)));
    this.nadNames = out((r) => nadNamesOf(r.build.manifests.map((m) => m.manifest)));
    this.vms = out((r) => vmOutputs(r.build));
  }

  /** The scope the parts see. */
  private scope(): EnvironmentScope {
    return {
      resource: this,
      topology: this.topology,
      declare: (part, origin, add) => {
        this.assertOpen(part, `declare ${origin.kind} ${origin.name}`);
        const list = this.parts.get(origin.kind) ?? [];
        list.push(part);
        this.parts.set(origin.kind, list);
        return add(this.topology);
      },
      change: (part, what, update) => {
        this.assertOpen(part, what);
        return update(this.topology);
      },
      addProblems: (problems) => this.callProblems.push(...problems),
    };
  }

  private assertOpen(part: pulumi.Resource, what: string): void {
    if (this.open) return;
    throw new pulumi.ResourceError(
      `multihome: cannot ${what} in NetworkEnvironment ${this.envName}: it has rendered already. An environment renders once, after the synchronous part of the program that created it; declare and change its parts in that part (before any await)`,
      part,
      true,
    );
  }

  /** The data form's specs, declared by no part (their problems keep the data form's paths). */
  private loadDataForm(t: Topology | undefined): void {
    if (!t) return;
    const add = <T>(kind: OriginKind, specs: readonly T[] | undefined, into: (s: T) => void) => {
      if (!Array.isArray(specs)) return;
      for (const s of specs) {
        into(s);
        const list = this.parts.get(kind) ?? [];
        list.push(undefined);
        this.parts.set(kind, list);
      }
    };
    // a malformed data form (not lists) is the shape gate's to report: keep it as it is
    if (![t.nodeGroups, t.uplinks, t.networks, t.vms].every(Array.isArray) || (t.hostPolicies !== undefined && !Array.isArray(t.hostPolicies))) {
      this.malformed = t;
      return;
    }
    add('nodeGroup', t.nodeGroups, (s) => this.topology.addNodeGroup(s));
    add('hostPolicy', t.hostPolicies, (s) => this.topology.addHostPolicy(s));
    add('uplink', t.uplinks, (s) => this.topology.addUplink(s));
    add('network', t.networks, (s) => this.topology.addNetwork(s));
    add('vm', t.vms, (s) => this.topology.addVm(s));
  }

  /** A data form that is not lists where the topology has lists, kept as given for the shape gate to report. */
  private malformed?: Topology;

  /** The topology as declared: the builder's, or a malformed data form as it was given. */
  private declaredTopology(): Topology {
    const t = this.topology.topology();
    return this.malformed ? { ...this.malformed, ...t, nodeGroups: this.malformed.nodeGroups, uplinks: this.malformed.uplinks, networks: this.malformed.networks, vms: this.malformed.vms, hostPolicies: this.malformed.hostPolicies } : t;
  }

  /** Settles the Inputs, builds, reports, registers; gives what the outputs need. */
  private async render(): Promise<Rendered> {
    this.open = false;
    const { template, inputs } = extractInputs(this.declaredTopology());
    let t = template;
    let unknown: ReadonlySet<string> = new Set();
    if (inputs.length) {
      const settled = await settleInputs(inputs);
      unknown = new Set(inputs.filter((_, i) => !settled[i].known).map((i) => i.token));
      t = normalizeSettledTopology(substituteInputs(template, inputs, settled), unknown);
    }
    const build = buildEnvironment(t, this.validation);
    const owners = this.owners(t);
    const deps = new InputDependencies(t, inputs, unknown);
    const problems = [...build.problems, ...this.callProblems]
      .filter((p) => unknown.size === 0 || !deps.problemWaits(p, build, t, this.validation))
      .map((p) => inDeclarerTerms(withPartPath(p, owners.partOf(build.originOf(p))), t, owners.declarers));
    reportProblems(`environment ${t.name}`, problems.filter((p) => p.severity === 'error'), this);

    const componentOf = this.componentsOf(build, owners.partOf);
    const registrations: Registration[] = [];
    const later: RenderedManifest[] = [];
    for (const r of build.manifests) {
      const depends = deps.of(r);
      if (depends === 'later') later.push(r);
      else registrations.push({ rendered: r, parent: componentOf(r.origin), ...(depends.length ? { args: pulumi.all(depends.map((i) => i.input)).apply(() => r.manifest) } : {}) });
    }
    if (unknown.size) pulumi.log.info(unknownSummary(inputs, unknown, later), this);
    const byKey = registerRendered(registrations, { ...this.args, namePrefix: this.envName });
    reportProblems(`environment ${t.name}`, problems.filter((p) => p.severity === 'warning'), this, (p) => componentOf(build.originOf(p)));
    const originByKey = new Map(build.manifests.map((m) => [m.key, m.origin]));
    reportChanges(build.changes, (c) => {
      const origin = originByKey.get(objectKey(c.kind, c.name, c.namespace));
      return origin ? componentOf(origin) : this;
    });
    this.handOut(build, byKey, componentOf);
    this.registerOutputs({ manifests: this.manifests, policyNames: this.policyNames, nadNames: this.nadNames, vms: this.vms });
    return { build, resources: [...byKey.values()] };
  }

  /** The part (or none: the data form) that declared each origin of the settled topology, and the declarers for problem terms. */
  private owners(t: Topology): { partOf: (o: Origin) => Part | undefined; declarers: Declarers } {
    const byKey = new Map<string, Part | undefined>();
    const lists: Array<[OriginKind, readonly { name: string; namespace?: string }[] | undefined]> = [
      ['nodeGroup', t.nodeGroups],
      ['hostPolicy', t.hostPolicies],
      ['uplink', t.uplinks],
      ['network', t.networks],
      ['vm', t.vms],
    ];
    for (const [kind, specs] of lists) {
      const parts = this.parts.get(kind) ?? [];
      if (!Array.isArray(specs)) continue;
      specs.forEach((s, i) => {
        const key = originKey(kind === 'vm' ? { kind, name: `${s.namespace}/${s.name}` } : { kind, name: s.name });
        if (!byKey.has(key)) byKey.set(key, parts[i]);
      });
    }
    for (const kind of ['prerequisites', 'agent'] as const) {
      const part = this.parts.get(kind)?.[0];
      if (part) byKey.set(originKey({ kind, name: kind }), part);
    }
    const declarerOf = (p: Part | undefined): Declarer => (p ? { path: p.partName, id: p.partName } : { path: this.envName, id: this.envName, dataForm: true });
    const partOf = (o: Origin) => byKey.get(originKey(o));
    return {
      partOf,
      declarers: {
        ownerOf: (o) => (byKey.has(originKey(o)) ? declarerOf(byKey.get(originKey(o))) : undefined),
        declared: (kind) => (this.parts.get(kind) ?? []).map(declarerOf),
        home: 'pulumi',
      },
    };
  }

  /** The component each manifest is registered under: its part, else one component per data-form spec (as the part would be). */
  private componentsOf(build: EnvironmentBuild, partOf: (o: Origin) => Part | undefined): (o: Origin) => pulumi.ComponentResource {
    const made = new Map<string, pulumi.ComponentResource>();
    return (origin) => {
      const part = partOf(origin);
      if (part) return part;
      const key = originKey(origin);
      let c = made.get(key);
      if (!c) {
        const bonded = origin.kind === 'uplink' && build.topology.uplinks.some((u) => u.name === origin.name && u.bond);
        const kind = bonded ? 'BondedUplink' : COMPONENT_OF_ORIGIN[origin.kind];
        if (!kind) return this;
        c = new SpecComponent(TYPE_TOKENS[kind], `${this.envName}-${origin.kind === 'vm' ? origin.name.replace('/', '-') : origin.name}`, { parent: this });
        made.set(key, c);
      }
      return c;
    };
  }

  /** Gives every part its manifests and resources, and finishes the data form's components. */
  private handOut(build: EnvironmentBuild, byKey: ReadonlyMap<string, pulumi.CustomResource>, componentOf: (o: Origin) => pulumi.ComponentResource): void {
    const of = new Map<pulumi.ComponentResource, { manifests: Manifest[]; resources: pulumi.CustomResource[] }>();
    for (const r of build.manifests) {
      const resource = byKey.get(r.key);
      if (!resource) continue;
      const c = componentOf(r.origin);
      const entry = of.get(c) ?? { manifests: [], resources: [] };
      entry.manifests.push(r.manifest);
      entry.resources.push(resource);
      of.set(c, entry);
    }
    let vms: Record<string, VmNetworkOutputs> | undefined;
    const vmNetwork = (namespace: string, name: string) => (vms ??= vmOutputs(build))[`${namespace}/${name}`];
    for (const parts of this.parts.values()) {
      for (const part of parts) {
        if (!part) continue;
        const mine = of.get(part) ?? { manifests: [], resources: [] };
        part.receive({ ...mine, vmNetwork });
      }
    }
    for (const c of of.keys()) if (c instanceof SpecComponent) c.done();
  }
}

/** `p` located at the part that declared its spec (a manifest problem names the part's name before the object). */
function withPartPath(p: Problem, part: Part | undefined): Problem {
  return part && !p.resource.constructPath ? { ...p, resource: { ...p.resource, constructPath: part.partName } } : p;
}

/** MACs and addresses of every VM of a build. */
function vmOutputs(build: EnvironmentBuild): Record<string, VmNetworkOutputs> {
  return Object.fromEntries(
    build.topology.vms.map((vm) => [
      `${vm.namespace}/${vm.name}`,
      {
        macs: Object.fromEntries(vm.attachments.map((a) => [a.name, build.macs.get(macKey(vm, a))!])),
        addresses: Object.fromEntries(vm.attachments.map((a) => [a.name, [...(a.ipv4 ?? []), ...(a.ipv6 ?? [])]])),
      },
    ]),
  );
}
