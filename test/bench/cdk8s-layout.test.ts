import { ApiObject, App } from 'cdk8s';
import { generateEnvironment } from '../../bench/generate';
import { NetworkEnvironment } from '../../lib/cdk8s/network-environment';

/**
 * Performance guard found by `npm run bench -- --only cdk8s`, for the layout where each rendered
 * object is a child of the construct that declared it (issue 12 §2): the environment adds no
 * wrapper construct per object (every vertex of cdk8s's dependency graph computes a path), the
 * objects are leaves, the order comes from one `ApplyOrder` construct (the environment's first
 * child) rather than from a chain of dependencies, and every VM's child map has the same ids
 * (per-VM ids in many small child maps once put V8 on a slow path past ~1 500 of them).
 */
describe('NetworkEnvironment object layout', () => {
  it('holds each rendered manifest as a leaf child of its owner, VM objects under the same ids, ordered by one construct', () => {
    const app = new App({ outdir: '/tmp/unused' });
    const t = generateEnvironment(40);
    const env = new NetworkEnvironment(app, 'bench', { environment: t, warn: () => undefined });
    const objects = env.toJson();
    expect(env.node.children.slice(0, 2).map((c) => c.node.id)).toEqual(['ApplyOrder', 'Objects']);
    const order = env.node.findChild('ApplyOrder');
    expect(order.node.children).toEqual([]);
    const all = env.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
    expect(all).toHaveLength(objects.length);
    expect(all.every((o) => o.node.children.length === 0)).toBe(true);
    expect(order.node.dependencies).toHaveLength(objects.length);
    const vmIds = new Set(all.filter((o) => o.kind === 'VirtualMachine').map((o) => o.node.id));
    expect([...vmIds]).toEqual(['Resource']);
    // the constructs cdk8s walks: the chart, its ApplyOrder and Objects, one per spec (the loaded environment file), the objects
    const specs = (t.prerequisites ? 1 : 0) + t.nodeGroups.length + t.uplinks.length + t.networks.length + t.vms.length;
    expect(env.node.findAll()).toHaveLength(1 + 2 + specs + objects.length);
    expect(objects.filter((m: { kind: string }) => m.kind === 'VirtualMachine').map((m: { metadata: { name: string } }) => m.metadata.name).slice(0, 2)).toEqual(['vm-00000', 'vm-00001']);
  });
});
