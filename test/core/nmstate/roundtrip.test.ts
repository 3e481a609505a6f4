import * as YAML from 'yaml';
import { parseDesiredState, parseNncp, parseNncpSpec, renderDesiredState, renderInterface, renderNncp } from '../../../lib/core/nmstate';

const POLICY = `
spec:
  desiredState:
    interfaces:
    - bridge:
        port: [{name: eth1, x-future: 1}]
      state: up
      type: linux-bridge
      name: br1
      zz-unknown: {b: 2, a: 1}
    routes:
      config:
      - next-hop-interface: br1
        destination: 0.0.0.0/0
  nodeSelector: {kubernetes.io/hostname: node01}
metadata: {name: br1, labels: {team: net}}
kind: NodeNetworkConfigurationPolicy
apiVersion: nmstate.io/v1
extraTopLevel: kept
`;

describe('nmstate parse ⇄ render', () => {
  it('keeps unknown fields and renders deep-equal to the input', () => {
    const input = YAML.parse(POLICY);
    const { nncp, problems } = parseNncp(input);
    expect(problems).toEqual([]);
    expect(renderNncp(nncp!)).toEqual(input);
  });

  it('renders a canonical key order: NNCP envelope first, interface name/type/state first, the rest sorted', () => {
    const out = renderNncp(parseNncp(YAML.parse(POLICY)).nncp!);
    expect(Object.keys(out)).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'extraTopLevel']);
    expect(Object.keys(out.spec as object)).toEqual(['nodeSelector', 'desiredState']);
    const iface = (out.spec as { desiredState: { interfaces: object[] } }).desiredState.interfaces[0];
    expect(Object.keys(iface)).toEqual(['name', 'type', 'state', 'bridge', 'zz-unknown']);
    expect(Object.keys((iface as { 'zz-unknown': object })['zz-unknown'])).toEqual(['a', 'b']);
    const rt = (out.spec as { desiredState: { routes: { config: object[] } } }).desiredState.routes.config[0];
    expect(Object.keys(rt)).toEqual(['destination', 'next-hop-interface']);
  });

  it('is deterministic: the same model gives byte-identical YAML', () => {
    const a = YAML.stringify(renderNncp(parseNncp(YAML.parse(POLICY)).nncp!));
    const b = YAML.stringify(renderNncp(parseNncp(YAML.parse(POLICY)).nncp!));
    expect(a).toBe(b);
    expect(a.indexOf('apiVersion')).toBe(0);
  });

  it('does not share objects with the input', () => {
    const input = YAML.parse(POLICY);
    const { nncp } = parseNncp(input);
    nncp!.spec.desiredState.interfaces![0].name = 'changed';
    expect(input.spec.desiredState.interfaces[0].name).toBe('br1');
  });

  it('keeps capture templates and lists their paths', () => {
    const spec = { capture: { ifs: 'interfaces.type=="ethernet"' }, desiredState: { interfaces: '{{ capture.ifs.interfaces }}' } };
    const r = parseNncpSpec(spec);
    expect(r.problems).toEqual([]);
    expect(r.templates).toEqual(['spec.desiredState.interfaces']);
    const s = parseDesiredState({ interfaces: [{ name: '{{ capture.gw.interfaces.0.name }}', ipv4: '{{ capture.gw.interfaces.0.ipv4 }}' }] }, '');
    expect(s.templates).toEqual(['interfaces[0].name', 'interfaces[0].ipv4']);
    expect(renderDesiredState(s.state!)).toEqual({ interfaces: [{ name: '{{ capture.gw.interfaces.0.name }}', ipv4: '{{ capture.gw.interfaces.0.ipv4 }}' }] });
  });

  it('reports structural problems with their paths and returns no model', () => {
    const r = parseDesiredState({ interfaces: [{ type: 'ethernet' }, 'eth1'] });
    expect(r.state).toBeUndefined();
    expect(r.problems.map((p) => [p.code, p.path])).toEqual([
      ['NMSTATE_FIELD_TYPE', 'spec.desiredState.interfaces[0].name'],
      ['NMSTATE_FIELD_TYPE', 'spec.desiredState.interfaces[1]'],
    ]);
    const n = parseNncp({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    expect(n.nncp).toBeUndefined();
    expect(n.problems.map((p) => p.path)).toEqual(['kind', 'apiVersion', 'spec']);
  });

  it('accepts older apiVersions with a warning', () => {
    const input = { ...YAML.parse(POLICY), apiVersion: 'nmstate.io/v1beta1' };
    const r = parseNncp(input);
    expect(r.nncp).toBeDefined();
    expect(r.problems.map((p) => [p.code, p.severity])).toEqual([['NMSTATE_NNCP_API_VERSION', 'warning']]);
    expect(parseNncp({ ...input, apiVersion: 'nmstate.io/v1alpha1' }).nncp).toBeDefined();
  });

  it('renderInterface drops undefined values', () => {
    expect(renderInterface({ name: 'eth1', type: 'ethernet', mtu: undefined })).toEqual({ name: 'eth1', type: 'ethernet' });
  });
});
