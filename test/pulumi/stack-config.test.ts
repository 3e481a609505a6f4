import { applyNamespaceOverrides, parseStackConfig, StackConfigError } from '../../lib/pulumi/stack-config';
import { lab } from '../../apps/environments/lab';

describe('stack config', () => {
  it('parses every known key with its type', () => {
    expect(
      parseStackConfig({
        'multihome:waitFor': 'false',
        'multihome:waitTimeoutSeconds': '120',
        'multihome:isolation': 'openshift',
        'multihome:namespaceOverrides': '{"default":"lab-vms"}',
        'multihome:kubeconfigContext': 'kind-lab',
        'kubernetes:context': 'ignored: another namespace',
      }),
    ).toEqual({ waitFor: false, waitTimeoutSeconds: 120, isolation: 'openshift', namespaceOverrides: { default: 'lab-vms' }, kubeconfigContext: 'kind-lab' });
  });

  it('reports every unknown or mistyped key in one error', () => {
    let err: StackConfigError | undefined;
    try {
      parseStackConfig({ 'multihome:waitfor': 'true', 'multihome:waitTimeoutSeconds': 'soon', 'multihome:isolation': 'strict', 'multihome:namespaceOverrides': '["a"]' });
    } catch (e) {
      err = e as StackConfigError;
    }
    expect(err).toBeInstanceOf(StackConfigError);
    expect(err!.problems).toHaveLength(4);
    expect(err!.problems[0]).toMatch(/^multihome:waitfor: unknown key; allowed keys are .*multihome:waitFor/);
    expect(err!.problems.join('\n')).toMatch(/waitTimeoutSeconds: must be a positive integer/);
    expect(err!.problems.join('\n')).toMatch(/isolation: must be one of none, openshift/);
    expect(err!.problems.join('\n')).toMatch(/namespaceOverrides: must be a map of strings/);
  });

  it('maps namespaces of NADs and VMs', () => {
    const t = applyNamespaceOverrides(lab, { default: 'lab-vms' });
    expect(t.networks[0].namespaces).toEqual(['lab-vms']);
    expect(t.vms.map((v) => v.namespace)).toEqual(['lab-vms', 'lab-vms']);
  });
});
