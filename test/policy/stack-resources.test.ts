/**
 * Reading stack resources back into Kubernetes objects: type tokens as @pulumi/kubernetes
 * registers them, the provider's `__inputs`, Pulumi secrets, and values unknown during preview —
 * which never produce a problem.
 */
import * as path from 'path';
import { Secret } from '@pulumi/policy';
import { buildEnvironment } from '../../lib/core/topology/build';
import { lab } from '../../apps/environments/lab';
import { Manifest } from '../../lib/core/manifest';
import { isRecord } from '../../lib/core/problems';
import { kubernetesTypeOf, MULTIHOME_POLICY_NAMES, multihomePolicies, stackObjects } from '../../lib/policy';
import { loadSetFixture, readManifests } from '../core/topology/topology-fixtures';
import { codeOf, policyResource, resourceOf, runPolicies, secret, typeToken, UNKNOWN } from './stack';

const SEEDS = path.join(__dirname, '..', 'fixtures', 'seeds');
const seed = (file: string): Manifest[] => readManifests(path.join(SEEDS, file), false).filter((v): v is Manifest => isRecord(v) && typeof v.kind === 'string');
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('type tokens', () => {
  it('reads apiVersion and kind from CustomResource / ConfigFile tokens and the core group typed classes', () => {
    expect(kubernetesTypeOf('kubernetes:nmstate.io/v1:NodeNetworkConfigurationPolicy')).toEqual({ apiVersion: 'nmstate.io/v1', kind: 'NodeNetworkConfigurationPolicy' });
    expect(kubernetesTypeOf('kubernetes:k8s.cni.cncf.io/v1:NetworkAttachmentDefinition')).toEqual({ apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition' });
    expect(kubernetesTypeOf('kubernetes:core/v1:Secret')).toEqual({ apiVersion: 'v1', kind: 'Secret' });
    expect(kubernetesTypeOf('pulumi:providers:kubernetes')).toBeUndefined();
  });

  it('reads only NNCPs, NADs, VMs, VMIs and core Secrets; components, patches and other kinds are left out', () => {
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'vms' } };
    const resources = [
      policyResource({ files: ['a.yaml'] }, 'kubernetes:yaml/v2:ConfigFile', 'cf', 'pulumi:pulumi:Stack'),
      policyResource(ns, 'kubernetes:core/v1:Namespace', 'vms'),
      policyResource({ metadata: { name: 's' }, data: {} }, 'kubernetes:core/v1:SecretPatch', 's'),
      policyResource({ metadata: { name: 'n' }, spec: {} }, 'kubernetes:nmstate.io/v1:NodeNetworkConfigurationPolicyPatch', 'n'),
      ...seed('003-multus-bridge-dev.yaml').map((m) => resourceOf(m)),
    ];
    expect(stackObjects(resources).map((o) => `${o.manifest.apiVersion} ${o.manifest.kind}`)).toEqual(['k8s.cni.cncf.io/v1 NetworkAttachmentDefinition']);
  });
});

describe('__inputs: what the program wrote, in preview and once deployed', () => {
  it('a VM judged on its inputs, not on the live object the cluster defaulted (kubemacpool MAC)', async () => {
    const vm = seed('001-vlan1085-c7000.yaml').find((m) => m.kind === 'VirtualMachine')!;
    const live = clone(vm) as any;
    live.spec.template.spec.domain.devices.interfaces[0].macAddress = '02:00:00:00:00:01';
    live.status = { ready: true };
    const deployed = policyResource({ ...live, __inputs: vm, __initialApiVersion: 'kubevirt.io/v1', __fieldManager: 'pulumi-kubernetes-1' }, typeToken('kubevirt.io/v1', 'VirtualMachine'), 'vms/pxe-vm');
    const codes = (await runPolicies(multihomePolicies(), [deployed])).map((v) => codeOf(v.message));
    expect(codes).toContain('KUBEVIRT_BRIDGE_WITHOUT_MAC');
    expect(stackObjects([deployed])[0].manifest).toEqual(vm);
  });
});

describe('secrets', () => {
  it('unwraps the engine envelope: a VM whose networkData is in a secret Secret is checked across the set', async () => {
    const fixture = loadSetFixture('TOPOLOGY_IP_DUPLICATE');
    const manifests = clone(fixture.manifests) as any[];
    const vm2 = manifests.find((m) => m.metadata.name === 'vm2');
    const volume = vm2.spec.template.spec.volumes[0].cloudInitNoCloud;
    const networkSecret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'vm2-network', namespace: 'vms' }, type: 'Opaque', stringData: secret({ networkdata: volume.networkData }) };
    vm2.spec.template.spec.volumes[0].cloudInitNoCloud = { networkDataSecretRef: { name: 'vm2-network' } };
    const vs = await runPolicies(multihomePolicies(), [...manifests, networkSecret].map((m) => resourceOf(m)));
    const dup = vs.filter((v) => codeOf(v.message) === 'TOPOLOGY_IP_DUPLICATE');
    expect(dup.map((v) => v.urn?.split('::').pop())).toEqual(['vms/vm2']);
    expect(dup[0].message).toContain('spec.template.spec.volumes[0].cloudInitNoCloud.networkDataSecretRef: ');
  });

  it('unwraps the SDK `Secret` values and reads no `__` key of the provider', () => {
    const props = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'vms' }, stringData: new Secret({ networkdata: 'version: 2' }), __fieldManager: 'x' };
    const [o] = stackObjects([{ type: 'kubernetes:core/v1:Secret', props, urn: 'urn:x', name: 's' }]);
    expect(o.manifest).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'vms' }, stringData: { networkdata: 'version: 2' } });
    expect(o.unknown).toEqual([]);
    // the engine's envelope, when props reach multihome without the SDK's deserializer
    const [raw] = stackObjects([{ type: 'kubernetes:core/v1:Secret', props: { ...props, stringData: secret({ networkdata: 'version: 2' }) }, urn: 'urn:y', name: 's' }]);
    expect(raw.manifest.stringData).toEqual({ networkdata: 'version: 2' });
  });
});

describe('values unknown during preview', () => {
  const labManifests = () => buildEnvironment(lab).manifests.map((m) => clone(m.manifest) as any);

  it('are recorded at their path, never read through the SDK proxy (which would abort the policy)', () => {
    const nad = seed('003-multus-bridge-dev.yaml')[0] as any;
    const preview = { ...clone(nad), spec: { config: UNKNOWN }, metadata: { ...nad.metadata, labels: { team: UNKNOWN } } };
    const [o] = stackObjects([resourceOf(preview, 'preview')]);
    expect(o.unknown).toEqual(['metadata.labels.team', 'spec.config']);
    expect(o.manifest.spec).toEqual({});
  });

  it('a NAD whose config is unknown gives no violation to it nor to the VMs that use it; the note names it', async () => {
    const ms = labManifests();
    const nad = ms.find((m) => m.kind === 'NetworkAttachmentDefinition');
    nad.spec.config = UNKNOWN;
    const vs = await runPolicies(multihomePolicies(), ms.map((m) => resourceOf(m, 'preview')));
    expect(vs.map((v) => [v.policy, v.urn])).toEqual([[MULTIHOME_POLICY_NAMES.advisory, undefined]]);
    expect(vs[0].message).toContain(`NetworkAttachmentDefinition/${nad.metadata.namespace}/${nad.metadata.name} (spec.config)`);
  });

  it('a NAD whose name is unknown (generateName) is not reported missing by the VMs that use it', async () => {
    const ms = labManifests();
    const nad = ms.find((m) => m.kind === 'NetworkAttachmentDefinition');
    nad.metadata.name = UNKNOWN;
    const vs = await runPolicies(multihomePolicies(), ms.map((m) => resourceOf(m, 'preview')));
    expect(vs.filter((v) => v.policy === MULTIHOME_POLICY_NAMES.mandatory)).toEqual([]);
    expect(vs).toHaveLength(1);
  });

  it('the known objects are still checked alone while the set waits (seed 003 NAD beside an incomplete VM)', async () => {
    const [nad] = seed('003-multus-bridge-dev.yaml');
    const vm = { ...clone(seed('001-vlan1085-c7000.yaml').find((m) => m.kind === 'VirtualMachine')!), spec: UNKNOWN };
    const vs = await runPolicies(multihomePolicies(), [resourceOf(nad, 'preview'), resourceOf(vm, 'preview')]);
    expect(vs.filter((v) => v.urn !== undefined).map((v) => codeOf(v.message)).sort()).toEqual(['CNI_TYPE_NOT_IN_PROFILE', 'NAD_BRIDGE_RESOURCE_NAME_MISMATCH']);
  });
});
