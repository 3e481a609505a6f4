/**
 * `clusterState` on the cdk8s NetworkEnvironment: synth pre-flights the rendered manifests
 * against NodeNetworkState files and fails on pre-flight errors, like `multihome preflight --state`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { lab } from '../../apps/environments/lab';
import { NetworkEnvironment } from '../../lib/cdk8s';

const LAB_STATE = path.join(__dirname, '..', 'fixtures', 'preflight', 'nns', 'lab-kubevirtci.yaml');

/** The lab state with node02's eth1 renamed away (a node where the uplink NIC is missing). */
function stateWithoutEth1OnNode02(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-state-'));
  const text = fs.readFileSync(LAB_STATE, 'utf8');
  const node02 = text.indexOf('name: node02');
  const renamed = text.slice(0, node02) + text.slice(node02).replace('        name: eth1\n', '        name: ens9\n');
  expect(renamed).not.toBe(text);
  fs.writeFileSync(path.join(dir, 'cluster.yaml'), renamed);
  return dir;
}

describe('NetworkEnvironment clusterState (cdk8s)', () => {
  it('GIVEN the lab and node states matching it THEN synth succeeds with the same objects as without', () => {
    const warnings: string[] = [];
    const env = new NetworkEnvironment(Testing.app(), 'lab', { environment: lab, clusterState: LAB_STATE, warn: (m) => warnings.push(m) });
    expect(Testing.synth(env)).toEqual(Testing.synth(new NetworkEnvironment(Testing.app(), 'lab', { environment: lab, warn: () => undefined })));
    expect(warnings.filter((w) => w.includes('PREFLIGHT_'))).toEqual([]);
  });

  it('GIVEN a target the environment names THEN its nmstate is compared with each node\'s handler: newer is a warning per node, the handlers\' own is clean', () => {
    const warnings: string[] = [];
    Testing.synth(new NetworkEnvironment(Testing.app(), 'lab', { environment: lab, target: 'kubevirt-1.9-upstream', clusterState: LAB_STATE, warn: (m) => warnings.push(m) }));
    expect(warnings.filter((w) => w.includes('PREFLIGHT_')).map((w) => /\[(\w+)\] \S+ (\S+) (\S+):/.exec(w)?.slice(1))).toEqual([
      ['PREFLIGHT_TARGET_NEWER_THAN_NODE', 'NodeNetworkState/node01', 'status.handlerNmstateVersion'],
      ['PREFLIGHT_TARGET_NEWER_THAN_NODE', 'NodeNetworkState/node02', 'status.handlerNmstateVersion'],
    ]);
    const matching: string[] = [];
    Testing.synth(new NetworkEnvironment(Testing.app(), 'lab', { environment: lab, target: { nmstate: '2.2.37' }, clusterState: LAB_STATE, warn: (m) => matching.push(m) }));
    expect(matching.filter((w) => w.includes('PREFLIGHT_'))).toEqual([]);
  });

  it('GIVEN a node without the uplink NIC THEN synth fails naming the code, the policy, the field and the node', () => {
    const env = new NetworkEnvironment(Testing.app(), 'lab', { environment: lab, clusterState: stateWithoutEth1OnNode02(), warn: () => undefined });
    expect(() => Testing.synth(env)).toThrow(/\[PREFLIGHT_INTERFACE_MISSING\].*NodeNetworkConfigurationPolicy\/\S+ spec\.desiredState\.interfaces\[\d+\]\.(bridge\.port\[0\]\.)?name: interface .*eth1.* node node02/);
  });

  it('GIVEN a state path that does not exist THEN synth fails with PREFLIGHT_STATE_UNREADABLE, not an exception from fs', () => {
    const env = new NetworkEnvironment(Testing.app(), 'lab', { environment: lab, clusterState: '/nonexistent/state', warn: () => undefined });
    expect(() => Testing.synth(env)).toThrow(/\[PREFLIGHT_STATE_UNREADABLE\] .*\/nonexistent\/state/);
  });
});
