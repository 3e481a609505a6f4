import { App } from 'cdk8s';
import { IConstruct } from 'constructs';
import { generateEnvironment } from '../../bench/generate';
import { NetworkEnvironment } from '../../lib/cdk8s/network-environment';

/**
 * Performance guard found by `npm run bench -- --only cdk8s`: objects in a VM's slot are named by
 * kind only. A per-VM id there makes every slot's child map start with its own property name, and
 * past ~1 500 of those V8 slows the whole process down (synth 3–6× slower than plain ApiObjects
 * from 5 000 VMs on, peak RSS ~3.5×).
 */
describe('NetworkEnvironment VM slots', () => {
  it('name the objects in a VM slot by kind, so thousands of slots share one child-id shape', () => {
    const app = new App({ outdir: '/tmp/unused' });
    const env = new NetworkEnvironment(app, 'bench', { environment: generateEnvironment(40), warn: () => undefined });
    // the objects are created from the render at synth
    const vms = env.toJson().filter((m: { kind: string }) => m.kind === 'VirtualMachine');
    const slots = env.node.findAll().filter((c: IConstruct) => c.node.id.startsWith('Slot-'));
    expect(slots).toHaveLength(40);
    const childIds = new Set(slots.flatMap((s) => s.node.children.map((c) => c.node.id)));
    expect([...childIds]).toEqual(['VirtualMachine']);
    // names come from metadata, not from construct ids
    expect(vms.map((m: { metadata: { name: string } }) => m.metadata.name).slice(0, 2)).toEqual(['vm-00000', 'vm-00001']);
  });
});
