/**
 * The same environment synthesized for two targets differs exactly where the versions differ
 * (issue 19 acceptance): each case changes one component against the default target and lists,
 * by hand, every field of every object that changes. The differences are computed by the test's
 * own leaf diff, not by the library.
 */
import { buildEnvironment } from '../../../lib/core/topology/build';
import { Topology } from '../../../lib/core/topology/model';
import type { TargetSpec } from '../../../lib/core/target';

/** A trunk bridge network, an OVN localnet on its own OVS bridge, and a VM on both with passt on the pod network. */
const base: Topology = {
  name: 'two-targets',
  nodeGroups: [{ name: 'workers', nodeSelector: { 'node-role.kubernetes.io/worker': '' } }],
  uplinks: [
    { name: 'eth1', nodeGroup: 'workers', interface: 'eth1' },
    { name: 'eth2', nodeGroup: 'workers', interface: 'eth2' },
  ],
  networks: [
    { name: 'vlan100', pattern: 'trunk-bridge', uplink: 'eth1', bridge: 'br0', vlan: 100, namespaces: ['vms'] },
    { name: 'physnet-200', pattern: 'ovn-localnet', uplink: 'eth2', bridge: 'ovs-br2', vlan: 200, namespaces: ['vms'] },
  ],
  vms: [{ name: 'vm1', namespace: 'vms', image: 'quay.io/containerdisks/fedora:43', podNetwork: 'passt', attachments: [{ network: 'vlan100' }, { network: 'physnet-200' }] }],
  namespaces: { vms: {} },
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function leaves(v: Json, at: string, out: Map<string, string>): void {
  if (v !== null && typeof v === 'object') {
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    if (!entries.length) out.set(at, JSON.stringify(v));
    for (const [k, x] of entries) leaves(x, `${at}.${k}`, out);
  } else out.set(at, JSON.stringify(v));
}

/** `Kind/name field` for every leaf that differs between the two builds (objects only on one side: `Kind/name (only in a|b)`). */
function differences(a: TargetSpec | undefined, b: TargetSpec): string[] {
  const objects = (target: TargetSpec | undefined) => {
    const build = buildEnvironment({ ...base, ...(target !== undefined ? { target } : {}) });
    expect(build.problems.filter((p) => p.severity === 'error')).toEqual([]);
    return new Map(build.manifests.map((m) => [`${m.manifest.kind}/${m.manifest.metadata.name}`, m.manifest as unknown as Json]));
  };
  const left = objects(a);
  const right = objects(b);
  const out: string[] = [];
  for (const key of new Set([...left.keys(), ...right.keys()])) {
    const x = left.get(key);
    const y = right.get(key);
    if (!x || !y) {
      out.push(`${key} (only in ${x ? 'a' : 'b'})`);
      continue;
    }
    const lx = new Map<string, string>();
    const ly = new Map<string, string>();
    leaves(x, '', lx);
    leaves(y, '', ly);
    for (const path of new Set([...lx.keys(), ...ly.keys()])) if (lx.get(path) !== ly.get(path)) out.push(`${key} ${path.slice(1)}: ${lx.get(path) ?? '-'} → ${ly.get(path) ?? '-'}`);
  }
  return out.sort();
}

describe('one environment, two targets', () => {
  it('kubernetes-nmstate 0.55 (before NNCP v1): the NNCPs\' apiVersion, and the annotation naming the target', () => {
    expect(differences(undefined, { kubernetesNmstate: '0.55' })).toEqual([
      'NodeNetworkConfigurationPolicy/br0-eth1 apiVersion: "nmstate.io/v1" → "nmstate.io/v1beta1"',
      'NodeNetworkConfigurationPolicy/br0-eth1 metadata.annotations.multihome.io/target: - → "kubernetesNmstate=0.55"',
      'NodeNetworkConfigurationPolicy/ovs-br2-eth2 apiVersion: "nmstate.io/v1" → "nmstate.io/v1beta1"',
      'NodeNetworkConfigurationPolicy/ovs-br2-eth2 metadata.annotations.multihome.io/target: - → "kubernetesNmstate=0.55"',
    ]);
  });

  it('kubernetes-nmstate 0.43 (before maxUnavailable): no maxUnavailable written', () => {
    expect(differences(undefined, { kubernetesNmstate: '0.43' })).toEqual([
      'NodeNetworkConfigurationPolicy/br0-eth1 apiVersion: "nmstate.io/v1" → "nmstate.io/v1beta1"',
      'NodeNetworkConfigurationPolicy/br0-eth1 metadata.annotations.multihome.io/target: - → "kubernetesNmstate=0.43"',
      'NodeNetworkConfigurationPolicy/br0-eth1 spec.maxUnavailable: "50%" → -',
      'NodeNetworkConfigurationPolicy/ovs-br2-eth2 apiVersion: "nmstate.io/v1" → "nmstate.io/v1beta1"',
      'NodeNetworkConfigurationPolicy/ovs-br2-eth2 metadata.annotations.multihome.io/target: - → "kubernetesNmstate=0.43"',
      'NodeNetworkConfigurationPolicy/ovs-br2-eth2 spec.maxUnavailable: "50%" → -',
    ]);
  });

  it('KubeVirt 1.7 (before the core passtBinding): the pod NIC uses the passt binding plugin', () => {
    expect(differences(undefined, { kubevirt: '1.7' })).toEqual([
      'VirtualMachine/vm1 metadata.annotations.multihome.io/target: - → "kubevirt=1.7"',
      'VirtualMachine/vm1 spec.template.spec.domain.devices.interfaces.0.binding.name: - → "passt"',
      'VirtualMachine/vm1 spec.template.spec.domain.devices.interfaces.0.passtBinding: {} → -',
    ]);
  });

  it('OVN-Kubernetes 1.1 declared: the localnet is a ClusterUserDefinedNetwork instead of a NAD', () => {
    expect(differences(undefined, { ovnKubernetes: '1.1' })).toEqual([
      'ClusterUserDefinedNetwork/physnet-200 (only in b)',
      'NetworkAttachmentDefinition/physnet-200 (only in a)',
    ]);
  });

  it('CNI plugins 1.6: the NADs name the plugin build they were judged against', () => {
    expect(differences(undefined, { cni: 'upstream-1.6' })).toEqual([
      'NetworkAttachmentDefinition/physnet-200 metadata.annotations.multihome.io/plugin-profile: - → "upstream-1.6"',
      'NetworkAttachmentDefinition/vlan100 metadata.annotations.multihome.io/plugin-profile: - → "upstream-1.6"',
    ]);
  });

  it('nmstate 2.2.37: the output is the same, judged against that nmstate (the annotation says so)', () => {
    expect(differences(undefined, { nmstate: '2.2.37' })).toEqual([
      'NodeNetworkConfigurationPolicy/br0-eth1 metadata.annotations.multihome.io/target: - → "nmstate=2.2.37"',
      'NodeNetworkConfigurationPolicy/ovs-br2-eth2 metadata.annotations.multihome.io/target: - → "nmstate=2.2.37"',
    ]);
  });
});
