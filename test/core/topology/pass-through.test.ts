/**
 * `Topology.passThrough` (the `passThrough` prop of both NetworkEnvironments): objects written as
 * given, placed in the apply layer of their kind, given their layer's sync wave unless they carry
 * one, copied (the topology keeps what it was given), their own problems reported as warnings,
 * and refused by the shape gate when they lack what any manifest needs.
 */
import { App, Testing } from 'cdk8s';
import { lab } from '../../../apps/environments/lab';
import { buildEnvironment } from '../../../lib/core/topology/build';
import type { PassThroughObject, Topology } from '../../../lib/core/topology/model';
import { NetworkEnvironment } from '../../../lib/cdk8s';

const WAVE = 'argocd.argoproj.io/sync-wave';

const nncp = (name: string, annotations?: Record<string, string>): PassThroughObject => ({
  apiVersion: 'nmstate.io/v1',
  kind: 'NodeNetworkConfigurationPolicy',
  metadata: { name, ...(annotations ? { annotations } : {}) },
  spec: { desiredState: { interfaces: [{ name: `dummy-${name}`, type: 'dummy', state: 'up' }] } },
});
const configMap: PassThroughObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'site', namespace: 'default' }, data: { a: '1' } };
const brokenNad: PassThroughObject = {
  apiVersion: 'k8s.cni.cncf.io/v1',
  kind: 'NetworkAttachmentDefinition',
  metadata: { name: 'aaa-broken', namespace: 'default' },
  spec: { config: '{"cniVersion": "0.3.1" "type": "bridge"}' },
};

const keys = (t: Topology) => buildEnvironment(t).manifests.map((m) => m.key);

describe('passThrough', () => {
  const t: Topology = { ...lab, passThrough: [configMap, nncp('zz-site', { [WAVE]: '7' }), nncp('aa-site'), brokenNad] };
  const build = buildEnvironment(t);
  const byKey = new Map(build.manifests.map((m) => [m.key, m]));

  it('places each object in the layer of its kind, ordered like the rendered objects there', () => {
    const order = build.manifests.map((m) => m.key);
    const own = keys(lab);
    // the rendered objects keep their order
    expect(order.filter((k) => own.includes(k))).toEqual(own);
    const at = (k: string) => order.indexOf(k);
    const firstOf = (kind: string) => order.findIndex((k) => k.startsWith(`${kind}/`));
    // other kinds: the end of the prerequisites, before the first policy
    expect(at('ConfigMap/default/site')).toBeLessThan(firstOf('NodeNetworkConfigurationPolicy'));
    // policies by wave, then name: aa-site (the layer's wave) sorts first among them
    expect(at('NodeNetworkConfigurationPolicy/aa-site')).toBe(firstOf('NodeNetworkConfigurationPolicy'));
    expect(at('NodeNetworkConfigurationPolicy/zz-site')).toBeLessThan(firstOf('NetworkAttachmentDefinition'));
    expect(at('NetworkAttachmentDefinition/default/aaa-broken')).toBe(firstOf('NetworkAttachmentDefinition'));
  });

  it("gives an object its layer's sync wave unless it carries one", () => {
    const rendered = build.manifests.find((m) => m.key === 'NodeNetworkConfigurationPolicy/br0-eth1')!;
    expect(byKey.get('NodeNetworkConfigurationPolicy/aa-site')!.manifest.metadata.annotations?.[WAVE]).toBe(rendered.manifest.metadata.annotations?.[WAVE]);
    expect(byKey.get('NodeNetworkConfigurationPolicy/zz-site')!.manifest.metadata.annotations?.[WAVE]).toBe('7');
    const noWaves = buildEnvironment({ ...t, ordering: { syncWaves: false } });
    expect(noWaves.manifests.find((m) => m.key === 'NodeNetworkConfigurationPolicy/aa-site')!.manifest.metadata.annotations?.[WAVE]).toBeUndefined();
  });

  it('writes a copy: the topology keeps the object it was given', () => {
    expect(byKey.get('ConfigMap/default/site')!.manifest).toEqual({ ...configMap, metadata: { ...configMap.metadata, annotations: { [WAVE]: expect.any(String) } } });
    expect(configMap.metadata.annotations).toBeUndefined();
  });

  it("reports the object's own problems as warnings saying it is written as given", () => {
    expect(build.errors).toEqual([]);
    const json = build.warnings.find((p) => p.code === 'NAD_CONFIG_JSON_SYNTAX');
    expect(json).toMatchObject({ severity: 'warning', resource: { kind: 'NetworkAttachmentDefinition', name: 'aaa-broken' }, path: 'spec.config' });
    expect(json!.fix).toMatch(/\(a passThrough object: written as given\)$/);
  });

  it('refuses an object without apiVersion, kind and metadata.name (shape gate), with the field path', () => {
    const bad = buildEnvironment({ ...lab, passThrough: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'x' } } as unknown as PassThroughObject] });
    expect(bad.manifests).toEqual([]);
    expect(bad.errors.map((p) => [p.code, p.path])).toEqual([['TOPOLOGY_SHAPE', 'passThrough[0].metadata.name']]);
  });

  it('is a prop of the cdk8s NetworkEnvironment, rendering the same objects as the data form', () => {
    const app: App = Testing.app();
    new NetworkEnvironment(app, 'lab', { environment: lab, passThrough: [configMap] });
    const synthesized = Testing.synth(app.charts[0]).map((o: { kind: string; metadata: { name: string; namespace?: string } }) => `${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`);
    expect(synthesized).toEqual(keys({ ...lab, passThrough: [configMap] }));
  });
});
