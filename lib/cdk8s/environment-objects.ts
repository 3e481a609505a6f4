/**
 * The ApiObjects of a `NetworkEnvironment`: one per manifest the core render produced, created
 * from the render's output (never predicted), each a child of the construct that declared its
 * spec (`ApiObject.of(vm)` is the VM's VirtualMachine; a network's NNCPs and NADs are its
 * children), or of the environment's `Objects` container when no construct of this chart owns it.
 *
 * Output order. cdk8s writes a chart's objects in the order of
 * `new DependencyGraph(chart.node).topology()` (cdk8s-team/cdk8s-core src/app.ts `chartToKube`,
 * src/dependency.ts `DependencyVertex.topology`): the dependency roots in construct pre-order,
 * each after (depth first) what it depends on. The environment's first child, `ApplyOrder`, is
 * a plain construct that depends on every rendered object in the render's order, and no object
 * depends on another; so cdk8s visits `ApplyOrder` first and writes the objects in apply order
 * (a VM's cloud-init Secret right after the VM), wherever they sit in the tree, then the user's
 * own objects in construct order — exactly the bytes of the former one-container-per-layer tree.
 * `ApplyOrder` has no children, so cdk8s's `resolveDependencies` adds no object-to-object
 * dependency from it, and each of its edges costs O(1) (no cycle search down a chain).
 */
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Manifest } from '../core/manifest';
import { RenderedManifest } from '../core/topology/render';
import { RenderedApiObject } from './rendered-api-object';

/** Construct id of a manifest's object under its owner: its key (`Kind/namespace/name`) with dashes. */
function objectId(key: string): string {
  return key.replace(/\//g, '-');
}

/**
 * Construct id of a rendered object under its owner: `Resource` for a VM's VirtualMachine (so
 * `ApiObject.of(vm)` and `vm.node.defaultChild` find it), the kind for an object derived from it
 * (its cloud-init `Secret`), the key with dashes otherwise. Every VM's child map then has the
 * same keys (V8 keeps one shape for thousands of them; unique per-VM keys once put it on a slow
 * path, see test/bench/cdk8s-layout.test.ts).
 */
function childId(r: RenderedManifest): string {
  if (r.origin.kind !== 'vm') return objectId(r.key);
  return r.derivedFrom === undefined && r.manifest.kind === 'VirtualMachine' ? 'Resource' : r.manifest.kind;
}

/** The construct that owns a rendered manifest's object. */
export type OwnerOf = (rendered: RenderedManifest) => Construct | undefined;

/** The ordering construct, the fallback container and the objects of one environment. */
export class EnvironmentObjects {
  private readonly order: Construct;
  private readonly fallback: Construct;
  private readonly placed = new Map<string, { readonly scope: Construct; readonly object: RenderedApiObject }>();
  private ordered: readonly ApiObject[] = [];

  /** Call first thing in the environment's constructor: `ApplyOrder` must be its first child. */
  constructor(private readonly chart: Chart) {
    this.order = new Construct(chart, 'ApplyOrder');
    this.fallback = new Construct(chart, 'Objects');
  }

  /** The container of objects no construct of this chart owns (before the owners: read first by `findAll`). */
  public get container(): Construct {
    return this.fallback;
  }

  /**
   * Makes the environment's ApiObjects the rendered set: keeps the ones that stay (and whatever
   * was done to them), removes the ones gone, creates the new ones under their owner, and makes
   * `ApplyOrder` depend on all of them in the render's order. `produce(key)` gives an object's
   * current content at synth.
   */
  public sync(rendered: readonly RenderedManifest[], ownerOf: OwnerOf, produce: (key: string) => Manifest): void {
    const wanted = new Set(rendered.map((r) => r.key));
    for (const [key, p] of this.placed) {
      if (wanted.has(key)) continue;
      p.scope.node.tryRemoveChild(p.object.node.id);
      this.placed.delete(key);
    }
    const objects: ApiObject[] = [];
    for (const r of rendered) {
      let p = this.placed.get(r.key);
      if (!p) {
        const owner = ownerOf(r);
        const scope = owner && Chart.of(owner) === this.chart && !owner.node.tryFindChild(childId(r)) ? owner : this.fallback;
        const id = scope === this.fallback ? objectId(r.key) : childId(r);
        p = { scope, object: new RenderedApiObject(scope, id, r.manifest, () => produce(r.key)) };
        this.placed.set(r.key, p);
      }
      objects.push(p.object);
    }
    // one call per object: tens of thousands of spread arguments would overflow the stack
    const node = this.order.node;
    for (const o of this.ordered) node.removeDependency(o);
    for (const o of objects) node.addDependency(o);
    this.ordered = objects;
  }

  /** The ApiObject of a rendered manifest (after {@link sync}), if any. */
  public find(rendered: RenderedManifest): RenderedApiObject | undefined {
    return this.placed.get(rendered.key)?.object;
  }
}
