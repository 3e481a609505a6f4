import { ApiObject, Chart, ChartProps } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Problem, formatProblem } from '../core/errors';
import { API, Manifest } from '../core/manifest';
import { canonicalManifest } from '../core/render/yaml';
import { TopologyBuilder } from '../core/topology/builder';
import { keyString, ManifestKey, manifestKey } from '../core/topology/keys';
import { OrderingSpec, Platform, PrerequisitesSpec, Topology } from '../core/topology/model';
import { Layer, LayeredManifest, layerOf, renderLayers } from '../core/topology/render';
import { resolveTopology } from '../core/topology/resolve';
import { validateEnvironment, EnvironmentValidationOptions } from '../core/topology/validate-environment';
import { loadEnvironment } from './load-environment';
import { ClusterNetworkPrerequisites } from './cluster-network-prerequisites';

const ENV_SYMBOL = Symbol.for('multihome.NetworkEnvironment');

/** Props of {@link NetworkEnvironment}. */
export interface NetworkEnvironmentProps extends Omit<ChartProps, 'disableResourceNameHashes'>, EnvironmentValidationOptions {
  /**
   * A typed environment (apps/environments/*.ts) to build the construct tree from.
   * @default - empty; add constructs to it
   */
  readonly environment?: Topology;
  /** @default - the environment's name, else the construct id */
  readonly name?: string;
  /** @default Platform.VANILLA (or the environment's) */
  readonly platform?: Platform | `${Platform}`;
  /** @default - the environment's; NMState CR only otherwise */
  readonly prerequisites?: PrerequisitesSpec;
  /** @default - sync waves on, default waves */
  readonly ordering?: OrderingSpec;
  /** MAC prefix of the deterministic allocator. @default - kubemacpool's default range */
  readonly macPrefix?: string;
  /** Warning codes not to print. @default - none */
  readonly silence?: readonly string[];
  /** Where warnings go. @default - standard error */
  readonly warn?: (message: string) => void;
}

/**
 * A cdk8s Chart that owns one environment's topology: nodes groups, uplinks, networks and VMs
 * added as constructs, and the node agent (a NetworkAgent created inside it). At synth it
 * renders everything once through lib/core, validates all resources together and fails with
 * every problem listed (each with its construct path); warnings are printed.
 */
export class NetworkEnvironment extends Chart {
  /** Finds the environment a construct belongs to. */
  public static of(c: IConstruct): NetworkEnvironment {
    let cur: IConstruct | undefined = c;
    while (cur) {
      if ((cur as unknown as Record<symbol, unknown>)[ENV_SYMBOL]) return cur as NetworkEnvironment;
      cur = cur.node.scope;
    }
    throw new Error(`multihome: ${c.node.path} is not inside a NetworkEnvironment; create it under one`);
  }

  /** The topology every construct of this environment adds to. */
  public readonly topology: TopologyBuilder;
  private readonly objects = new Map<string, { key: ManifestKey; object: ApiObject; owner: Construct; derived: boolean }>();
  /** One container per apply layer, created in apply order, so the chart's file lists objects in that order. */
  private readonly layers: Record<Layer, Construct>;
  /** The prerequisites layer in the core render's order: operator CRs, then the node agent's objects. */
  private readonly prerequisiteSlots: { readonly operators: Construct; readonly agent: Construct };
  /** Constructs reporting problems about resources that are not manifests (`NetworkAgent/<name>`), by key. */
  private readonly reporters = new Map<string, Construct>();
  private readonly validationOptions: EnvironmentValidationOptions;
  private readonly warn: (message: string) => void;
  private cache?: { version: number; layers: LayeredManifest[]; byKey: Map<string, Manifest> };
  private problemCache?: { version: number; problems: Problem[] };
  private warned = false;

  constructor(scope: Construct, id: string, props: NetworkEnvironmentProps = {}) {
    super(scope, id, { ...props, disableResourceNameHashes: true });
    Object.defineProperty(this, ENV_SYMBOL, { value: true });
    this.layers = {
      prerequisites: new Construct(this, 'Layer-prerequisites'),
      nncp: new Construct(this, 'Layer-node-policies'),
      nad: new Construct(this, 'Layer-attachments'),
      vm: new Construct(this, 'Layer-vms'),
    };
    this.prerequisiteSlots = {
      operators: new Construct(this.layers.prerequisites, 'Operators'),
      agent: new Construct(this.layers.prerequisites, 'Agent'),
    };
    const env = props.environment;
    this.topology = new TopologyBuilder({
      name: props.name ?? env?.name ?? id,
      platform: props.platform ?? env?.platform,
      prerequisites: props.prerequisites ?? env?.prerequisites,
      ordering: props.ordering ?? env?.ordering,
      macPrefix: props.macPrefix ?? env?.macPrefix,
      silence: [...(env?.silence ?? []), ...(props.silence ?? [])],
    });
    this.validationOptions = { isolation: props.isolation, pluginProfile: props.pluginProfile, previous: props.previous };
    this.warn = props.warn ?? ((m) => process.stderr.write(m + '\n'));
    if (env) loadEnvironment(this, env);
    else if (props.prerequisites) new ClusterNetworkPrerequisites(this, 'Prerequisites', props.prerequisites);
    this.node.addValidation({ validate: () => this.validateAll() });
  }

  /** Every manifest of the environment, in apply order (rendered once per change). */
  public render(): LayeredManifest[] {
    return this.rendered().layers;
  }

  /** Every problem of the environment (per resource and across resources), warnings included. */
  public problems(): Problem[] {
    const v = this.topology.version;
    if (!this.problemCache || this.problemCache.version !== v) {
      const t = this.topology.topology();
      this.problemCache = { version: v, problems: validateEnvironment(t, this.render().map((l) => l.manifest), this.validationOptions) };
    }
    return this.problemCache.problems;
  }

  /**
   * Creates (once) the ApiObject for a manifest this environment renders, owned by `owner`
   * (reported in problems); the object itself sits in its apply layer.
   * @internal
   */
  public _own(owner: Construct, key: ManifestKey): ApiObject {
    const k = keyString(key);
    const existing = this.objects.get(k);
    if (existing) return existing.object;
    const scope = this.scopeFor(key);
    const object = new RenderedObject(scope, childId(scope, key), key, () => this.manifest(k));
    this.objects.set(k, { key, object, owner, derived: false });
    return object;
  }

  /**
   * Where the environment's node agent builds its objects: the prerequisites layer, after the
   * operator CRs (the core render's order).
   * @internal
   */
  public _agentScope(): Construct {
    return this.prerequisiteSlots.agent;
  }

  /**
   * Registers an object a construct built itself (the NetworkAgent's cdk8s-plus objects) as the
   * one for a rendered manifest, owned by `owner`; synth checks the owned set against the render.
   * @internal
   */
  public _adopt(owner: Construct, key: ManifestKey, object: ApiObject): void {
    const k = keyString(key);
    if (this.objects.has(k)) throw new Error(`multihome: ${k} is already created by ${this.objects.get(k)!.owner.node.path}; ${owner.node.path} cannot create it again`);
    this.objects.set(k, { key, object, owner, derived: false });
  }

  /**
   * Makes `owner` the construct named in problems about `resource`, a resource that is not a
   * manifest (the NetworkAgent's options).
   * @internal
   */
  public _reportAs(owner: Construct, resource: { kind: string; name: string }): void {
    this.reporters.set(keyString(resource), owner);
  }

  /**
   * The construct an object sits in: its apply layer, and for a VM a slot of its own so that
   * manifests derived from it (its cloud-init Secret) follow it in the output.
   */
  private scopeFor(key: ManifestKey): Construct {
    if (layerOf(key.kind) === 'prerequisites') return this.prerequisiteSlots.operators;
    const layer = this.layers[layerOf(key.kind)];
    if (key.kind !== API.vm.kind) return layer;
    const id = `${SLOT_PREFIX}${objectId(key)}`;
    return (layer.node.tryFindChild(id) as Construct | undefined) ?? new Construct(layer, id);
  }

  /**
   * Creates the objects of derived manifests (a VM's cloud-init Secret appears once its
   * networkData outgrows the inline limit) in the slot of what they derive from, owned by the
   * same construct, and drops those no longer rendered. Runs before validation at synth.
   */
  private syncDerived(): void {
    const rendered = this.rendered();
    const wanted = new Set<string>();
    for (const l of rendered.layers) {
      if (!l.derivedFrom) continue;
      const m = l.manifest;
      const key = manifestKey(m);
      const k = keyString(key);
      wanted.add(k);
      const from = this.objects.get(l.derivedFrom);
      if (this.objects.has(k) || !from) continue;
      const slot = from.object.node.scope as Construct;
      const object = new RenderedObject(slot, childId(slot, key), key, () => this.manifest(k));
      this.objects.set(k, { key, object, owner: from.owner, derived: true });
    }
    for (const [k, o] of [...this.objects]) {
      if (!o.derived || wanted.has(k)) continue;
      o.object.node.scope!.node.tryRemoveChild(o.object.node.id);
      this.objects.delete(k);
    }
  }

  /** The construct path that owns a rendered resource, for problem reports. */
  public ownerPath(kind: string, name?: string, namespace?: string): string | undefined {
    if (!name) return undefined;
    const k = keyString({ kind, name, namespace });
    return (this.objects.get(k)?.owner ?? this.reporters.get(k))?.node.path;
  }

  private rendered(): { layers: LayeredManifest[]; byKey: Map<string, Manifest> } {
    const v = this.topology.version;
    if (!this.cache || this.cache.version !== v) {
      const layers = renderLayers(resolveTopology(this.topology.topology()));
      const byKey = new Map(layers.map((l) => [keyString(manifestKey(l.manifest)), l.manifest]));
      this.cache = { version: v, layers, byKey };
    }
    return this.cache;
  }

  private manifest(k: string): Manifest {
    const m = this.rendered().byKey.get(k);
    if (!m) throw new Error(`multihome internal error: ${k} has an object but the environment did not render it`);
    return m;
  }

  private validateAll(): string[] {
    this.syncDerived();
    const errors: string[] = [];
    const rendered = this.rendered().byKey;
    for (const k of rendered.keys()) if (!this.objects.has(k)) errors.push(`multihome internal error: ${k} is rendered but no construct owns it`);
    for (const k of this.objects.keys()) if (!rendered.has(k)) errors.push(`multihome internal error: ${k} is owned by a construct but not rendered`);
    const silence = new Set(this.topology.topology().silence ?? []);
    const problems = this.problems();
    const withPath = (p: Problem): Problem => ({
      ...p,
      resource: { ...p.resource, constructPath: p.resource.constructPath ?? this.ownerPath(p.resource.kind, p.resource.name, p.resource.namespace) },
    });
    for (const p of problems) if (p.severity === 'error') errors.push(formatProblem(withPath(p)));
    if (!this.warned) {
      this.warned = true;
      for (const p of problems) if (p.severity === 'warning' && !silence.has(p.code)) this.warn(formatProblem(withPath(p)));
    }
    return errors;
  }
}

/** An ApiObject whose whole content comes from the environment's render. */
/** Construct id of a manifest's object. */
function objectId(key: ManifestKey): string {
  return key.namespace ? `${key.kind}-${key.namespace}-${key.name}` : `${key.kind}-${key.name}`;
}

/** Id prefix of the per-VM slots ({@link NetworkEnvironment} `scopeFor`). */
const SLOT_PREFIX = 'Slot-';

/**
 * Id of an object in its scope. In a VM's slot, whose own id already names the VM, it is just the
 * kind (`VirtualMachine`, `Secret`): every slot's child map then starts with the same property
 * name. With a per-VM name there, each slot's map began with a property no other object had, and
 * past ~1 500 such objects V8 (Node 20) degrades for the rest of the process — property stores
 * and the GC slow down several-fold — which made `app.synth()` 3–6× slower than plain ApiObjects
 * from 5 000 VMs on (bench/, `npm run bench -- --only cdk8s`).
 */
function childId(scope: Construct, key: ManifestKey): string {
  if (!scope.node.id.startsWith(SLOT_PREFIX) || scope.node.tryFindChild(key.kind)) return objectId(key);
  return key.kind;
}

class RenderedObject extends ApiObject {
  constructor(scope: Construct, id: string, key: ManifestKey, private readonly produce: () => Manifest) {
    super(scope, id, { apiVersion: key.apiVersion, kind: key.kind, metadata: { name: key.name, namespace: key.namespace } });
  }

  /** Renders the core manifest in cdk8s's canonical key order. */
  public override toJson(): any {
    return canonicalManifest(this.produce());
  }
}
