/**
 * The VM side of removing a network in two releases, judged by the semantic diff: release 1
 * unplugs the NIC (state: absent), release 2 drops it. With the previous output given, the VM's
 * pod NIC keeps its pinned MAC when the VM loses its networkData, so neither release turns the
 * hot-unplug into a restart (kubevirt pkg/network/vmliveupdate/restart.go: any interface change
 * other than state is RestartRequired).
 */
import { diffManifests } from '../../../lib/core/diff';
import { Manifest } from '../../../lib/core/manifest';
import { buildEnvironment } from '../../../lib/core/topology/build';
import { Topology } from '../../../lib/core/topology/model';
import { lab } from '../../../apps/environments/lab';

const out = (t: Topology, previous?: readonly Manifest[]): Manifest[] => {
  const b = buildEnvironment(t, previous ? { previous } : {});
  expect(b.errors).toEqual([]);
  return b.manifests.map((m) => m.manifest);
};
const vmChanges = (a: readonly Manifest[], b: readonly Manifest[]) =>
  diffManifests(a, b)
    .filter((c) => c.kind === 'VirtualMachine' && c.name === 'vma')
    .map((c) => `${c.class} ${c.severity} ${c.path}`);

const unplugged: Topology = { ...lab, vms: lab.vms.map((v) => (v.name === 'vma' ? { ...v, attachments: v.attachments.map((a) => ({ ...a, state: 'absent' as const })) } : v)) };
const dropped: Topology = { ...lab, vms: lab.vms.map((v) => (v.name === 'vma' ? { ...v, attachments: [] } : v)) };

describe('unplugging a VM NIC in two releases', () => {
  const v0 = out(lab);
  it('release 1 (absent), against the applied output: a hot-unplug and the guest config, no restart', () => {
    const v1 = out(unplugged, v0);
    expect(vmChanges(v0, v1)).toEqual([
      'vm-live-migration info spec.template.spec.domain.devices.interfaces[1].state',
      'vm-guest-config warning spec.template.spec.volumes[1].cloudInitNoCloud.networkData',
    ]);
  });
  it('without the previous output the pod NIC loses its MAC: the diff shows the restart it would cause', () => {
    const v1 = out(unplugged);
    expect(vmChanges(v0, v1)).toContain('vm-restart warning spec.template.spec.domain.devices.interfaces[0].macAddress');
  });
  it('release 2 (dropped), against release 1: nothing but what KubeVirt already did', () => {
    const v1 = out(unplugged, v0);
    const v2 = out(dropped, v1);
    expect(vmChanges(v1, v2)).toEqual(['cosmetic info spec.template.spec.domain.devices.interfaces']);
    // the pod NIC kept release 0's MAC through both releases
    const podMac = (ms: readonly Manifest[]) => (ms.find((m) => m.kind === 'VirtualMachine' && m.metadata.name === 'vma') as any).spec.template.spec.domain.devices.interfaces[0].macAddress;
    expect(podMac(v2)).toBe(podMac(v0));
    expect(podMac(v0)).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
  });
});
