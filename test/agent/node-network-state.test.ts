/**
 * The `/state` NodeNetworkState: routes as nmstate route.rs reports them, conditions and
 * lastSuccessfulUpdateTime from the agent's read log, the agent's own fields kept, and a document
 * a generic YAML/JSON reader takes as it is.
 */
import * as jsyaml from 'js-yaml';
import { recordingBackend, recordRead, HostReads, ReadOutcome } from '../../lib/agent/host-reads';
import type { IprouteBackend } from '../../lib/agent/iproute/backend';
import { parseState } from '../../lib/agent/iproute/read';
import { conditionsOf, nmstateRoutesOf, nodeNetworkStateOf } from '../../lib/agent/node-network-state';
import { rawFixture, stateFixture } from './helpers';

const t = (s: string) => new Date(`2026-03-01T10:00:${s}.250Z`);

describe('routes', () => {
  const raw = rawFixture('bondnode-bond-vlans');
  const state = parseState({
    ...raw,
    route4: [
      ...raw.route4,
      { dst: 'default', gateway: '172.144.0.1', dev: 'bond0.144', protocol: 'boot', flags: [] },
      { dst: '10.20.0.0/16', gateway: '172.145.0.1', dev: 'bond0.145', protocol: 'static', metric: 100, flags: [] },
      { dst: '10.30.0.0/16', gateway: '172.39.0.1', dev: 'bond0', protocol: 'dhcp', metric: 1024, flags: [] },
    ],
    route6: [...(raw.route6 ?? []), { dst: 'default', gateway: 'fd00:144::1', dev: 'bond0.144', protocol: 'ra', metric: 1024, flags: [] }, { dst: 'fd00:99::/64', dev: 'bond0.145', metric: 1024, flags: [] }],
  });

  test('running: every route but proto kernel, default as 0.0.0.0/0 and ::/0, no gateway as 0.0.0.0 / ::, main table 254', () => {
    expect(nmstateRoutesOf(state).running).toEqual([
      { destination: '0.0.0.0/0', 'next-hop-interface': 'bond0.144', 'next-hop-address': '172.144.0.1', 'table-id': 254 },
      { destination: '10.20.0.0/16', 'next-hop-interface': 'bond0.145', 'next-hop-address': '172.145.0.1', metric: 100, 'table-id': 254 },
      { destination: '10.30.0.0/16', 'next-hop-interface': 'bond0', 'next-hop-address': '172.39.0.1', metric: 1024, 'table-id': 254 },
      { destination: '::/0', 'next-hop-interface': 'bond0.144', 'next-hop-address': 'fd00:144::1', metric: 1024, 'table-id': 254 },
      { destination: 'fd00:99::/64', 'next-hop-interface': 'bond0.145', 'next-hop-address': '::', metric: 1024, 'table-id': 254 },
    ]);
  });

  test('config: the boot and static routes only (not dhcp or ra)', () => {
    expect(nmstateRoutesOf(state).config.map((r) => r.destination)).toEqual(['0.0.0.0/0', '10.20.0.0/16', 'fd00:99::/64']);
  });

  test('a host with kernel routes only has none', () => {
    expect(nmstateRoutesOf(stateFixture('bondnode-bond-vlans'))).toEqual({ config: [], running: [] });
  });
});

describe('the read log', () => {
  const good = stateFixture('node01-empty');
  const other = stateFixture('node01-trunk-with-vms');
  const steps: Array<[Date, ReadOutcome]> = [[t('01'), { state: good }], [t('02'), { state: other }], [t('03'), { error: 'ip exited 1' }], [t('04'), { error: 'ip exited 2' }], [t('05'), { state: good }]];
  const after = (n: number) => steps.slice(0, n).reduce<HostReads>((r, [at, o]) => recordRead(r, at, o), {});

  test('a failed read keeps the last good state and time; the transition time moves only when the outcome changes', () => {
    expect(after(2)).toEqual({ good: { state: other, at: t('02') }, last: { at: t('02') }, since: t('01') });
    expect(after(4)).toEqual({ good: { state: other, at: t('02') }, last: { at: t('04'), error: 'ip exited 2' }, since: t('03') });
    expect(after(5)).toEqual({ good: { state: good, at: t('05') }, last: { at: t('05') }, since: t('05') });
    expect(recordRead({}, t('09'), { error: 'no ip' })).toEqual({ last: { at: t('09'), error: 'no ip' }, since: t('09') });
  });

  test('conditions: Available/QuerySucceeded after a good read, Failing=True/QueryFailed with the error after a failed one, Unknown before any', () => {
    expect(conditionsOf(after(2))).toEqual([
      { type: 'Available', status: 'True', reason: 'QuerySucceeded', lastHeartbeatTime: '2026-03-01T10:00:02Z', lastTransitionTime: '2026-03-01T10:00:01Z' },
      { type: 'Failing', status: 'False', reason: 'QuerySucceeded', lastHeartbeatTime: '2026-03-01T10:00:02Z', lastTransitionTime: '2026-03-01T10:00:01Z' },
    ]);
    expect(conditionsOf(after(4))).toEqual([
      { type: 'Available', status: 'False', reason: 'QueryFailed', message: 'ip exited 2', lastHeartbeatTime: '2026-03-01T10:00:04Z', lastTransitionTime: '2026-03-01T10:00:03Z' },
      { type: 'Failing', status: 'True', reason: 'QueryFailed', message: 'ip exited 2', lastHeartbeatTime: '2026-03-01T10:00:04Z', lastTransitionTime: '2026-03-01T10:00:03Z' },
    ]);
    expect(conditionsOf({}).map((c) => `${c.type}=${c.status}`)).toEqual(['Available=Unknown', 'Failing=Unknown']);
  });

  test('recordingBackend reports every read, failed ones too, and passes applies through', async () => {
    const seen: string[] = [];
    let fail = false;
    const inner: IprouteBackend = {
      read: async () => {
        if (fail) throw new Error('ip -j failed (1): Cannot open netns');
        return { state: good, raw: { addr: [], route4: [] } };
      },
      apply: async () => ({ ok: true, processes: 1 }),
      release: async () => undefined,
    };
    const b = recordingBackend(inner, (o) => seen.push('error' in o ? `error: ${o.error}` : `links: ${o.state.links.size}`));
    await b.read({ ipv6Routes: false, bridgeVlans: false });
    fail = true;
    await expect(b.read({ ipv6Routes: false, bridgeVlans: false })).rejects.toThrow('Cannot open netns');
    expect(await b.apply({ ip: [], bridge: [] })).toEqual({ ok: true, processes: 1 });
    expect(seen).toEqual(['links: 2', 'error: ip -j failed (1): Cannot open netns']);
  });
});

describe('nodeNetworkStateOf', () => {
  const reads = recordRead(recordRead({}, t('01'), { state: stateFixture('node01-empty') }), t('07'), { error: 'ip exited 1' });
  const report = { action: 'observe', result: 'failed', error: 'ip exited 1' };
  const doc = nodeNetworkStateOf('node01', reads, { mode: 'observe', report });

  test('a NodeNetworkState named after the node: the last good state, its time, Failing, and the agent fields under status.multihome', () => {
    expect(doc.apiVersion).toBe('nmstate.io/v1beta1');
    expect(doc.kind).toBe('NodeNetworkState');
    expect(doc.metadata).toEqual({ name: 'node01' });
    expect(doc.status.lastSuccessfulUpdateTime).toBe('2026-03-01T10:00:01Z');
    expect(doc.status.currentState?.interfaces.map((i) => i.name)).toEqual(['eth1', 'lo']);
    expect(doc.status.conditions.find((c) => c.type === 'Failing')).toMatchObject({ status: 'True', reason: 'QueryFailed', message: 'ip exited 1' });
    expect(doc.status.multihome).toEqual({ mode: 'observe', report });
  });

  test('before any read: no currentState, no lastSuccessfulUpdateTime, conditions Unknown, report null', () => {
    const empty = nodeNetworkStateOf('node01', {}, { mode: 'apply' });
    expect(empty.status).toEqual({
      conditions: [
        { type: 'Available', status: 'Unknown', message: 'the agent has not read the host yet' },
        { type: 'Failing', status: 'Unknown', message: 'the agent has not read the host yet' },
      ],
      multihome: { mode: 'apply', report: null },
    });
  });

  test('a generic YAML/JSON reader reads the served text back to the same document', () => {
    const text = JSON.stringify(doc, null, 2);
    expect(jsyaml.load(text)).toEqual(doc);
    expect(JSON.parse(text)).toEqual(doc);
  });
});
