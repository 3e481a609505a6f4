/**
 * The multihome policy pack run the way CrossGuard runs it: each policy's `validateStack` is
 * called with stack resources shaped exactly as the SDK delivers them (test/policy/stack.ts), built
 * from real manifests — the typed environments, the upstream examples of shared/corpus, the seed
 * documents — as a stack of `ConfigFile`/`CustomResource` objects would hold them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ENVIRONMENTS } from '../../apps/environments';
import { Manifest } from '../../lib/core/manifest';
import { isRecord } from '../../lib/core/problems';
import { buildEnvironment } from '../../lib/core/topology/build';
import { MULTIHOME_POLICY_NAMES, multihomePolicies, multihomePolicyPackConfig } from '../../lib/policy';
import { corpusDir } from '../support/shared';
import { readManifests } from '../core/topology/topology-fixtures';
import { codeOf, resourceOf, runPolicies, Violation } from './stack';

const MANDATORY = MULTIHOME_POLICY_NAMES.mandatory;
const kubeObjects = (file: string): Manifest[] => readManifests(file, false).filter((v): v is Manifest => isRecord(v) && typeof v.kind === 'string' && typeof v.apiVersion === 'string');
const mandatory = (vs: readonly Violation[]) => vs.filter((v) => v.policy === MANDATORY).map((v) => v.message);
/** `policy CODE urn-name` of each violation, sorted. */
const summary = (vs: readonly Violation[]) => vs.map((v) => `${v.policy === MANDATORY ? 'mandatory' : 'advisory'} ${codeOf(v.message)} ${v.urn?.split('::').pop() ?? '<stack>'}`).sort();

describe('the typed environments, registered as stack resources', () => {
  it.each(Object.keys(ENVIRONMENTS))('%s: no violation at all (deployed and in preview)', async (name) => {
    const manifests = buildEnvironment(ENVIRONMENTS[name as keyof typeof ENVIRONMENTS]).manifests.map((m) => m.manifest);
    expect(manifests.length).toBeGreaterThan(5);
    expect(await runPolicies(multihomePolicies(), manifests.map((m) => resourceOf(m, 'deployed')))).toEqual([]);
    expect(await runPolicies(multihomePolicies(), manifests.map((m) => resourceOf(m, 'preview')))).toEqual([]);
  });
});

describe('the upstream examples (shared/corpus), each file one stack', () => {
  const CORPUS = corpusDir();
  const walk = (d: string): string[] => fs.readdirSync(d).sort().flatMap((e) => (fs.statSync(path.join(d, e)).isDirectory() ? walk(path.join(d, e)) : [path.join(d, e)]));
  /** KubeVirt's API round-trip fixture: every field filled with placeholders, not valid config (SOURCES.md). */
  const PLACEHOLDERS = 'kubevirt/kubevirt-kubevirt@d923fdb8/staging/src/kubevirt.io/api/apitesting/testdata/HEAD/kubevirt.io.v1.VirtualMachine.yaml';
  const stacks = walk(CORPUS)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => [path.relative(CORPUS, f), kubeObjects(f)] as const)
    .filter(([, ms]) => ms.some((m) => ['NodeNetworkConfigurationPolicy', 'NetworkAttachmentDefinition', 'VirtualMachine', 'VirtualMachineInstance'].includes(m.kind)));

  it('finds the NNCP, NAD and VM examples', () => {
    expect(stacks.length).toBeGreaterThan(15);
    expect(stacks.map(([f]) => f)).toContain(PLACEHOLDERS);
  });

  it.each(stacks.filter(([f]) => f !== PLACEHOLDERS))('%s: no mandatory violation', async (_file, ms) => {
    expect(mandatory(await runPolicies(multihomePolicies(), ms.map((m) => resourceOf(m))))).toEqual([]);
  });

  it('the placeholder fixture is refused, on its URN, as KubeVirt admission refuses it', async () => {
    const ms = stacks.find(([f]) => f === PLACEHOLDERS)![1];
    const vs = await runPolicies(multihomePolicies(), ms.map((m) => resourceOf(m)));
    const refused = vs.filter((v) => v.policy === MANDATORY);
    expect(refused.map((v) => codeOf(v.message))).toEqual(expect.arrayContaining(['KUBEVIRT_RUN_STRATEGY_INVALID', 'KUBEVIRT_MAC_INVALID', 'METADATA_NAME_INVALID']));
    expect(new Set(refused.map((v) => v.urn))).toEqual(new Set(['urn:pulumi:test::policy-test::kubernetes:yaml/v2:ConfigFile$kubernetes:kubevirt.io/v1:VirtualMachine::namespaceValue/nameValue']));
  });
});

describe('the seed documents loaded as stack resources report what `multihome check` reports', () => {
  const SEEDS = path.join(__dirname, '..', 'fixtures', 'seeds');
  /**
   * `multihome check <seed> --format json`, less the YAML_* findings about the file's text (a
   * document that does not parse never becomes a resource): `enforcement CODE resource`.
   */
  const EXPECTED: Record<string, string[]> = {
    '000-openshift-br1.yaml': [
      'advisory CNI_TYPE_NOT_IN_PROFILE br1-bridge-network',
      'advisory KUBEVIRT_BRIDGE_WITHOUT_MAC vm-fedora',
      'advisory NAD_BRIDGE_RESOURCE_NAME_MISSING br1-bridge-network',
      'advisory TOPOLOGY_VM_PLACEMENT_UNCONSTRAINED vm-fedora',
    ],
    '001-vlan1085-c7000.yaml': [
      'advisory CNI_TYPE_NOT_IN_PROFILE vms/nad-1085',
      'advisory KUBEVIRT_BRIDGE_WITHOUT_MAC vms/pxe-vm',
      'advisory NAD_BRIDGE_RESOURCE_NAME_MISSING vms/nad-1085',
      'advisory TOPOLOGY_VM_PLACEMENT_UNCONSTRAINED vms/pxe-vm',
    ],
    '002-nmstate-bond-vlan.yaml': ['advisory NMSTATE_NNCP_NO_NODE_SELECTOR vlan'],
    '003-multus-bridge-dev.yaml': ['advisory CNI_TYPE_NOT_IN_PROFILE bridge-dev', 'mandatory NAD_BRIDGE_RESOURCE_NAME_MISMATCH bridge-dev'],
    '004-kubevirt-bridge-vlan100.yaml': [
      'advisory KUBEVIRT_BRIDGE_WITHOUT_MAC vma',
      'advisory KUBEVIRT_BRIDGE_WITHOUT_MAC vmb',
      'advisory KUBEVIRT_NETWORK_DATA_MATCH_BY_NAME vma',
      'advisory KUBEVIRT_NETWORK_DATA_MATCH_BY_NAME vmb',
      'advisory NAD_NAME_MISMATCH br0-100-l2',
      'advisory NMSTATE_NNCP_NO_NODE_SELECTOR br0-eth1',
      'advisory TOPOLOGY_MACSPOOFCHK_OFF br0-100-l2',
      'advisory TOPOLOGY_VLAN_NO_FILTERING br0-100-l2',
      'mandatory NAD_CONFIG_JSON_SYNTAX bridge-network',
      // nmstate.io/v1alpha1 is not served by the default target's kubernetes-nmstate (0.86; removed in 0.84)
      'mandatory TARGET_NNCP_API_NOT_SERVED br0-eth1',
    ],
  };

  it('covers every seed file', () => {
    expect(fs.readdirSync(SEEDS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s', async (file, expected) => {
    const vs = await runPolicies(multihomePolicies(), kubeObjects(path.join(SEEDS, file)).map((m) => resourceOf(m)));
    expect(summary(vs)).toEqual(expected);
  });

  it('each violation names the resource, field path, message, fix and code, on the resource URN', async () => {
    const vs = await runPolicies(multihomePolicies(), kubeObjects(path.join(SEEDS, '003-multus-bridge-dev.yaml')).map((m) => resourceOf(m)));
    const v = vs.find((x) => codeOf(x.message) === 'NAD_BRIDGE_RESOURCE_NAME_MISMATCH')!;
    expect(v.policy).toBe(MANDATORY);
    expect(v.urn).toBe('urn:pulumi:test::policy-test::kubernetes:yaml/v2:ConfigFile$kubernetes:k8s.cni.cncf.io/v1:NetworkAttachmentDefinition::bridge-dev');
    expect(v.message.startsWith('NetworkAttachmentDefinition/bridge-dev metadata.annotations["k8s.v1.cni.cncf.io/resourceName"]: ')).toBe(true);
    expect(v.message.endsWith('[error NAD_BRIDGE_RESOURCE_NAME_MISMATCH]')).toBe(true);
  });
});

describe('enforcement per code', () => {
  const seed003 = () => kubeObjects(path.join(__dirname, '..', 'fixtures', 'seeds', '003-multus-bridge-dev.yaml')).map((m) => resourceOf(m));

  it('a code configured advisory moves from the mandatory policy to the advisory one (config given to both policies)', async () => {
    const config = multihomePolicyPackConfig({ codes: { NAD_BRIDGE_RESOURCE_NAME_MISMATCH: 'advisory' } });
    expect(summary(await runPolicies(multihomePolicies(), seed003(), config))).toEqual(['advisory CNI_TYPE_NOT_IN_PROFILE bridge-dev', 'advisory NAD_BRIDGE_RESOURCE_NAME_MISMATCH bridge-dev']);
  });

  it('a warning configured mandatory is reported by the mandatory policy; a disabled code by neither (in code)', async () => {
    const policies = multihomePolicies({ codes: { CNI_TYPE_NOT_IN_PROFILE: 'mandatory', NAD_BRIDGE_RESOURCE_NAME_MISMATCH: 'disabled' } });
    expect(summary(await runPolicies(policies, seed003()))).toEqual(['mandatory CNI_TYPE_NOT_IN_PROFILE bridge-dev']);
  });

  it('the pack config overrides the levels given in code', async () => {
    const policies = multihomePolicies({ codes: { CNI_TYPE_NOT_IN_PROFILE: 'disabled' } });
    const config = multihomePolicyPackConfig({ codes: { CNI_TYPE_NOT_IN_PROFILE: 'mandatory' } });
    expect(summary(await runPolicies(policies, seed003(), config))).toEqual(['mandatory CNI_TYPE_NOT_IN_PROFILE bridge-dev', 'mandatory NAD_BRIDGE_RESOURCE_NAME_MISMATCH bridge-dev']);
  });

  it('the plugin profile of the config is the one NADs are checked against', async () => {
    const config = multihomePolicyPackConfig({ pluginProfile: 'openshift' });
    expect(summary(await runPolicies(multihomePolicies(), seed003(), config))).toEqual(['mandatory NAD_BRIDGE_RESOURCE_NAME_MISMATCH bridge-dev']);
  });

  it('a configured code multihome does not have is a mandatory violation of the stack, with the closest code', async () => {
    const config = multihomePolicyPackConfig({ codes: { NAD_BRIDGE_RESOURCE_NAME_MISMATCHH: 'disabled' } });
    const vs = await runPolicies(multihomePolicies(), seed003(), config);
    const unknown = vs.filter((v) => codeOf(v.message) === 'POLICY_CONFIG_UNKNOWN_CODE');
    expect(unknown.map((v) => [v.policy, v.urn])).toEqual([[MANDATORY, undefined]]);
    expect(unknown[0].message).toContain('NAD_BRIDGE_RESOURCE_NAME_MISMATCH?');
  });
});
