/**
 * The `previous` prop in both homes: the cdk8s NetworkEnvironment and the Pulumi component,
 * given prod's output and prod without the vlan-1085 network, render the same removal policy
 * (under the cdk8s environment's `Objects` container; registered by the Pulumi component), and
 * nothing when the previous output already had it absent.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as yaml from 'yaml';
import { installMocks, registered, settle, valueOf } from './mocks';

installMocks('prod');

import { Testing } from 'cdk8s';
import { prod } from '../../apps/environments/prod';
import { NetworkEnvironment as Cdk8sEnvironment } from '../../lib/cdk8s';
import { Manifest } from '../../lib/core/manifest';
import { buildEnvironment } from '../../lib/core/topology/build';
import { Topology } from '../../lib/core/topology/model';
import { NetworkEnvironment } from '../../lib/pulumi';

const next: Topology = { ...prod, networks: prod.networks.filter((n) => n.name !== 'vlan-1085'), vms: prod.vms.filter((v) => v.name !== 'pxe-vm') };
const previous = buildEnvironment(prod).manifests.map((m) => m.manifest);
const NAME = 'vlan-1085-policy-c7000-absent';
const EXPECTED = `apiVersion: nmstate.io/v1
kind: NodeNetworkConfigurationPolicy
metadata:
  name: vlan-1085-policy-c7000-absent
  annotations:
    multihome.io/removal: "interfaces: eno49.1085, bridge-1085"
    argocd.argoproj.io/sync-wave: "-10"
    multihome.io/target: openshift-4.20
spec:
  nodeSelector:
    hardware: c7000
  maxUnavailable: 50%
  desiredState:
    interfaces:
      - name: eno49.1085
        type: vlan
        state: absent
      - name: bridge-1085
        type: linux-bridge
        state: absent
`;

const tombstonesOf = (ms: readonly Manifest[]) => ms.filter((m) => m.metadata.annotations?.['multihome.io/removal'] !== undefined);

function cdk8sOutput(previousProp: readonly Manifest[] | string): Manifest[] {
  const env = new Cdk8sEnvironment(Testing.app(), 'prod', { environment: next, previous: previousProp, warn: () => undefined });
  return Testing.synth(env) as Manifest[];
}

describe('the previous prop in both homes', () => {
  it('cdk8s: the removal policy is written, under the environment\'s Objects container', () => {
    const env = new Cdk8sEnvironment(Testing.app(), 'prod', { environment: next, previous, warn: () => undefined });
    const out = Testing.synth(env) as Manifest[];
    // Testing.synth sorts keys; the written file keeps the render's order (test/cli/synth.test.ts compares the bytes)
    expect(tombstonesOf(out)).toEqual([yaml.parse(EXPECTED)]);
    expect(env.node.findChild('Objects').node.tryFindChild(`NodeNetworkConfigurationPolicy-${NAME}`)).toBeDefined();
  });

  it('Pulumi: the same bytes, registered under the environment component', async () => {
    const env = new NetworkEnvironment('prod-removal', { environment: next, previous });
    await env.ready;
    const manifests = await valueOf(env.manifests);
    expect(tombstonesOf(manifests).map((m) => yaml.stringify(m))).toEqual([EXPECTED]);
    expect(manifests).toEqual(cdk8sOutput(previous));
    await settle();
    expect(registered.filter((r) => r.type === 'kubernetes:nmstate.io/v1:NodeNetworkConfigurationPolicy' && r.inputs?.metadata?.name === NAME)).toHaveLength(1);
  });

  it('previous as a path (a JSON array, as `pulumi stack output manifests --json` prints it) gives the same output in both homes', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mh-prev-pulumi-')), 'prod.json');
    fs.writeFileSync(file, JSON.stringify(previous));
    const env = new NetworkEnvironment('prod-removal-path', { environment: next, previous: file });
    await env.ready;
    const manifests = await valueOf(env.manifests);
    expect(tombstonesOf(manifests).map((m) => yaml.stringify(m))).toEqual([EXPECTED]);
    expect(cdk8sOutput(file)).toEqual(manifests);
  });

  it('against an output that already had the removal, neither home renders it again', async () => {
    const applied = cdk8sOutput(previous);
    expect(tombstonesOf(cdk8sOutput(applied))).toEqual([]);
    const env = new NetworkEnvironment('prod-removal-applied', { environment: next, previous: applied });
    await env.ready;
    expect(tombstonesOf(await valueOf(env.manifests))).toEqual([]);
  });
});
