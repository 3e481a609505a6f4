/**
 * Pulumi's resource options follow the diff's classification: every field the semantic diff
 * classifies `replace` is in the resource's `replaceOnChanges` (one table,
 * lib/core/kubernetes/immutable-fields.ts), and every multihome object is `deleteBeforeReplace`
 * (its name is fixed, so a create before the delete would collide).
 */
import { diffManifests } from '../../lib/core/diff';
import { Manifest, manifestKey } from '../../lib/core/manifest';
import { RenderedManifest } from '../../lib/core/topology/render';
import { lifecycleOptions } from '../../lib/pulumi/register';

const rendered = (manifest: Manifest): RenderedManifest => ({ manifest, key: manifestKey(manifest), layer: 'nncp', origin: { kind: 'environment', name: 't' }, dependsOn: [] });
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

const nncp: Manifest = {
  apiVersion: 'nmstate.io/v1',
  kind: 'NodeNetworkConfigurationPolicy',
  metadata: { name: 'take-over' },
  spec: { capture: { gw: 'routes.running.destination=="0.0.0.0/0"' }, desiredState: { interfaces: [{ name: 'br-ex', type: 'linux-bridge', state: 'up' }] } },
};
const cudn: Manifest = {
  apiVersion: 'k8s.ovn.org/v1',
  kind: 'ClusterUserDefinedNetwork',
  metadata: { name: 'ext' },
  spec: { namespaceSelector: { matchLabels: { team: 'web' } }, network: { topology: 'Localnet', localnet: { role: 'Secondary', physicalNetworkName: 'physnet-ext' } } },
};

describe('resource options follow the diff', () => {
  it.each([
    ['an NNCP capture', nncp, (m: any) => (m.spec.capture.gw = 'routes.running.destination=="::/0"')],
    ['a CUDN localnet', cudn, (m: any) => (m.spec.network.localnet.physicalNetworkName = 'physnet-other')],
    ['a CUDN topology', cudn, (m: any) => (m.spec.network = { topology: 'Layer2', layer2: { role: 'Secondary', subnets: ['10.1.0.0/24'] } })],
  ])('%s change is a replace the resource is registered to do', (_what, before, change) => {
    const after = clone(before);
    change(after);
    const replaced = diffManifests([before], [after]).filter((c) => c.class === 'replace').map((c) => c.path);
    expect(replaced.length).toBeGreaterThan(0);
    const opts = lifecycleOptions(rendered(after));
    for (const p of replaced) expect(opts.replaceOnChanges).toContain(p);
    expect(opts.deleteBeforeReplace).toBe(true);
  });
});
