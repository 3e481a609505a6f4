import {
  compareVersions,
  DEFAULT_KUBEVIRT_VERSION,
  KUBEVIRT_API_SINCE,
  parseKubevirtVersion,
  validateVirtualMachine,
  VmInterface,
  VmNetwork,
} from '../../../lib/core/kubevirt';
import { codesAndPaths } from '../../support/fixtures';

/** A VMI with the given interfaces and networks (and extra VMI spec fields). */
const vmi = (interfaces: VmInterface[], networks: VmNetwork[], spec: Record<string, unknown> = {}) => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachineInstance',
  metadata: { name: 'v', namespace: 'vms' },
  spec: { domain: { devices: { interfaces } }, networks, ...spec },
});

const IF = 'spec.domain.devices.interfaces';
const at = (obj: unknown, kubevirtVersion?: string) => codesAndPaths(validateVirtualMachine(obj, kubevirtVersion === undefined ? {} : { kubevirtVersion }));
const pod: VmNetwork = { name: 'default', pod: {} };
const vlan: VmNetwork = { name: 'vlan100', multus: { networkName: 'br0-100' } };
const MAC = '02:4a:be:00:00:01';

describe('kubevirtVersion option', () => {
  it('defaults to 1.9: no option, the default constant and v1.9.0 give the same result', () => {
    expect(DEFAULT_KUBEVIRT_VERSION).toBe('1.9');
    const obj = vmi([{ name: 'default', masquerade: {} }, { name: 'vlan100', macvtap: {} }], [pod, vlan]);
    expect(at(obj)).toEqual(at(obj, DEFAULT_KUBEVIRT_VERSION));
    expect(at(obj, 'v1.9.0')).toEqual(at(obj));
  });

  it('parses MAJOR.MINOR (v prefix and patch level tolerated) and refuses the rest', () => {
    expect(parseKubevirtVersion('1.8')).toMatchObject({ major: 1, minor: 8, text: '1.8' });
    expect(parseKubevirtVersion('v1.8.2').text).toBe('1.8');
    expect(parseKubevirtVersion('1.10').text).toBe('1.10');
    expect(compareVersions('1.10', '1.9')).toBeGreaterThan(0);
    expect(() => validateVirtualMachine(vmi([], []), { kubevirtVersion: 'latest' })).toThrow(RangeError);
    expect(() => validateVirtualMachine(vmi([], []), { kubevirtVersion: '0.59' })).toThrow(/older than 1.0/);
  });

  it('names a release for every gated feature, none newer than the default', () => {
    for (const since of Object.values(KUBEVIRT_API_SINCE)) {
      expect(since).toMatch(/^1\.\d$/);
      expect(compareVersions(since, DEFAULT_KUBEVIRT_VERSION)).toBeLessThanOrEqual(0);
    }
  });
});

describe('version-gated rules: the same VM for two versions differs exactly in the gated rule', () => {
  it('core slirp/macvtap/passt: deprecation warning before v1.3, rejected on creation from v1.3 on', () => {
    for (const key of ['slirp', 'macvtap', 'passt']) {
      const net = key === 'macvtap' ? vlan : pod;
      const obj = vmi([{ name: net.name, [key]: {}, macAddress: MAC }], [net]);
      expect(at(obj, '1.2')).toEqual([`KUBEVIRT_BINDING_DEPRECATED @ ${IF}[0].${key}`]);
      expect(validateVirtualMachine(obj, { kubevirtVersion: '1.2' })[0].severity).toBe('warning');
      // from v1.3 the key is no binding any more (countInterfaceBindings), so v1.9 also counts none
      expect(at(obj, '1.3')).toEqual([`KUBEVIRT_BINDING_COUNT @ ${IF}[0]`, `KUBEVIRT_BINDING_DISCONTINUED @ ${IF}[0].${key}`]);
    }
  });

  it('core passtBinding: does not exist before v1.8 (fix: the passt binding plugin)', () => {
    const obj = vmi([{ name: 'default', passtBinding: {} }], [pod]);
    expect(at(obj, '1.8')).toEqual([]);
    expect(at(obj, '1.7')).toEqual([`KUBEVIRT_FIELD_NOT_IN_VERSION @ ${IF}[0].passtBinding`]);
    const [p] = validateVirtualMachine(obj, { kubevirtVersion: '1.7' });
    expect(p.severity).toBe('error');
    expect(p.fix).toContain('binding: {name: passt}');
    // the pod-only rule of passtBinding applies only where the field exists
    const onVlan = vmi([{ name: 'vlan100', passtBinding: {} }], [vlan]);
    expect(at(onVlan, '1.8')).toEqual([`KUBEVIRT_BINDING_REQUIRES_POD_NETWORK @ ${IF}[0].name`]);
    expect(at(onVlan, '1.7')).toEqual([`KUBEVIRT_FIELD_NOT_IN_VERSION @ ${IF}[0].passtBinding`]);
  });

  it('the passt binding plugin is the v1.1+ way: accepted on 1.7, refused before 1.1', () => {
    const obj = vmi([{ name: 'default', binding: { name: 'passt' } }], [pod]);
    expect(at(obj, '1.7')).toEqual([]);
    expect(at(obj, '1.1')).toEqual([]);
    expect(at(obj, '1.0')).toEqual([`KUBEVIRT_FIELD_NOT_IN_VERSION @ ${IF}[0].binding`]);
  });

  it('link state up/down: since v1.5; before, "unsupported state" and no SR-IOV rule', () => {
    for (const state of ['up', 'down']) {
      const obj = vmi([{ name: 'vlan100', bridge: {}, macAddress: MAC, state }], [vlan]);
      expect(at(obj, '1.5')).toEqual([]);
      expect(at(obj, '1.4')).toEqual([`KUBEVIRT_INTERFACE_STATE_INVALID @ ${IF}[0].state`]);
      const sriov = vmi([{ name: 'vlan100', sriov: {}, state }], [vlan]);
      expect(at(sriov, '1.5')).toEqual([`KUBEVIRT_LINK_STATE_SRIOV @ ${IF}[0].state`]);
      expect(at(sriov, '1.4')).toEqual([`KUBEVIRT_INTERFACE_STATE_INVALID @ ${IF}[0].state`]);
    }
  });

  it('state absent (hot-unplug) and its checks hold on every supported target (since v1.0)', () => {
    const ok = vmi([{ name: 'default', masquerade: {} }, { name: 'vlan100', bridge: {}, state: 'absent' }], [pod, vlan]);
    const bad = vmi([{ name: 'default', masquerade: {} }, { name: 'vlan100', sriov: {}, state: 'absent' }], [pod, vlan]);
    for (const v of ['1.0', '1.4', '1.9']) {
      expect(at(ok, v)).toEqual([]);
      expect(at(bad, v)).toEqual([`KUBEVIRT_ABSENT_REQUIRES_BRIDGE @ ${IF}[1].state`]);
    }
  });

  it('NIC model igb: admitted since v1.4', () => {
    const obj = vmi([{ name: 'default', masquerade: {}, model: 'igb' }], [pod]);
    expect(at(obj, '1.4')).toEqual([]);
    expect(at(obj, '1.3')).toEqual([`KUBEVIRT_INTERFACE_MODEL_INVALID @ ${IF}[0].model`]);
  });

  it('DRA resourceClaim networks: since v1.9; before, only the missing field is reported', () => {
    const obj = vmi([{ name: 'dra', sriov: {} }], [{ name: 'dra', resourceClaim: { claimName: 'undeclared', requestName: 'vf' } }]);
    expect(at(obj, '1.9')).toEqual([`KUBEVIRT_RESOURCE_CLAIM_INVALID @ spec.networks[0].resourceClaim.claimName`]);
    expect(at(obj, '1.8')).toEqual([`KUBEVIRT_FIELD_NOT_IN_VERSION @ spec.networks[0].resourceClaim`]);
  });

  it('portRanges: since v1.9; before, only the missing field is reported', () => {
    const obj = vmi([{ name: 'default', masquerade: {}, portRanges: [{ protocol: 'SCTP', start: 80, end: 90 }] }], [pod]);
    expect(at(obj, '1.9')).toEqual([`KUBEVIRT_PORT_RANGE_INVALID @ ${IF}[0].portRanges[0].protocol`]);
    expect(at(obj, '1.8')).toEqual([`KUBEVIRT_FIELD_NOT_IN_VERSION @ ${IF}[0].portRanges`]);
  });

  it('exactly one binding: enforced by admission since v1.9, a virt-handler failure before (same code, other wording)', () => {
    const obj = vmi([{ name: 'default' }], [pod]);
    const [old] = validateVirtualMachine(obj, { kubevirtVersion: '1.8' });
    const [now] = validateVirtualMachine(obj);
    expect(codesAndPaths([old])).toEqual(codesAndPaths([now]));
    expect(old.code).toBe('KUBEVIRT_BINDING_COUNT');
    expect(old.message).toContain('admits it');
    expect(now.message).not.toContain('admits it');
  });
});
