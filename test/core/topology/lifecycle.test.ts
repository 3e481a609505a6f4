/**
 * Two-phase removal through the renderer: each step of the documented flow (ARCHITECTURE.md
 * "Ordering and lifecycle") validates clean against the previous step's output, and skipping a
 * step is caught by the lifecycle rules.
 */
import { Topology } from '../../../lib/core/topology/model';
import { renderTopology } from '../../../lib/core/topology/render';
import { validateEnvironment } from '../../../lib/core/topology/validate-environment';
import { baseTopology } from './intent-cases';

const step0 = baseTopology();
const net = step0.networks[0];
const vm = step0.vms[0];
/** 1: unplug the NIC (attachment absent), network kept. */
const step1: Topology = { ...step0, vms: [{ ...vm, attachments: [{ ...vm.attachments[0], state: 'absent' }] }] };
/** 2: drop the attachment, render the network absent (bridge state: absent, NADs gone). */
const step2: Topology = { ...step0, networks: [{ ...net, state: 'absent' }], vms: [{ ...vm, attachments: [] }] };
/** 3: drop the network. */
const step3: Topology = { ...step0, networks: [], vms: [{ ...vm, attachments: [] }] };

const errors = (t: Topology, previous: Topology) =>
  validateEnvironment(t, renderTopology(t), { previous: renderTopology(previous) })
    .filter((p) => p.severity === 'error')
    .map((p) => `${p.code} ${p.resource.kind}/${p.resource.name} ${p.path}`);

describe('removing a network in the documented steps', () => {
  it.each([
    ['unplug', step1, step0],
    ['network absent', step2, step1],
    ['network dropped', step3, step2],
  ])('step "%s" validates clean against the previous step', (_name, t, previous) => {
    expect(errors(t, previous)).toEqual([]);
  });

  it('dropping the NIC without the unplug step is caught on the VM', () => {
    expect(errors(step2, step0)).toEqual(['TOPOLOGY_VM_IFACE_REMOVED_WITHOUT_ABSENT VirtualMachine/vm1 spec.template.spec.domain.devices.interfaces']);
  });

  it('dropping the network without the absent step is caught on the policy', () => {
    expect(errors(step3, step1)).toEqual(['TOPOLOGY_POLICY_REMOVED_WITHOUT_ABSENT NodeNetworkConfigurationPolicy/br0-eth1 spec.desiredState.interfaces']);
  });

  it('removing the NAD while the VM still uses it is caught on the VM', () => {
    const nadGone: Topology = { ...step0, networks: [{ ...net, namespaces: [] }] };
    expect(errors(nadGone, step0)).toEqual(['TOPOLOGY_NAD_REMOVED_IN_USE VirtualMachine/vm1 spec.template.spec.networks[1].multus.networkName']);
  });
});
