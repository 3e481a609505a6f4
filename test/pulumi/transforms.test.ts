import * as pulumi from '@pulumi/pulumi';
import { installMocks, registered, settle } from './mocks';

installMocks('lab');

// Imported after the mocks are installed (Pulumi's rule for unit tests).
import { lab } from '../../apps/environments/lab';
import { NetworkEnvironment } from '../../lib/pulumi';

/**
 * Issue 12 §2, Pulumi side: a component's resource options reach the real @pulumi/kubernetes
 * resources it registers — a `transformations` resource option given to NetworkEnvironment sees each NNCP, NAD and VirtualMachine with its Kubernetes type token and
 * its manifest as props, and what it changes is what gets registered.
 */
const KINDS: Record<string, string> = {
  'kubernetes:nmstate.io/v1:NodeNetworkConfigurationPolicy': 'NodeNetworkConfigurationPolicy',
  'kubernetes:k8s.cni.cncf.io/v1:NetworkAttachmentDefinition': 'NetworkAttachmentDefinition',
  'kubernetes:kubevirt.io/v1:VirtualMachine': 'VirtualMachine',
};

/** `Kind/name` of the resources lab renders of the kinds above (from the environment file, not from the code under test). */
const LAB_OBJECTS = [
  ...['br0-eth1'].map((n) => `NodeNetworkConfigurationPolicy/${n}`),
  ...lab.networks.flatMap((n) => n.namespaces.map(() => `NetworkAttachmentDefinition/${n.nadName ?? n.name}`)),
  ...lab.vms.map((v) => `VirtualMachine/${v.name}`),
].sort();

/** Adds `team: platform` to the labels of the kinds above; records what it saw. */
function labelling(seen: string[]) {
  return (type: string, name: string, props: Record<string, any>): Record<string, any> | undefined => {
    if (!(type in KINDS)) return undefined;
    seen.push(`${KINDS[type]}/${props.metadata.name} (${props.kind}) as ${name}`);
    return { ...props, metadata: { ...props.metadata, labels: { ...(props.metadata.labels ?? {}), team: 'platform' } } };
  };
}

/** The registered inputs of the kinds above, since index `from`, as `Kind/name team=<label>`. */
function registeredLabels(from: number): string[] {
  return registered
    .slice(from)
    .filter((r) => r.type in KINDS)
    .map((r) => `${r.inputs.kind}/${r.inputs.metadata.name} team=${r.inputs.metadata.labels?.team}`)
    .sort();
}

describe('Pulumi NetworkEnvironment: transformations see the real Kubernetes resources', () => {
  // `transforms` (the newer option, and `registerResourceTransform`) run in the engine, which calls
  // back into the program; `pulumi.runtime.setMocks` has no engine and turns them off
  // (@pulumi/pulumi runtime/mocks.js `store.supportsTransforms = false`: registration fails with
  // "The Pulumi CLI does not support transforms"). `transformations` run in the SDK, on the same
  // `(type, name, props, opts)` of every resource under the component, so they are what a unit
  // test can observe.
  it('GIVEN a transformations resource option THEN it sees every NNCP, NAD and VM with its Kubernetes type and manifest, and its change is what gets registered', async () => {
    expect(LAB_OBJECTS.length).toBeGreaterThan(3);
    const seen: string[] = [];
    const label = labelling(seen);
    const before = registered.length;
    const transformation: pulumi.ResourceTransformation = (args) => {
      const props = label(args.type, args.name, args.props);
      return props ? { props, opts: args.opts } : undefined;
    };
    new NetworkEnvironment('tx', { environment: lab }, { transformations: [transformation] });
    await settle();
    expect(seen.map((s) => s.split(' ')[0]).sort()).toEqual(LAB_OBJECTS);
    for (const s of seen) expect(s).toMatch(/^(\w+)\/\S+ \(\1\) as /);
    expect(registeredLabels(before)).toEqual(LAB_OBJECTS.map((o) => `${o} team=platform`));
  });
});
