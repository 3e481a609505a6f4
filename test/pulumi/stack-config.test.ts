import * as pulumi from '@pulumi/pulumi';
import { applyNamespaceOverrides, parseStackConfig, StackConfigError } from '../../lib/pulumi/stack-config';
import { lab } from '../../apps/environments/lab';
import { targetSpecOfText } from '../../lib/core/target';

describe('stack config', () => {
  it('parses every known key with its type', () => {
    expect(
      parseStackConfig({
        'multihome:waitFor': 'false',
        'multihome:waitTimeoutSeconds': '120',
        'multihome:isolation': 'openshift',
        'multihome:namespaceOverrides': '{"default":"lab-vms"}',
        'multihome:kubeconfigContext': 'kind-lab',
        'multihome:target': 'preset=openshift-4.19,kubevirt=1.6',
        'kubernetes:context': 'ignored: another namespace',
      }),
    ).toEqual({ waitFor: false, waitTimeoutSeconds: 120, isolation: 'openshift', namespaceOverrides: { default: 'lab-vms' }, kubeconfigContext: 'kind-lab', target: 'preset=openshift-4.19,kubevirt=1.6' });
    // the value is a target as --target writes it
    expect(targetSpecOfText('preset=openshift-4.19,kubevirt=1.6')).toEqual({ preset: 'openshift-4.19', kubevirt: '1.6' });
    expect(targetSpecOfText('openshift-4.19')).toBe('openshift-4.19');
  });

  it('reports every unknown or mistyped key in one error', () => {
    let err: StackConfigError | undefined;
    try {
      parseStackConfig({ 'multihome:waitfor': 'true', 'multihome:waitTimeoutSeconds': 'soon', 'multihome:isolation': 'strict', 'multihome:namespaceOverrides': '["a"]' });
    } catch (e) {
      err = e as StackConfigError;
    }
    expect(err).toBeInstanceOf(StackConfigError);
    expect(err!.problems.map((p) => [p.code, p.path])).toEqual([
      ['STACK_CONFIG_INVALID', 'multihome:waitfor'],
      ['STACK_CONFIG_INVALID', 'multihome:waitTimeoutSeconds'],
      ['STACK_CONFIG_INVALID', 'multihome:isolation'],
      ['STACK_CONFIG_INVALID', 'multihome:namespaceOverrides'],
    ]);
    expect(err!.problems[0].message).toMatch(/unknown key; allowed keys are .*multihome:waitFor/);
    expect(err!.problems[1].message).toMatch(/must be a positive integer \(given "soon"\)/);
    expect(err!.problems[2].message).toMatch(/must be one of none, openshift/);
    expect(err!.problems[3].message).toMatch(/must be a map of strings/);
    // a RunError: the Pulumi CLI prints the problems without a stack trace
    expect(pulumi.RunError.isInstance(err)).toBe(true);
  });

  it('refuses namespace overrides that are not namespace names', () => {
    expect(() => parseStackConfig({ 'multihome:namespaceOverrides': '{"default":"Team_A"}' })).toThrow(StackConfigError);
    try {
      parseStackConfig({ 'multihome:namespaceOverrides': '{"default":"Team_A"}' });
    } catch (e) {
      expect((e as StackConfigError).problems.map((p) => [p.code, p.path])).toEqual([['STACK_CONFIG_INVALID', 'multihome:namespaceOverrides']]);
    }
  });

  it('maps namespaces of NADs and VMs', () => {
    const t = applyNamespaceOverrides(lab, { default: 'lab-vms' });
    expect(t.networks[0].namespaces).toEqual(['lab-vms']);
    expect(t.vms.map((v) => v.namespace)).toEqual(['lab-vms', 'lab-vms']);
  });
});
