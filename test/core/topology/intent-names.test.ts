/**
 * What the renderer derives from names and prerequisites options (review T1-1, T1-2): VM names
 * that become a label value and a Secret name, and the NetworkAddonsConfig's components.
 */
import { lab } from '../../../apps/environments/lab';
import { renderTopology } from '../../../lib/core/topology/render';
import { validateTopology } from '../../../lib/core/topology/validate-topology';
import { Topology } from '../../../lib/core/topology/model';
import { baseTopology } from './intent-cases';

const base = baseTopology();
const withVmName = (name: string): Topology => ({ ...base, vms: [{ ...base.vms[0], name, userData: '#cloud-config\n' + 'x'.repeat(4096) }] });
const found = (t: Topology, code: string) => validateTopology(t).filter((p) => p.code === code);

describe('T1-2: VM names', () => {
  test.each([
    ['64 characters', 'v'.repeat(64), /64 characters.*kubevirt\.io\/vm/],
    // the review's second case: a valid 249-character DNS subdomain, whose cloud-init Secret would be 259
    ['249 characters (the Secret name too)', 'v'.repeat(249), /cloud-init Secret name would have 259/],
    ['upper case', 'VmOne', /not a DNS-1123 subdomain/],
  ])('GIVEN a VM name of %s THEN an error at vms[0].name naming the limit', (_what, name, message) => {
    const problems = found(withVmName(name), 'TOPOLOGY_VM_NAME_INVALID');
    expect(problems.map((p) => [p.path, p.severity])).toEqual([['vms[0].name', 'error']]);
    expect(problems[0].message).toMatch(message);
    expect(problems[0].fix).toMatch(/63/);
    expect(problems[0].message.length).toBeLessThan(400);
  });

  test('GIVEN a 63-character name with cloud-init in a Secret THEN nothing: the label value and the Secret name fit', () => {
    const t = withVmName('v'.repeat(63));
    expect(found(t, 'TOPOLOGY_VM_NAME_INVALID')).toEqual([]);
    const secret = renderTopology(t).find((m) => m.kind === 'Secret');
    expect(secret?.metadata.name).toBe(`${'v'.repeat(63)}-cloudinit`);
  });
});

describe('T1-1: NetworkAddonsConfig carries no nmstate', () => {
  test('GIVEN lab THEN the NetworkAddonsConfig has only CRD components (multus, linuxBridge, imagePullPolicy) and lab has no problem', () => {
    const nac = renderTopology(lab).find((m) => m.kind === 'NetworkAddonsConfig');
    expect(nac?.spec).toEqual({ multus: {}, linuxBridge: {}, imagePullPolicy: 'Always' });
    expect(found(lab, 'TOPOLOGY_NETWORK_ADDONS_NMSTATE')).toEqual([]);
  });

  test('GIVEN networkAddons.nmstate THEN it is not rendered, and an error at its path tells to drop it', () => {
    const t: Topology = { ...base, prerequisites: { networkAddons: { multus: true, nmstate: true } } };
    expect(renderTopology(t).find((m) => m.kind === 'NetworkAddonsConfig')?.spec).toEqual({ multus: {} });
    const [p] = found(t, 'TOPOLOGY_NETWORK_ADDONS_NMSTATE');
    expect([p.path, p.severity, p.fix]).toEqual(['prerequisites.networkAddons.nmstate', 'error', 'drop networkAddons.nmstate']);
  });

  test('GIVEN networkAddons.nmstate with the NMState CR off THEN the fix also turns the CR on (nothing else installs nmstate)', () => {
    const t: Topology = { ...base, prerequisites: { nmstate: false, networkAddons: { nmstate: true } } };
    const [p] = found(t, 'TOPOLOGY_NETWORK_ADDONS_NMSTATE');
    expect(p.message).toMatch(/nothing installs nmstate/);
    expect(p.fix).toMatch(/prerequisites\.nmstate: true/);
  });
});
