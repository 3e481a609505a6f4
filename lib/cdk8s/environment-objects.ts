/**
 * The ApiObjects of a `NetworkEnvironment`: one per manifest the core render produced, created
 * from the render's output (never predicted), in the render's order, in one container per apply
 * layer — so cdk8s writes them in apply order, a VM's cloud-init Secret right after the VM.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { Manifest } from '../core/manifest';
import { Layer, LAYERS, RenderedManifest } from '../core/topology/render';
import { RenderedApiObject } from './rendered-api-object';

/** Container ids by layer (construct paths only; they never reach the output). */
const LAYER_IDS: Readonly<Record<Layer, string>> = { prerequisites: 'Layer-prerequisites', nncp: 'Layer-node-policies', nad: 'Layer-attachments', vm: 'Layer-vms' };

/** Construct id of a manifest's object: its key (`Kind/namespace/name`) with dashes. */
function objectId(key: string): string {
  return key.replace(/\//g, '-');
}

/** One child a container should hold, in order. */
interface WantedChild {
  readonly id: string;
  readonly create: (scope: Construct, id: string) => Construct;
}

/**
 * Makes `container`'s children exactly `wanted`, in that order: keeps the ones that stay (and
 * whatever was done to them), removes the ones gone, appends new ones when they come last, and
 * rebuilds the container's children when an addition would land out of order.
 */
function syncChildren(container: Construct, wanted: readonly WantedChild[]): void {
  const wantedIds = new Set(wanted.map((w) => w.id));
  for (const c of container.node.children) if (!wantedIds.has(c.node.id)) container.node.tryRemoveChild(c.node.id);
  const kept = container.node.children.map((c) => c.node.id);
  const inOrder = kept.every((id, i) => wanted[i]?.id === id);
  if (!inOrder) for (const id of kept) container.node.tryRemoveChild(id);
  for (const w of wanted) if (!container.node.tryFindChild(w.id)) w.create(container, w.id);
}

/** The containers and objects of one environment. */
export class EnvironmentObjects {
  private readonly containers: Readonly<Record<Layer, Construct>>;

  constructor(scope: Construct) {
    const containers = {} as Record<Layer, Construct>;
    for (const l of LAYERS) containers[l] = new Construct(scope, LAYER_IDS[l]);
    this.containers = containers;
  }

  /**
   * Makes the environment's ApiObjects the rendered set, in its order; `produce(key)` gives an
   * object's current content at synth.
   */
  public sync(rendered: readonly RenderedManifest[], produce: (key: string) => Manifest): void {
    const byLayer: Record<Layer, WantedChild[]> = { prerequisites: [], nncp: [], nad: [], vm: [] };
    for (const r of rendered) byLayer[r.layer].push({ id: objectId(r.key), create: (scope, id) => new RenderedApiObject(scope, id, r.manifest, () => produce(r.key)) });
    for (const l of LAYERS) syncChildren(this.containers[l], byLayer[l]);
  }

  /** The ApiObject of a rendered manifest (after {@link sync}), if any. */
  public find(rendered: RenderedManifest): ApiObject | undefined {
    return this.containers[rendered.layer].node.tryFindChild(objectId(rendered.key)) as ApiObject | undefined;
  }
}
