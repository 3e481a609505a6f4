/**
 * The semantic diff against the previous output in both homes: `pulumi preview` diagnostics
 * (warnings on the component the object belongs to, info for the rest) and cdk8s synth warnings
 * carry the same change lines — class, severity and fix — and nothing without a previous output.
 */
import * as pulumi from '@pulumi/pulumi';
import { installMocks, settle } from './mocks';

installMocks('lab', true);

import { Testing } from 'cdk8s';
import { lab } from '../../apps/environments/lab';
import { NetworkEnvironment as Cdk8sEnvironment } from '../../lib/cdk8s';
import { buildEnvironment } from '../../lib/core/topology/build';
import { Topology } from '../../lib/core/topology/model';
import { NetworkEnvironment } from '../../lib/pulumi';

const previous = buildEnvironment(lab).manifests.map((m) => m.manifest);
/** lab with VLAN 200 instead of 100 and a MTU of 1400 on the bridge. */
const next: Topology = { ...lab, networks: [{ ...lab.networks[0], vlan: 200, mtu: 1400 }] };

/** The change lines a Pulumi program logs, by level, with the resource each is logged on. */
async function pulumiNotices(name: string, t: Topology, previousProp?: typeof previous): Promise<{ warn: Array<[string, string]>; info: string[] }> {
  const warn: Array<[string, string]> = [];
  const info: string[] = [];
  const w = jest.spyOn(pulumi.log, 'warn').mockImplementation(async (m: string, r?: pulumi.Resource) => void warn.push([m, r ? String((r as unknown as { __name?: string }).__name ?? '') : '']));
  const i = jest.spyOn(pulumi.log, 'info').mockImplementation(async (m: string) => void info.push(m));
  try {
    const env = new NetworkEnvironment(name, { environment: t, ...(previousProp ? { previous: previousProp } : {}) });
    await env.ready;
    await settle();
  } finally {
    w.mockRestore();
    i.mockRestore();
  }
  return { warn: warn.filter(([m]) => m.startsWith('multihome change: ')), info: info.filter((m) => m.startsWith('multihome change: ')) };
}

function cdk8sNotices(t: Topology, previousProp?: typeof previous): string[] {
  const lines: string[] = [];
  const env = new Cdk8sEnvironment(Testing.app(), 'lab', { environment: t, ...(previousProp ? { previous: previousProp } : {}), warn: (m) => lines.push(m) });
  Testing.synth(env);
  return lines.filter((m) => m.startsWith('multihome change: '));
}

describe('changes against the previous output, in both homes', () => {
  it('Pulumi: the VLAN change is a warning on the network component, with class and fix', async () => {
    const { warn, info } = await pulumiNotices('lab-vlan', next, previous);
    const lines = warn.map(([m]) => m);
    expect(lines).toContain(
      'multihome change: NetworkAttachmentDefinition default/br0-100-l2 spec.config.plugins[0].mtu: config changes at plugins[0].mtu, plugins[0].vlan: VLAN 100 → 200 for default/vma, default/vmb: running VMs stay on the old segment until they restart or migrate, the rest join the new one — the two halves cannot reach each other meanwhile (restart (or migrate) every VM on the network in one window, or create a new network and move VMs to it) [warning node-disruptive]',
    );
    expect(lines.some((m) => m.includes('NodeNetworkConfigurationPolicy br0-eth1 spec.desiredState.interfaces[1].bridge.port[0].vlan') && m.endsWith('[warning node-disruptive]'))).toBe(true);
    // logged on the component of the network the objects come from
    expect(warn.filter(([m]) => m.includes('br0-100-l2')).map(([, on]) => on)).toEqual(['lab-vlan-br0-100']);
    expect(info.some((m) => m.includes('[info in-place]'))).toBe(true);
  });

  it('cdk8s prints the same warning lines at synth', async () => {
    const { warn } = await pulumiNotices('lab-vlan-2', next, previous);
    expect(cdk8sNotices(next, previous)).toEqual(warn.map(([m]) => m));
  });

  it('nothing without a previous output, nothing when the output did not change', async () => {
    expect((await pulumiNotices('lab-none', next)).warn).toEqual([]);
    expect((await pulumiNotices('lab-same', lab, previous)).warn).toEqual([]);
    expect(cdk8sNotices(next)).toEqual([]);
    expect(cdk8sNotices(lab, previous)).toEqual([]);
  });
});
