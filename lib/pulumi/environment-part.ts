/**
 * The parts of a Pulumi `NetworkEnvironment` (NodeGroup, Uplink, VlanBridgeNetwork, MultihomedVM,
 * …): components that add their spec to the environment's topology when constructed, and receive
 * the Kubernetes resources rendered from it, as their children, when the environment renders.
 *
 * A part finds its environment the Pulumi way, through `parent` (the environment, or another
 * part of it), else through a part it references (`uplink: bond0` is in bond0's environment); it
 * then defaults its own `parent` to the environment. The environment and its parts never import
 * each other's classes: the environment registers itself here.
 */
import * as pulumi from '@pulumi/pulumi';
import { Problem } from '../core/errors';
import { Manifest } from '../core/manifest';
import { TopologyBuilder } from '../core/topology/builder';
import { Origin } from '../core/topology/origin';

/** Addresses and MACs of one VM's secondary NICs. */
export interface VmNetworkOutputs {
  /** MAC per interface name. */
  readonly macs: Record<string, string>;
  /** Static addresses (CIDR) per interface name. */
  readonly addresses: Record<string, string[]>;
}

/** What a part learns when its environment has rendered. */
export interface PartRender {
  /** The manifests rendered from the part's spec, in apply order (Inputs settled). */
  readonly manifests: readonly Manifest[];
  /** Their resources (the part's children), in the same order. */
  readonly resources: readonly pulumi.CustomResource[];
  /** MACs and addresses per interface of the environment's VM `namespace/name` (a VM reads its own). */
  readonly vmNetwork: (namespace: string, name: string) => VmNetworkOutputs | undefined;
}

/** A part as its environment sees it: what it is called, and how it receives its render. */
export interface Part extends pulumi.ComponentResource {
  /** The name the part was created with (its problems are reported under it). */
  readonly partName: string;
  /** Called by the environment once the part's resources are registered. @internal */
  receive(r: PartRender): void;
}

/** What a part needs of its environment. */
export interface EnvironmentScope {
  /** The environment's component. */
  readonly resource: pulumi.ComponentResource;
  /** The topology every part adds its spec to. */
  readonly topology: TopologyBuilder;
  /**
   * Records `part` as the declarer of `origin` and adds its spec through `add`; refused (a
   * ResourceError on the part) once the environment has rendered.
   */
  declare<T>(part: Part, origin: Origin, add: (t: TopologyBuilder) => T): T;
  /** Changes a declared spec (`exposeTo`, `attach`, `addVlan`); refused once the environment has rendered. */
  change<T>(part: Part, what: string, update: (t: TopologyBuilder) => T): T;
  /** Problems a part found when called (`unplug` of an unknown name), reported with the environment's. */
  addProblems(problems: readonly Problem[]): void;
}

const SCOPES = new WeakMap<pulumi.Resource, EnvironmentScope>();

/** Marks `resource` (an environment or a part) as belonging to `scope`. */
export function registerScope(resource: pulumi.Resource, scope: EnvironmentScope): void {
  SCOPES.set(resource, scope);
}

/** The environment of a parent or a referenced part, if it is one of multihome's. */
export function scopeOf(r: unknown): EnvironmentScope | undefined {
  return typeof r === 'object' && r !== null ? SCOPES.get(r as pulumi.Resource) : undefined;
}

/** Options of a part: its `parent` defaults to the environment. */
export function partOptions(scope: EnvironmentScope, opts: pulumi.ComponentResourceOptions | undefined): pulumi.ComponentResourceOptions {
  return opts?.parent ? opts : { ...opts, parent: scope.resource };
}

/** The environment of a new part: from `opts.parent`, else from the parts it references. */
export function findScope(type: string, name: string, opts: pulumi.ComponentResourceOptions | undefined, refs: readonly unknown[]): EnvironmentScope {
  const scope = scopeOf(opts?.parent) ?? refs.map(scopeOf).find((s) => s !== undefined);
  if (scope) return scope;
  const kind = type.split(':').pop();
  throw new pulumi.ResourceError(
    `multihome: ${kind} ${name} is not in a NetworkEnvironment: create it with { parent: env } (the environment, or one of its parts), or reference a part of one`,
    opts?.parent,
    true,
  );
}

/**
 * Base of the environment's parts. Subclasses declare their spec in their constructor
 * (`this.scope.declare(...)`) and say what they output from the render ({@link outputsOf}).
 */
export abstract class EnvironmentPart extends pulumi.ComponentResource implements Part {
  /** The name the part was created with (its problems are reported under it). */
  public readonly partName: string;
  /** @internal */
  public readonly scope: EnvironmentScope;
  /** @internal */
  public readonly rendered: Promise<PartRender>;
  private settle!: (r: PartRender) => void;

  protected constructor(type: string, name: string, opts: pulumi.ComponentResourceOptions | undefined, refs: readonly unknown[]) {
    const scope = findScope(type, name, opts, refs);
    super(type, name, {}, partOptions(scope, opts));
    this.partName = name;
    this.scope = scope;
    registerScope(this, scope);
    // never rejects: when the environment fails, its `ready` carries the error and the parts' outputs stay pending
    this.rendered = new Promise((resolve) => (this.settle = resolve));
  }

  /** Called by the environment once the part's resources are registered. @internal */
  public receive(r: PartRender): void {
    this.settle(r);
    this.registerOutputs(this.outputsOf());
  }

  /** The outputs the part registers (its typed output properties). */
  protected abstract outputsOf(): pulumi.Inputs;

  /**
   * An output computed from the render, depending on the part's resources: a resource that
   * consumes it is created after them.
   */
  protected fromRender<T>(f: (r: PartRender) => T): pulumi.Output<T> {
    return pulumi.output(this.rendered.then((r) => pulumi.all(r.resources.map((x) => x.urn)).apply(() => f(r)))) as pulumi.Output<T>;
  }
}
