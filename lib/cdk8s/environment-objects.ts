/**
 * The ApiObjects of a `NetworkEnvironment`: one per manifest the core render produced, created
 * from the render's output (never predicted) in containers that keep cdk8s's output in apply
 * order — one container per layer, and in the VM layer one slot per VM so that what derives from
 * a VM (its cloud-init Secret) follows it.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { Manifest } from '../core/manifest';
import { Layer, LAYERS, RenderedManifest } from '../core/topology/render';
import { RenderedApiObject } from './rendered-api-object';

/** Container ids by layer (construct paths only; they never reach the output). */
const LAYER_IDS: Readonly<Record<Layer, string>> = { prerequisites: 'Layer-prerequisites', nncp: 'Layer-node-policies', nad: 'Layer-attachments', vm: 'Layer-vms' };

/** Id prefix of the per-VM slots. */
const SLOT_PREFIX = 'Slot-';

/** Construct id of a manifest's object: its key (`Kind/namespace/name`) with dashes. */
function objectId(key: string): string {
  return key.replace(/\//g, '-');
}

/** Id of the slot of the VM with key `vmKey`. */
function slotId(vmKey: string): string {
  return `${SLOT_PREFIX}${objectId(vmKey)}`;
}

/**
 * Id of an object in a VM's slot, whose own id already names the VM: just the kind
 * (`VirtualMachine`, `Secret`), so every slot's child map starts with the same property name.
 * With a per-VM name there, each slot's map began with a property no other object had, and past
 * ~1 500 such objects V8 (Node 20) degrades for the rest of the process — property stores and the
 * GC slow down several-fold — which made `app.synth()` 3–6× slower than plain ApiObjects from
 * 5 000 VMs on (bench/, `npm run bench -- --only cdk8s`).
 */
function slotChildId(r: RenderedManifest, taken: ReadonlySet<string>): string {
  return taken.has(r.manifest.kind) ? objectId(r.key) : r.manifest.kind;
}

/** One child a container should hold, in order. */
interface WantedChild {
  readonly id: string;
  readonly create: (scope: Construct, id: string) => Construct;
  /** Children of this child (a VM slot's objects). */
  readonly children?: readonly WantedChild[];
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
  for (const w of wanted) {
    const child = (container.node.tryFindChild(w.id) as Construct | undefined) ?? w.create(container, w.id);
    if (w.children) syncChildren(child, w.children);
  }
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
    const object = (r: RenderedManifest) => (scope: Construct, id: string) => new RenderedApiObject(scope, id, r.manifest, () => produce(r.key));
    const byLayer: Record<Layer, WantedChild[]> = { prerequisites: [], nncp: [], nad: [], vm: [] };
    const slots = new Map<string, { readonly children: WantedChild[]; readonly taken: Set<string> }>();
    for (const r of rendered) {
      if (r.layer !== 'vm') {
        byLayer[r.layer].push({ id: objectId(r.key), create: object(r) });
        continue;
      }
      const owner = r.derivedFrom ?? r.key;
      let slot = slots.get(owner);
      if (!slot) {
        slot = { children: [], taken: new Set() };
        slots.set(owner, slot);
        byLayer.vm.push({ id: slotId(owner), create: (scope, id) => new Construct(scope, id), children: slot.children });
      }
      const id = slotChildId(r, slot.taken);
      slot.taken.add(id);
      slot.children.push({ id, create: object(r) });
    }
    for (const l of LAYERS) syncChildren(this.containers[l], byLayer[l]);
  }

  /** The ApiObject of a rendered manifest (after {@link sync}), if any. */
  public find(rendered: RenderedManifest): ApiObject | undefined {
    const container = this.containers[rendered.layer];
    if (rendered.layer !== 'vm') return container.node.tryFindChild(objectId(rendered.key)) as ApiObject | undefined;
    const slot = container.node.tryFindChild(slotId(rendered.derivedFrom ?? rendered.key));
    return slot?.node.children.find((c): c is ApiObject => c instanceof ApiObject && c.kind === rendered.manifest.kind && c.name === rendered.manifest.metadata.name);
  }
}
