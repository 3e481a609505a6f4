/**
 * Lets an owner construct show its rendered ApiObjects whenever someone looks: the environment
 * creates objects from the core render (never predicted), and the render is built lazily; but
 * `ApiObject.of(vm)` (reads `node.defaultChild`), `vm.node.children` and `node.findAll()` are
 * plain reads of the construct tree. Hooking those reads on the owner's node makes the
 * environment materialize first (a no-op while the topology has not changed since the last
 * time), so the objects are there for the user's code before synth as they are at synth.
 */
import { Construct, Node } from 'constructs';

/** The reads of a construct node that list or pick its children. */
const CHILD_READS = ['children', 'defaultChild'] as const;

/**
 * Makes `owner.node.children` and `owner.node.defaultChild` call `materialize` before they
 * answer. Installed once per owner; `materialize` must tolerate being called again.
 */
export function materializeOnRead(owner: Construct, materialize: () => void): void {
  const node = owner.node;
  for (const name of CHILD_READS) {
    const read = Object.getOwnPropertyDescriptor(Node.prototype, name)!;
    Object.defineProperty(node, name, {
      configurable: true,
      get: () => {
        materialize();
        return read.get!.call(node);
      },
      set: read.set ? (v: unknown) => read.set!.call(node, v) : undefined,
    });
  }
}
