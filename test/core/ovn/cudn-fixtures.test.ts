import { describeFixtures, loadCases } from '../../support/fixtures';
import { OVN_CUDN_CODES, OVN_UDN_API, validateCudn, validateUdn } from '../../../lib/core/ovn';
import { validateManifest } from '../../../lib/core/validate';
import { isRecord } from '../../../lib/core/problems';

/**
 * Table-driven fixtures under test/fixtures/cudn/<case>/ (input.yaml = one whole CUDN or UDN
 * manifest, expected.yaml = exactly the problems returned, warnings included). `e2e-bad-*` and
 * `e2e-ok-*` are the ovn-kubernetes API-validation e2e scenarios (test/upstream/ovn-kubernetes-cudn.inventory.ts),
 * `docs-ok-*` the upstream documentation's examples, the rest hand-written.
 */
const validate = (o: unknown) => (isRecord(o) && o.kind === OVN_UDN_API.udnKind ? validateUdn(o) : validateCudn(o));

describeFixtures('cudn', validate);

describe('cudn fixture coverage', () => {
  const cases = loadCases('cudn');
  const expected = new Set(cases.flatMap((c) => c.expected.map((p) => p.code)));

  it('every code in OVN_CUDN_CODES has at least one fixture that expects it', () => {
    expect(Object.keys(OVN_CUDN_CODES).filter((code) => !expected.has(code))).toEqual([]);
  });

  it('fixtures only expect declared codes', () => {
    expect([...expected].filter((code) => !(code in OVN_CUDN_CODES))).toEqual([]);
  });

  it('upstream examples (docs and accepted e2e scenarios) report no errors', () => {
    const ok = cases.filter((c) => /^(docs|e2e)-ok-/.test(c.name));
    expect(ok.length).toBeGreaterThan(60);
    for (const c of ok) expect({ name: c.name, errors: validate(c.input).filter((p) => p.severity === 'error') }).toEqual({ name: c.name, errors: [] });
  });

  it('validateManifest (multihome check) dispatches CUDNs and UDNs of k8s.ovn.org to the same validator', () => {
    for (const c of cases) expect(validateManifest(c.input)).toEqual(validate(c.input));
  });

  it('every problem carries the value, what is allowed and a fix', () => {
    for (const c of cases) {
      for (const p of validate(c.input)) {
        expect(p.message.length).toBeGreaterThan(15);
        expect(p.fix.length).toBeGreaterThan(5);
        expect(p.resource.kind).toMatch(/UserDefinedNetwork$/);
      }
    }
  });
});

describe('validateManifest and the k8s.ovn.org group', () => {
  it('skips a ClusterUserDefinedNetwork kind of another API group', () => {
    expect(validateManifest({ apiVersion: 'example.com/v1', kind: 'ClusterUserDefinedNetwork', metadata: { name: 'x' }, spec: {} })).toEqual([]);
  });

  it('validates another version of k8s.ovn.org and reports the version', () => {
    const problems = validateManifest({ apiVersion: 'k8s.ovn.org/v2', kind: 'UserDefinedNetwork', metadata: { name: 'x', namespace: 'a' }, spec: { topology: 'Layer2', layer2: { role: 'Secondary', ipam: { mode: 'Disabled' } } } });
    expect(problems.map((p) => [p.code, p.path])).toEqual([['CUDN_SHAPE', 'apiVersion']]);
  });
});

describe('validateCudn details', () => {
  const cudn = (localnet: Record<string, unknown>) => ({
    apiVersion: 'k8s.ovn.org/v1',
    kind: 'ClusterUserDefinedNetwork',
    metadata: { name: 'n' },
    spec: { namespaceSelector: { matchLabels: { a: 'b' } }, network: { topology: 'Localnet', localnet: { role: 'Secondary', physicalNetworkName: 'p', ...localnet } } },
  });
  const codes = (o: unknown) => validateCudn(o).map((p) => `${p.code} @ ${p.path}`);

  it('null counts as absent (the API server prunes it)', () => {
    expect(codes(cudn({ subnets: null, ipam: { mode: 'Disabled' }, mtu: null }))).toEqual([]);
  });

  it('exists_one: the 1280 floor applies with exactly one IPv6 subnet (as upstream writes the rule)', () => {
    expect(codes(cudn({ subnets: ['fd00::/64'], mtu: 1279 }))).toEqual(['CUDN_MTU_INVALID @ spec.network.localnet.mtu']);
    expect(codes(cudn({ subnets: ['10.0.0.0/24'], mtu: 1279 }))).toEqual([]);
  });

  it('an invalid ipam.mode is one problem: the subnets rule that reads it is not evaluated', () => {
    expect(codes(cudn({ subnets: ['10.0.0.0/24'], ipam: { mode: 'disabled' } }))).toEqual(['CUDN_ENUM_INVALID @ spec.network.localnet.ipam.mode']);
  });

  it('suggests the field a typo meant', () => {
    const [p] = validateCudn(cudn({ subnets: ['10.0.0.0/24'], excludeSubnet: ['10.0.0.1/32'] }));
    expect([p.code, p.path, p.severity]).toEqual(['CUDN_UNKNOWN_FIELD', 'spec.network.localnet.excludeSubnet', 'warning']);
    expect(p.fix).toContain('excludeSubnets');
  });

  it('route targets: the wildcard, IPv4 and 2-byte/4-byte ASN forms and their limits', () => {
    const rt = (routeTarget: string) =>
      codes({
        apiVersion: 'k8s.ovn.org/v1',
        kind: 'ClusterUserDefinedNetwork',
        metadata: { name: 'n' },
        spec: { namespaceSelector: { matchLabels: { a: 'b' } }, network: { topology: 'Layer2', layer2: { role: 'Primary', subnets: ['10.0.0.0/24'] }, transport: 'EVPN', evpn: { vtep: 'v', macVRF: { vni: 1, routeTarget } } } },
      });
    for (const ok of ['*:4294967295', '10.0.0.1:65535', '65535:4294967295', '4200000000:65535', '0:0']) expect([ok, rt(ok)]).toEqual([ok, []]);
    for (const bad of ['*:4294967296', '10.0.0.1:65536', '65535:4294967296', '4200000000:65536', 'a:1', '1:', ':1', '1:2:3']) expect([bad, rt(bad)]).toEqual([bad, ['CUDN_ROUTE_TARGET_INVALID @ spec.network.evpn.macVRF.routeTarget']]);
  });

  it('a document that is not a mapping', () => {
    expect(codes('ClusterUserDefinedNetwork')).toEqual(['CUDN_SHAPE @ ']);
  });
});
