import { ApiObject, Chart, ChartProps } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { Problem } from '../core/errors';
import { Manifest } from '../core/manifest';
import { buildEnvironment, EnvironmentBuild } from '../core/topology/build';
import { TopologyBuilder } from '../core/topology/builder';
import { Origin, OriginKind, originKey } from '../core/topology/origin';
import { environmentSettings, NetworkEnvironmentProps as CoreNetworkEnvironmentProps } from '../core/topology/props';
import { problemsOfFinalManifests } from '../core/topology/final-manifests';
import { Declarers, inDeclarerTerms } from '../core/topology/declarer-terms';
import { RenderedManifest } from '../core/topology/render';
import { EnvironmentValidationOptions } from '../core/topology/validate-environment';
import { ClusterNetworkPrerequisites } from './cluster-network-prerequisites';
import { EnvironmentObjects } from './environment-objects';
import { declarerOf } from './data-form';
import { environmentOf, EnvironmentScope, markEnvironment } from './environment-scope';
import { loadTopology } from './load-topology';
import { materializeOnRead } from './materialize-on-read';
import { addChangeReport, addProblemValidation, STDERR_WARN } from './problem-validation';

/**
 * Props of {@link NetworkEnvironment}: the core environment props (the same as the Pulumi
 * component's) and the Chart's.
 */
export interface NetworkEnvironmentProps extends Omit<ChartProps, 'disableResourceNameHashes'>, CoreNetworkEnvironmentProps {
  /** Where warnings go. @default - standard error */
  readonly warn?: (message: string) => void;
}

/**
 * A cdk8s Chart that owns one environment's topology: node groups, uplinks, networks, VMs and
 * the node agent added as constructs (or loaded from a typed environment). At synth it builds the
 * environment once through lib/core (`buildEnvironment`: render, validate), creates one ApiObject
 * per rendered manifest in apply order, and fails with every problem listed, each with the path
 * of the construct that declared it; warnings are printed.
 */
export class NetworkEnvironment extends Chart implements EnvironmentScope {
  /** Finds the environment a construct belongs to. */
  public static of(c: IConstruct): NetworkEnvironment {
    return environmentOf(c) as NetworkEnvironment;
  }

  /** The topology every construct of this environment adds to. */
  public readonly topology: TopologyBuilder;
  private readonly validation: EnvironmentValidationOptions;
  private readonly owners = new Map<string, Construct>();
  private readonly declaredInOrder = new Map<OriginKind, Construct[]>();
  /** Problems constructs found when called (`vm.unplug` of an unknown name). */
  private readonly callProblems: Problem[] = [];
  private readonly objects: EnvironmentObjects;
  private cache?: { readonly version: number; readonly build: EnvironmentBuild; readonly byKey: ReadonlyMap<string, Manifest> };
  /** Topology version the objects were last made for; true while making them (a read during it). */
  private materialized?: number | true;

  constructor(scope: Construct, id: string, props: NetworkEnvironmentProps = {}) {
    super(scope, id, { ...props, disableResourceNameHashes: true });
    markEnvironment(this);
    this.objects = new EnvironmentObjects(this);
    materializeOnRead(this.objects.container, () => this.materialize());
    const { agent: _agent, ...settings } = environmentSettings(id, props);
    this.topology = new TopologyBuilder(settings);
    this.validation = { isolation: props.isolation, pluginProfile: props.pluginProfile, previous: props.previous, clusterState: props.clusterState };
    // the constructs of the environment file declare the rest (its agent through a NetworkAgent)
    if (props.environment) loadTopology(this, { ...props.environment, prerequisites: settings.prerequisites });
    else if (settings.prerequisites) new ClusterNetworkPrerequisites(this, 'Prerequisites', settings.prerequisites);
    addProblemValidation(
      this,
      () => {
        this.materialize();
        return this.problems();
      },
      props.warn ?? STDERR_WARN,
    );
    // what applying the output changes, against the previous output (when given)
    addChangeReport(this, () => this.build().changes, props.warn ?? STDERR_WARN);
  }

  /** The environment built from its current topology: rendered, validated (cached until the next change). */
  public build(): EnvironmentBuild {
    const version = this.topology.version;
    if (!this.cache || this.cache.version !== version) {
      const build = buildEnvironment(this.topology.topology(), this.validation);
      this.cache = { version, build, byKey: new Map(build.manifests.map((m) => [m.key, m.manifest])) };
    }
    return this.cache.build;
  }

  /** Every manifest of the environment, in apply order, with origin, layer, sync wave and dependencies. */
  public render(): readonly RenderedManifest[] {
    return this.build().manifests;
  }

  /**
   * Every problem of the environment (warnings included), each with the path of the construct it
   * is about; problems about a construct's props name the construct and the prop
   * (`MultihomedVM` `prod/web-2`, `attachments[0].ipv4[0]`) and end their fix with the call that
   * sets it. The manifests are validated as cdk8s will write them: when an object was patched
   * (`addJsonPatch`) or given metadata (`metadata`, the chart's `labels`), its synthesized form
   * is validated instead of the render (lib/core/topology/final-manifests.ts).
   */
  public problems(): Problem[] {
    // the chart's labels change every object cdk8s will write, whether or not it exists yet
    if (Object.keys(this.labels).length) this.materialize();
    const build = this.build();
    const t = this.topology.topology();
    const problems = problemsOfFinalManifests(t, this.validation, build.manifests, build.problems, (r) => {
      const o = this.objects.find(r);
      return o?.customized ? (o.toJson() as Manifest) : undefined;
    });
    const owners: Declarers = {
      ownerOf: (o) => {
        const c = this.ownerOf(o);
        return c && declarerOf(c);
      },
      declared: (kind) => (this.declaredInOrder.get(kind) ?? []).map(declarerOf),
      home: 'cdk8s',
    };
    const located = problems.map((p) => inDeclarerTerms({ ...p, resource: { ...p.resource, constructPath: this.ownerOf(build.originOf(p))?.node.path ?? this.node.path } }, t, owners));
    return [...located, ...this.callProblems];
  }

  /** The construct that declared `origin` (undefined for specs loaded under another name). */
  public ownerOf(origin: Origin): Construct | undefined {
    return this.owners.get(originKey(origin));
  }

  /** The construct path that owns a rendered resource, for problem reports. */
  public ownerPath(kind: string, name: string, namespace?: string): string | undefined {
    const r = this.render().find((m) => m.manifest.kind === kind && m.manifest.metadata.name === name && m.manifest.metadata.namespace === namespace);
    return r ? this.ownerOf(r.origin)?.node.path : undefined;
  }

  /**
   * The ApiObjects rendered from `origin`, with their manifests, in apply order (created now if
   * synth has not run yet).
   */
  public objectsOf(origin: Origin): Array<{ readonly manifest: Manifest; readonly object: ApiObject }> {
    this.materialize();
    const key = originKey(origin);
    return this.render()
      .filter((r) => originKey(r.origin) === key)
      .map((r) => ({ manifest: r.manifest, object: this.objects.find(r)! }));
  }

  /** @internal */
  public _addProblems(problems: readonly Problem[]): void {
    this.callProblems.push(...problems);
  }

  /** @internal */
  public _register(origin: Origin, owner: Construct): void {
    const key = originKey(origin);
    const inOrder = this.declaredInOrder.get(origin.kind) ?? [];
    inOrder.push(owner);
    this.declaredInOrder.set(origin.kind, inOrder);
    if (this.owners.has(key)) return;
    this.owners.set(key, owner);
    materializeOnRead(owner, () => this.materialize());
  }

  /**
   * Creates, removes and orders the environment's ApiObjects to match the current render, each
   * under the construct that declared its spec. A no-op while the topology is unchanged.
   */
  private materialize(): void {
    const version = this.topology.version;
    if (this.materialized === version || this.materialized === true) return;
    this.materialized = true;
    try {
      this.objects.sync(
        this.build().manifests,
        (r) => this.ownerOf(r.origin),
        (key) => {
          this.build();
          const m = this.cache!.byKey.get(key);
          if (!m) throw new Error(`multihome internal error: ${key} has an object but the environment no longer renders it; synthesize again`);
          return m;
        },
      );
      this.materialized = version;
    } catch (e) {
      this.materialized = undefined;
      throw e;
    }
  }
}
