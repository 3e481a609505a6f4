/**
 * The Pulumi program (apps/pulumi/index.ts) under mocks: the stack name picks the environment,
 * the stack's `multihome:*` config is applied, and bad config stops the program with every
 * problem before any resource is registered. There is no Pulumi CLI here; `setMocks` stands in
 * for the engine, and `setAllConfig` for `Pulumi.<stack>.yaml`.
 */
import * as pulumi from '@pulumi/pulumi';
import { installMocks, registered, settle } from './mocks';
import { lab } from '../../apps/environments/lab';
import { buildEnvironment } from '../../lib/core/topology/build';

/** Runs the program for `stack` with raw config (as `pulumi config` stores it). */
async function runProgram(stack: string, config: Record<string, string>): Promise<{ error?: Error; kinds: string[] }> {
  installMocks(stack);
  pulumi.runtime.setAllConfig(config);
  const before = registered.length;
  let error: Error | undefined;
  jest.isolateModules(() => {
    try {
      require('../../apps/pulumi/index');
    } catch (e) {
      error = e as Error;
    }
  });
  await settle();
  const kinds = registered.slice(before).filter((r) => r.type.startsWith('kubernetes:')).map((r) => `${r.inputs.kind}/${r.inputs.metadata?.namespace ?? ''}/${r.inputs.metadata?.name}`);
  return { error, kinds };
}

describe('apps/pulumi program', () => {
  it('stack "prod" deploys the prod environment with the namespace override and OpenShift isolation', async () => {
    const { error, kinds } = await runProgram('prod', {
      'multihome:isolation': 'openshift',
      'multihome:namespaceOverrides': '{"vms":"prod-vms"}',
    });
    expect(error).toBeUndefined();
    expect(kinds).toContain('NodeNetworkConfigurationPolicy//bond-vlan30');
    expect(kinds).toContain('NetworkAttachmentDefinition/prod-vms/br1-bridge-network');
    expect(kinds).toContain('VirtualMachine/prod-vms/vm-fedora');
    expect(kinds.some((k) => k.startsWith('VirtualMachine/vms/'))).toBe(false);
  });

  it('stack "lab" registers exactly the seed 004 objects and the observing agent', async () => {
    const { error, kinds } = await runProgram('lab', { 'multihome:waitFor': 'false' });
    expect(error).toBeUndefined();
    expect(kinds.sort()).toEqual([
      'ClusterRole//multihome-agent',
      'ClusterRoleBinding//multihome-agent',
      'ConfigMap/multihome-system/multihome-agent-nodes',
      'DaemonSet/multihome-system/multihome-agent-nodes',
      'NMState//nmstate',
      'Namespace//multihome-system',
      'NetworkAddonsConfig//cluster',
      'NetworkAttachmentDefinition/default/br0-100-l2',
      'NodeNetworkConfigurationPolicy//br0-eth1',
      'ServiceAccount/multihome-system/multihome-agent',
      'ValidatingAdmissionPolicy//multihome-agent-own-node',
      'ValidatingAdmissionPolicyBinding//multihome-agent-own-node',
      'VirtualMachine/default/vma',
      'VirtualMachine/default/vmb',
    ]);
  });

  it('multihome:agentImage and multihome:agentImageTag set the agent image of every DaemonSet', async () => {
    installMocks('lab');
    pulumi.runtime.setAllConfig({ 'multihome:agentImage': 'registry.local/multihome-agent', 'multihome:agentImageTag': 'dev' });
    const before = registered.length;
    jest.isolateModules(() => require('../../apps/pulumi/index'));
    await settle();
    const ds = registered.slice(before).filter((r) => r.type === 'kubernetes:apps/v1:DaemonSet');
    expect(ds.map((r) => r.inputs.spec.template.spec.containers[0].image)).toEqual(['registry.local/multihome-agent:dev']);
  });

  it('an unknown stack name is refused naming the environments', async () => {
    const { error, kinds } = await runProgram('staging', {});
    expect(error?.message).toMatch(/no environment named "staging".*lab, prod/);
    expect(kinds).toEqual([]);
  });

  it('wrong config keys stop the program with every problem and register nothing', async () => {
    const { error, kinds } = await runProgram('lab', { 'multihome:waitfor': 'true', 'multihome:isolation': 'strict' });
    expect(error?.name).toBe('StackConfigError');
    expect(error?.message).toMatch(/2 problem\(s\)/);
    expect(error?.message).toMatch(/multihome:waitfor: unknown key/);
    expect(error?.message).toMatch(/multihome:isolation: must be one of none, openshift/);
    expect(kinds).toEqual([]);
  });

  it('stack "lab", written with the components, registers the manifests of the lab data form byte for byte (readiness annotations aside)', async () => {
    installMocks('lab');
    pulumi.runtime.setAllConfig({});
    const before = registered.length;
    jest.isolateModules(() => require('../../apps/pulumi/index'));
    await settle();
    const strip = (m: any) => {
      const annotations = Object.fromEntries(Object.entries(m.metadata.annotations ?? {}).filter(([k]) => !k.startsWith('pulumi.com/')));
      return { ...m, metadata: { ...m.metadata, annotations } };
    };
    const got = registered.slice(before).filter((r) => r.type.startsWith('kubernetes:')).map((r) => strip(JSON.parse(JSON.stringify(r.inputs))));
    const want = buildEnvironment(lab).manifests.map((m) => strip(JSON.parse(JSON.stringify(m.manifest))));
    const key = (m: any) => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`;
    expect(got.map(key).sort()).toEqual(want.map(key).sort());
    for (const w of want) expect(got.find((g) => key(g) === key(w))).toEqual(w);
  });
});
