import { validateNad } from '../../../lib/core/cni';
import { isGoMac } from '../../../lib/core/cni/validate/plugins/host-device';
import { duplicateKeys, goField, parseRawJson, rawMembers } from '../../../lib/core/cni/validate/raw-json';

/*
 * The rules mined from containernetworking/plugins v1.9.1 and containernetworking/cni v1.3.0
 * tests (test/upstream/cni-*.inventory.ts), beyond their fixtures: the helpers' edge cases and
 * the boundaries the fixtures do not pin.
 */
const nad = (config: unknown, annotations: Record<string, string> = {}) => ({
  apiVersion: 'k8s.cni.cncf.io/v1',
  kind: 'NetworkAttachmentDefinition',
  metadata: { name: 'n', namespace: 'vms', annotations },
  spec: { config: typeof config === 'string' ? config : JSON.stringify(config) },
});
const codes = (o: unknown) => validateNad(o).map((p) => `${p.code} @ ${p.path}`);

describe('host-device selectors (host-device.go loadConf / getLink)', () => {
  it('accepts the MAC forms net.ParseMAC accepts and refuses the rest', () => {
    for (const ok of ['52:54:00:12:34:56', '52-54-00-12-34-56', '5254.0012.3456', '02:00:00:00:00:00:00:01', '0000.0000.fe80.0000.0000.0000.0200.5e10.0000.0001'])
      expect(isGoMac(ok)).toBe(true);
    for (const bad of ['52:54:00:12:34', '52:54-00:12:34:56', '5254.0012', 'zz:54:00:12:34:56', ''])
      expect(isGoMac(bad)).toBe(false);
  });

  it('GIVEN runtimeConfig.deviceID spelled in another case THEN it still selects the device (Go matches keys case-insensitively)', () => {
    expect(codes(nad({ cniVersion: '1.0.0', name: 'n', type: 'host-device', RuntimeConfig: { DeviceID: '0000:3b:00.1' } }))).toEqual([]);
  });

  it('GIVEN an empty runtimeConfig.deviceID and nothing else THEN the device is still unselected', () => {
    expect(codes(nad({ cniVersion: '1.0.0', name: 'n', type: 'host-device', runtimeConfig: { deviceID: '' } }))).toEqual(['CNI_HOST_DEVICE_NO_SELECTOR @ spec.config.device']);
  });

  it('GIVEN pciBusID and runtimeConfig.deviceID THEN deviceID wins and pciBusID is reported ignored', () => {
    expect(codes(nad({ cniVersion: '1.0.0', name: 'n', type: 'host-device', pciBusID: '0000:3b:00.1', runtimeConfig: { deviceID: '0000:3b:00.2' } }))).toEqual([
      'CNI_HOST_DEVICE_SELECTOR_IGNORED @ spec.config.pciBusID',
    ]);
  });

  it('GIVEN a malformed hwaddr that device overrides THEN only the ignored selector is reported', () => {
    expect(codes(nad({ cniVersion: '1.0.0', name: 'n', type: 'host-device', device: 'eth1', hwaddr: 'nope' }))).toEqual(['CNI_HOST_DEVICE_SELECTOR_IGNORED @ spec.config.hwaddr']);
  });
});

describe('cniVersion 0.1.0 / 0.2.0 results', () => {
  it('GIVEN an L2 config without cniVersion THEN only the missing-version warning is reported (the no-IP rule needs an explicit version)', () => {
    expect(codes(nad({ name: 'n', type: 'macvlan', master: 'eth1' }))).toEqual(['CNI_VERSION_MISSING @ spec.config.cniVersion']);
  });

  it('GIVEN cniVersion 0.3.0 THEN an L2 config and two IPv4 range sets are fine', () => {
    expect(codes(nad({ cniVersion: '0.3.0', name: 'n', type: 'macvlan', master: 'eth1' }))).toEqual([]);
    expect(codes(nad({ cniVersion: '0.3.0', name: 'n', type: 'macvlan', master: 'eth1', ipam: { type: 'static', addresses: [{ address: '10.0.0.1/24' }, { address: '10.0.1.1/24' }] } }))).toEqual([]);
  });

  it('GIVEN static runtimeConfig.ips under 0.2.0 THEN they replace ipam.addresses for the one-per-family count', () => {
    const cfg = { cniVersion: '0.2.0', name: 'n', type: 'macvlan', master: 'eth1', ipam: { type: 'static', addresses: [{ address: '10.0.0.1/24' }] }, runtimeConfig: { ips: ['10.0.0.1/24', '10.0.1.1/24'] } };
    expect(codes(nad(cfg))).toEqual(['CNI_VERSION_MULTIPLE_ADDRESSES @ spec.config.runtimeConfig.ips']);
  });
});

describe('bandwidth burst limit (validateRateAndBurst: burst/8 >= MaxUint32)', () => {
  const bw = (burst: number) =>
    codes(nad({ cniVersion: '1.0.0', name: 'n', plugins: [{ type: 'macvlan', master: 'eth1' }, { type: 'bandwidth', ingressRate: 5000, ingressBurst: burst }] }));
  it('accepts 8·(2³²−1) − 1 bits and refuses 8·(2³²−1)', () => {
    expect(bw(8 * (2 ** 32 - 1) - 1)).toEqual([]);
    expect(bw(8 * (2 ** 32 - 1))).toEqual(['CNI_BANDWIDTH_INVALID @ spec.config.plugins[1].ingressBurst']);
  });
  it('refuses negative values (uint64 fields)', () => {
    expect(bw(-1)).toEqual(['CNI_BANDWIDTH_INVALID @ spec.config.plugins[1].ingressBurst']);
  });
});

describe('portmap backend detection', () => {
  const pm = (extra: Record<string, unknown>) => codes(nad({ cniVersion: '1.0.0', name: 'n', plugins: [{ type: 'macvlan', master: 'eth1' }, { type: 'portmap', ...extra }] }));
  it('GIVEN no backend and options of one kind THEN the node decides and nothing is reported', () => {
    expect(pm({ conditionsV4: ['ip', 'saddr', '1.2.3.4'] })).toEqual([]);
    expect(pm({ conditionsV4: ['!', '-s', '1.2.3.4'], externalSetMarkChain: 'X' })).toEqual([]);
  });
  it('GIVEN no backend and options of both kinds THEN the nftables ones are reported', () => {
    expect(pm({ conditionsV4: ['-s', '1.2.3.4'], conditionsV6: ['ip6', 'saddr', '12::34'] })).toEqual(['CNI_PORTMAP_INVALID @ spec.config.plugins[1].conditionsV6']);
  });
});

describe('raw JSON (what JSON.parse hides)', () => {
  it('keeps duplicate keys in order, nested in arrays and objects', () => {
    const root = parseRawJson('{"a": [1, {"s": {"k": "1", "k": "2", "j": true, "j": null}}], "b": "x\\"y"}');
    const s = rawMembers(root?.kind === 'object' && root.members[0][1].kind === 'array' ? root.members[0][1].items[1] : undefined, 'S');
    expect(s).toHaveLength(1);
    expect(duplicateKeys(s[0])).toEqual(['k', 'j']);
  });
  it('finds fields like Go: the exact key first, else any case', () => {
    expect(goField({ mtu: 1, MTU: 2 }, 'mtu')).toBe(1);
    expect(goField({ MTU: 2 }, 'mtu')).toBe(2);
    expect(goField({}, 'mtu')).toBeUndefined();
  });
});

describe('libcni conflist fields (NetworkConfFromBytes)', () => {
  const list = (extra: Record<string, unknown>) => codes(nad({ cniVersion: '1.0.0', name: 'n', plugins: [{ type: 'macvlan', master: 'eth1' }], ...extra }));
  it('accepts booleans and "true"/"false" in any case for the flags', () => {
    expect(list({ disableCheck: 'TRUE', disableGC: false, loadOnlyInlinedPlugins: 'False' })).toEqual([]);
  });
  it('refuses other types and a non-version cniVersions entry', () => {
    expect(list({ disableGC: 1, cniVersions: ['1.0.0', 7, '1.2.3.4'] })).toEqual([
      'CNI_FIELD_TYPE @ spec.config.cniVersions[1]',
      'CNI_VERSION_UNSUPPORTED @ spec.config.cniVersions[2]',
      'CNI_CONFLIST_FLAG_INVALID @ spec.config.disableGC',
    ]);
  });
  it('GIVEN a single plugin config THEN the conflist flags are not read (Multus uses ConfFromBytes): only the unknown key is reported', () => {
    expect(codes(nad({ cniVersion: '1.0.0', name: 'n', type: 'macvlan', master: 'eth1', loadOnlyInlinedPlugins: 'sphagnum' }))).toEqual(['CNI_UNKNOWN_KEY @ spec.config.loadOnlyInlinedPlugins']);
  });
});
