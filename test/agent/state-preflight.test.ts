/**
 * Where kubernetes-nmstate cannot run, the node agent's `/state` stands in for the
 * NodeNetworkState: the document it serves, saved to a file, is what `multihome preflight
 * --state` reads.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { recordRead, HostReads } from '../../lib/agent/host-reads';
import { nodeNetworkStateOf } from '../../lib/agent/node-network-state';
import { cli } from '../support/cli';
import { stateFixture } from './helpers';

/** node01 as the agent reads it (recorded `ip -j`: eth1 at MTU 1500, no routes), served as /state and saved as JSON. */
function savedAgentState(): string {
  const reads = recordRead({} as HostReads, new Date('2026-03-01T10:00:00Z'), { state: stateFixture('node01-empty') });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-agent-state-'));
  fs.writeFileSync(path.join(dir, 'node01.json'), JSON.stringify(nodeNetworkStateOf('node01', reads, { mode: 'apply' }), null, 2));
  return dir;
}

const policy = (vlanMtu: number) => `apiVersion: nmstate.io/v1
kind: NodeNetworkConfigurationPolicy
metadata: {name: node01-vlan100}
spec:
  nodeSelector: {kubernetes.io/hostname: node01}
  desiredState:
    interfaces:
    - {name: eth1.100, type: vlan, state: up, mtu: ${vlanMtu}, vlan: {base-iface: eth1, id: 100}}
    - name: br100
      type: linux-bridge
      state: up
      bridge: {options: {stp: {enabled: false}}, port: [{name: eth1.100}]}
`;

describe('multihome preflight --state on the agent\'s /state', () => {
  it('GIVEN a VLAN bridge on eth1 that fits THEN clean; GIVEN a VLAN MTU above eth1\'s THEN PREFLIGHT_MTU_CHAIN on node01', async () => {
    const state = savedAgentState();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-intent-'));
    fs.writeFileSync(path.join(dir, 'ok.yaml'), policy(1500));
    fs.writeFileSync(path.join(dir, 'jumbo.yaml'), policy(9000));
    const ok = await cli('preflight', path.join(dir, 'ok.yaml'), '--state', state);
    expect([ok.code, ok.out]).toEqual([0, '0 error(s), 0 warning(s) for 1 resource(s) on 1 node(s)\n']);
    const jumbo = await cli('preflight', path.join(dir, 'jumbo.yaml'), '--state', state, '--format', 'json');
    expect(jumbo.code).toBe(1);
    expect((JSON.parse(jumbo.out) as Array<Record<string, unknown>>).map((r) => [r.code, r.node, r.path])).toEqual([['PREFLIGHT_MTU_CHAIN', 'node01', 'spec.desiredState.interfaces[0].mtu']]);
  });
});
