import { ApiObject, App } from 'cdk8s';
import { generateEnvironment } from '../../bench/generate';
import { NetworkEnvironment } from '../../lib/cdk8s/network-environment';

/**
 * Performance guard found by `npm run bench -- --only cdk8s`: the environment's objects are the
 * direct children of one container per apply layer (as a plain chart's objects are its direct
 * children). Per-VM wrapper constructs doubled the constructs cdk8s walks at synth (every vertex
 * of its dependency graph computes a path), and per-VM ids in many small child maps once put V8
 * on a slow path past ~1 500 of them.
 */
describe('NetworkEnvironment object layout', () => {
  it('holds each rendered manifest as a direct child of its layer container, nothing else', () => {
    const app = new App({ outdir: '/tmp/unused' });
    const env = new NetworkEnvironment(app, 'bench', { environment: generateEnvironment(40), warn: () => undefined });
    const objects = env.toJson();
    const layers = env.node.children.filter((c) => c.node.id.startsWith('Layer-'));
    expect(layers.map((l) => l.node.id)).toEqual(['Layer-prerequisites', 'Layer-node-policies', 'Layer-attachments', 'Layer-vms']);
    const inLayers = layers.flatMap((l) => l.node.children);
    expect(inLayers.every((c) => c instanceof ApiObject && c.node.children.length === 0)).toBe(true);
    expect(inLayers).toHaveLength(objects.length);
    expect(objects.filter((m: { kind: string }) => m.kind === 'VirtualMachine').map((m: { metadata: { name: string } }) => m.metadata.name).slice(0, 2)).toEqual(['vm-00000', 'vm-00001']);
  });
});
