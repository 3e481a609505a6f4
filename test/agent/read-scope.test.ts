import { countingExec } from '../../lib/agent/exec';
import { createIprouteBackend } from '../../lib/agent/iproute/backend';
import { readOptionsFor, splitJsonValues } from '../../lib/agent/iproute/read';
import { hostNeedsBridgeVlans, readForIntent } from '../../lib/agent/iproute/read-scope';
import type { DesiredState } from '../../lib/core/nmstate/types';
import { intentOf, rawFixture, scriptedExec, stateFixture, TRUNK_BR0 } from './helpers';

/** A bridge on eth1 without port VLANs (the vlan-bridge pattern's shape). */
const PLAIN_BR0: DesiredState = {
  interfaces: [
    { name: 'eth1', type: 'ethernet', state: 'up' },
    { name: 'br0', type: 'linux-bridge', state: 'up', ipv4: { enabled: false }, bridge: { options: { stp: { enabled: false } }, port: [{ name: 'eth1' }] } },
  ],
};

describe('what a read covers (read-scope.ts, readOptionsFor)', () => {
  test('GIVEN bridges without port VLANs or VLAN filtering WHEN the read is chosen THEN no bridge VLAN dump', () => {
    expect(readOptionsFor(intentOf(PLAIN_BR0))).toEqual({ ipv6Routes: false, bridgeVlans: false });
  });

  test('GIVEN a port with a vlan block, or a bridge asking for VLAN filtering WHEN the read is chosen THEN bridge VLANs are read', () => {
    expect(readOptionsFor(intentOf(TRUNK_BR0)).bridgeVlans).toBe(true);
    const plain = intentOf(PLAIN_BR0);
    const filtering = { ...plain, links: plain.links.map((l) => (l.bridge ? { ...l, bridge: { ...l.bridge, vlanFiltering: true } } : l)) };
    expect(readOptionsFor(filtering).bridgeVlans).toBe(true);
  });

  test('GIVEN the host filters VLANs on a bridge the intent names WHEN checked THEN the bridge VLANs are needed; on a host without it THEN not', () => {
    expect(hostNeedsBridgeVlans(intentOf(PLAIN_BR0), stateFixture('node01-trunk-with-vms'))).toBe(true);
    expect(hostNeedsBridgeVlans(intentOf(PLAIN_BR0), stateFixture('node01-empty'))).toBe(false);
  });

  test('GIVEN a port of a VLAN-filtering bridge the intent names (not the bridge) WHEN checked THEN the bridge VLANs are needed', () => {
    const ds: DesiredState = { interfaces: [{ name: 'eth1', type: 'ethernet', state: 'up' }] };
    expect(hostNeedsBridgeVlans(intentOf(ds), stateFixture('node01-trunk-with-vms'))).toBe(true);
  });

  test('GIVEN a plain bridge intent on a host that filters VLANs on it WHEN read THEN the read is repeated with the bridge VLANs, and the options say so', async () => {
    const exec = countingExec(scriptedExec([rawFixture('node01-trunk-with-vms')]));
    const r = await readForIntent(createIprouteBackend(exec, 'node01'), intentOf(PLAIN_BR0), readOptionsFor(intentOf(PLAIN_BR0)));
    expect(r.options).toEqual({ ipv6Routes: false, bridgeVlans: true });
    expect(r.read.state.bridgeVlans?.get('eth1')?.length).toBeGreaterThan(0);
    expect(exec.calls.map((c) => `${c.file} ${c.args.join(' ')}`)).toEqual(['ip -n node01 -j -d -batch -', 'ip -n node01 -j -d -batch -', 'bridge -n node01 -j vlan show']);
  });

  test('GIVEN a plain bridge intent on a host without VLAN filtering WHEN read THEN one process', async () => {
    const exec = countingExec(scriptedExec([rawFixture('node01-empty')]));
    const r = await readForIntent(createIprouteBackend(exec, 'node01'), intentOf(PLAIN_BR0), readOptionsFor(intentOf(PLAIN_BR0)));
    expect(r.options.bridgeVlans).toBe(false);
    expect(r.read.state.bridgeVlans).toBeUndefined();
    expect(exec.calls).toHaveLength(1);
  });
});

describe('splitJsonValues', () => {
  test('GIVEN one value per line (ip -j -batch) WHEN split THEN each line is one value', () => {
    expect(splitJsonValues('[{"ifname":"a"}]\n[{"dst":"default"}]\n')).toEqual([[{ ifname: 'a' }], [{ dst: 'default' }]]);
  });

  test('GIVEN pretty-printed values, or two values on one line WHEN split THEN the scanner splits them', () => {
    expect(splitJsonValues('[\n {"ifname": "a]\\"["}\n]\n[ ]')).toEqual([[{ ifname: 'a]"[' }], []]);
    expect(splitJsonValues('[1][{"a":"}{"}]\n')).toEqual([[1], [{ a: '}{' }]]);
  });
});
