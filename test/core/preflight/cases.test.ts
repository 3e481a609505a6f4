/**
 * Every pre-flight rule on its fixtures: real, public NodeNetworkStates (test/fixtures/preflight/
 * SOURCES.md) with a bad intent that must produce exactly the listed findings and a good one that
 * must produce none. expect.yaml is written by hand from the upstream behaviour each case cites.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { clusterStateOf } from '../../../lib/core/preflight/cluster-state';
import { preflight } from '../../../lib/core/preflight/preflight';
import { PREFLIGHT_CODES } from '../../../lib/core/preflight/codes';
import { resolveTarget } from '../../../lib/core/target';

const CASES = path.join(__dirname, '..', '..', 'fixtures', 'preflight', 'cases');

interface Expected {
  errors: Array<{ code: string; node: string | null }>;
  warnings: Array<{ code: string; node: string | null }>;
}

/** Objects of a multi-document file, List items flattened. */
function objectsOf(file: string): unknown[] {
  return YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map((d) => d.toJS() as Record<string, unknown> | null)
    .filter((v): v is Record<string, unknown> => v !== null)
    .flatMap((v) => (Array.isArray(v.items) ? (v.items as unknown[]) : [v]));
}

const key = (f: { code: string; node: string | null }) => `${f.code}@${f.node ?? '-'}`;

const cases = fs.readdirSync(CASES).flatMap((rule) => fs.readdirSync(path.join(CASES, rule)).map((variant) => `${rule}/${variant}`));

describe('pre-flight rules on NodeNetworkStates from public sources', () => {
  test.each(cases)('%s', (c) => {
    const dir = path.join(CASES, c);
    const expected = YAML.parse(fs.readFileSync(path.join(dir, 'expect.yaml'), 'utf8')) as Expected;
    // options.yaml (optional): the target the intent was judged against (--target)
    const optionsFile = path.join(dir, 'options.yaml');
    const options = fs.existsSync(optionsFile) ? (YAML.parse(fs.readFileSync(optionsFile, 'utf8')) as { target?: unknown }) : {};
    const target = options.target !== undefined ? resolveTarget(options.target).target : undefined;
    const findings = preflight(objectsOf(path.join(dir, 'intent.yaml')), clusterStateOf(objectsOf(path.join(dir, 'state.yaml'))), { target });
    const got = (severity: string) => findings.filter((f) => f.problem.severity === severity).map((f) => key({ code: f.problem.code, node: f.node ?? null })).sort();
    expect(got('error')).toEqual(expected.errors.map(key).sort());
    expect(got('warning')).toEqual(expected.warnings.map(key).sort());
  });

  test('every rule has a bad case that reports it and a good case that reports nothing', () => {
    // the STATE_ codes are about reading the state files, not a verdict on intent: no case
    const ruleCodes = Object.keys(PREFLIGHT_CODES).filter((c) => !['PREFLIGHT_STATE_INVALID', 'PREFLIGHT_STATE_UNREADABLE', 'PREFLIGHT_STATE_DUPLICATE'].includes(c));
    for (const code of ruleCodes) {
      expect(fs.existsSync(path.join(CASES, code, 'bad', 'expect.yaml'))).toBe(true);
      expect(fs.existsSync(path.join(CASES, code, 'good', 'expect.yaml'))).toBe(true);
    }
  });
});

describe('cluster state read from objects', () => {
  const nns = (name: string, mtu: number) => ({ apiVersion: 'nmstate.io/v1beta1', kind: 'NodeNetworkState', metadata: { name }, status: { currentState: { interfaces: [{ name: 'eth1', type: 'ethernet', state: 'up', mtu }] } } });
  it('GIVEN two states of one node THEN the first is used and the second is a PREFLIGHT_STATE_DUPLICATE warning at its metadata.name', () => {
    const second = nns('node01', 9000);
    const c = clusterStateOf([nns('node01', 1500), second]);
    expect(c.nodes.get('node01')?.state?.interfaces.get('eth1')?.mtu).toBe(1500);
    expect(c.problems.map((p) => [p.problem.code, p.problem.severity, p.problem.path, p.object === second])).toEqual([['PREFLIGHT_STATE_DUPLICATE', 'warning', 'metadata.name', true]]);
  });

  it('GIVEN a state without currentState or a nameless Node THEN PREFLIGHT_STATE_INVALID with the field, and the rest is read', () => {
    const c = clusterStateOf([{ apiVersion: 'nmstate.io/v1beta1', kind: 'NodeNetworkState', metadata: { name: 'n1' }, status: {} }, { apiVersion: 'v1', kind: 'Node', metadata: {} }, nns('n2', 1500)]);
    expect(c.problems.map((p) => [p.problem.code, p.problem.path])).toEqual([
      ['PREFLIGHT_STATE_INVALID', 'status.currentState'],
      ['PREFLIGHT_STATE_INVALID', 'metadata.name'],
    ]);
    expect([...c.nodes.keys()]).toEqual(['n2']);
  });
});

describe('the node lifeline', () => {
  it('GIVEN an IPv6 InternalIP spelled differently from the NNS address THEN the interface holding it is still recognised', () => {
    const state = { apiVersion: 'nmstate.io/v1beta1', kind: 'NodeNetworkState', metadata: { name: 'v6node' }, status: { currentState: { interfaces: [{ name: 'eth0', type: 'ethernet', state: 'up', 'mac-address': '52:55:00:D1:55:01', ipv6: { enabled: true, address: [{ ip: '2001:db8:0:0::a', 'prefix-length': 64 }] } }], routes: { running: [] } } } };
    const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'v6node', labels: { 'kubernetes.io/hostname': 'v6node' } }, status: { addresses: [{ type: 'InternalIP', address: '2001:DB8::A' }] } };
    const policy = { apiVersion: 'nmstate.io/v1', kind: 'NodeNetworkConfigurationPolicy', metadata: { name: 'br-on-eth0' }, spec: { desiredState: { interfaces: [{ name: 'br0', type: 'linux-bridge', state: 'up', bridge: { port: [{ name: 'eth0' }] } }] } } };
    const findings = preflight([policy], clusterStateOf([state, node]));
    expect(findings.map((f) => [f.problem.code, f.node, f.problem.path])).toEqual([['PREFLIGHT_DEFAULT_ROUTE_INTERFACE', 'v6node', 'spec.desiredState.interfaces[0].bridge.port[0].name']]);
    expect(findings[0].problem.message).toContain("InternalIP 2001:db8::a");
  });
});
