/**
 * B16 / issue 12 §4: `multihome check dist/<env>` is clean with no flags on every environment
 * multihome synthesizes. The output says what it was validated against (lib/core/render/targets.ts
 * annotations) and check reads it per object; explicit flags still win.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as jsyaml from 'js-yaml';
import { ENVIRONMENTS } from '../../apps/environments';
import { checkPaths, CheckRecord } from '../../lib/cli/check';
import { synthDirect } from '../../lib/cli/synth';
import { qualifiedNameError } from '../../lib/core/kubernetes';
import { ISOLATION_ANNOTATION, PLUGIN_PROFILE_ANNOTATION, SILENCE_ANNOTATION } from '../../lib/core/render/targets';
import { cli } from '../support/cli';
import { TRIAL_LIB } from '../support/trial-lib';

const TRIAL_ENV = path.join(__dirname, '..', '..', '..', 'shared', 'reference', 'trial-2026-12', 'env');

const tmp = (p: string) => fs.mkdtempSync(path.join(os.tmpdir(), p));

/** Synthesizes every environment of apps/environments into a fresh directory (as `multihome synth` does). */
function synthAll(): string {
  const out = tmp('mh-agree-');
  const r = synthDirect(ENVIRONMENTS, out);
  expect(r.errors).toEqual([]);
  return out;
}

const OUT = synthAll();
const fileOf = (env: string) => path.join(OUT, env, `${env}.k8s.yaml`);
const summary = (rs: readonly CheckRecord[]) => rs.map((r) => ({ code: r.code, kind: r.kind, name: r.name, path: r.path }));

/** The documents of a synthesized file, as plain objects. */
const docsOf = (file: string) => jsyaml.loadAll(fs.readFileSync(file, 'utf8')) as Array<{ kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> }; spec?: any }>;

/** Writes `docs` to a fresh file and returns its path. */
function writeDocs(docs: readonly unknown[]): string {
  const file = path.join(tmp('mh-edit-'), 'edited.yaml');
  fs.writeFileSync(file, docs.map((d) => jsyaml.dump(d, { noRefs: true })).join('---\n'));
  return file;
}

/** Which objects carry `key`, and its value. */
const carrying = (file: string, key: string) =>
  docsOf(file)
    .filter((d) => d.metadata.annotations?.[key] !== undefined)
    .map((d) => `${d.kind}/${d.metadata.name}=${d.metadata.annotations![key]}`);

describe('check agrees with synth (B16)', () => {
  it.each(Object.keys(ENVIRONMENTS))('GIVEN dist/%s from synth WHEN checked with no flags THEN no problem at all, exit 0', (env) => {
    const r = checkPaths([path.join(OUT, env)]);
    expect(summary(r.records)).toEqual([]);
    expect(r.exitCode).toBe(0);
    expect(r.resources).toBeGreaterThan(0);
  });

  it('GIVEN the trial report\'s prod2 environment (prod2-data.ts) WHEN synthesized by the CLI and checked by the CLI with no flags THEN both exit 0 with no problem', async () => {
    const dir = tmp('mh-prod2-');
    const src = fs.readFileSync(path.join(TRIAL_ENV, 'prod2-data.ts'), 'utf8').replace(/from 'multihome'/g, `from ${JSON.stringify(TRIAL_LIB)}`);
    fs.writeFileSync(path.join(dir, 'prod2-data.ts'), src);
    const synth = await cli('synth', '--environments', path.join(dir, 'prod2-data.ts'), '--out', path.join(dir, 'dist'));
    expect(synth.code).toBe(0);
    // prod2 declares none of its namespaces, and its vanilla cluster gets no bridge-marker (no CNAO
    // linuxBridge, no agent) for the four bridge networks' NADs: synth warns about each (intent
    // rules; nothing check sees)
    expect(synth.err.trim().split('\n').map((l) => /\[(\w+)\]/.exec(l)?.[1])).toEqual([
      'TOPOLOGY_NAMESPACE_UNDECLARED', 'TOPOLOGY_NAMESPACE_UNDECLARED',
      'TOPOLOGY_BRIDGE_MARKER_MISSING', 'TOPOLOGY_BRIDGE_MARKER_MISSING', 'TOPOLOGY_BRIDGE_MARKER_MISSING', 'TOPOLOGY_BRIDGE_MARKER_MISSING',
    ]);
    const check = await cli('check', path.join(dir, 'dist', 'prod2'));
    expect({ code: check.code, out: check.out }).toEqual({ code: 0, out: expect.stringMatching(/^0 error\(s\), 0 warning\(s\) in \d+ resource\(s\) from 1 file\(s\)\n$/) });
  }, 60_000);

  // each environment is its own cluster (estate and prod both define bond0, differently): checked one at a time
  it.each(['lab', 'prod', 'estate'])('GIVEN dist/%s WHEN checked through the CLI with no flags THEN exit 0 and "0 error(s), 0 warning(s)"', async (env) => {
    const r = await cli('check', path.join(OUT, env));
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^0 error\(s\), 0 warning\(s\) in \d+ resource\(s\) from 1 file\(s\)\n$/);
  });

  it('the annotations are only where needed: the profile on the four prod NADs, isolation on the two prod VMs and the five agent DaemonSets, silence on the silenced objects', () => {
    expect(carrying(fileOf('prod'), PLUGIN_PROFILE_ANNOTATION)).toEqual([
      'NetworkAttachmentDefinition/br1-bridge-network=openshift',
      'NetworkAttachmentDefinition/nad-1085=openshift',
      'NetworkAttachmentDefinition/nad-1085=openshift',
      'NetworkAttachmentDefinition/nad-1085=openshift',
    ]);
    // the agent's host-network DaemonSets are judged for OpenShift (their SCC admission) too
    expect(carrying(fileOf('prod'), ISOLATION_ANNOTATION)).toEqual([
      'DaemonSet/multihome-agent-workers=openshift',
      'DaemonSet/multihome-agent-c7000=openshift',
      'DaemonSet/multihome-agent-node-10-6-185-30=openshift',
      'DaemonSet/multihome-agent-node02=openshift',
      'DaemonSet/multihome-agent-all=openshift',
      'VirtualMachine/pxe-vm=openshift',
      'VirtualMachine/vm-fedora=openshift',
    ]);
    expect(carrying(fileOf('prod'), SILENCE_ANNOTATION)).toEqual(['NodeNetworkConfigurationPolicy/vlan=NMSTATE_NNCP_NO_NODE_SELECTOR']);
    expect(carrying(fileOf('lab'), SILENCE_ANNOTATION)).toEqual(['NodeNetworkConfigurationPolicy/br0-eth1=NMSTATE_NNCP_NO_NODE_SELECTOR', 'NetworkAttachmentDefinition/br0-100-l2=NAD_NAME_MISMATCH']);
    expect(carrying(fileOf('lab'), PLUGIN_PROFILE_ANNOTATION)).toEqual([]);
    expect(carrying(fileOf('lab'), ISOLATION_ANNOTATION)).toEqual([]);
  });

  it.each([PLUGIN_PROFILE_ANNOTATION, ISOLATION_ANNOTATION, SILENCE_ANNOTATION])('annotation key %s is a valid qualified name (apimachinery ValidateAnnotations)', (key) => {
    expect(qualifiedNameError(key)).toBeUndefined();
  });

  it('GIVEN prod without its plugin-profile annotations THEN check reports the OpenShift plugin names against upstream, as before the fix (4 × CNI_TYPE_NOT_IN_PROFILE)', () => {
    const docs = docsOf(fileOf('prod'));
    for (const d of docs) delete d.metadata.annotations?.[PLUGIN_PROFILE_ANNOTATION];
    const rs = checkPaths([writeDocs(docs)]).records;
    expect(rs.filter((r) => r.code === 'CNI_TYPE_NOT_IN_PROFILE').map((r) => r.name).sort()).toEqual(['br1-bridge-network', 'nad-1085', 'nad-1085', 'nad-1085']);
  });

  it('GIVEN dist/prod WHEN --plugin-profile upstream is given THEN the flag wins over the annotations', async () => {
    const r = await cli('check', '--format', 'json', '--plugin-profile', 'upstream', path.join(OUT, 'prod'));
    const rs = JSON.parse(r.out) as CheckRecord[];
    expect(rs.filter((x) => x.code === 'CNI_TYPE_NOT_IN_PROFILE').map((x) => x.severity)).toEqual(['warning', 'warning', 'warning', 'warning']);
  });

  it('GIVEN lab without its silence annotations THEN the two silenced warnings come back on their objects', () => {
    const docs = docsOf(fileOf('lab'));
    for (const d of docs) delete d.metadata.annotations?.[SILENCE_ANNOTATION];
    expect(summary(checkPaths([writeDocs(docs)]).records)).toEqual([
      { code: 'NMSTATE_NNCP_NO_NODE_SELECTOR', kind: 'NodeNetworkConfigurationPolicy', name: 'br0-eth1', path: 'spec.nodeSelector' },
      { code: 'NAD_NAME_MISMATCH', kind: 'NetworkAttachmentDefinition', name: 'br0-100-l2', path: 'spec.config.name' },
    ]);
  });

  it('GIVEN a silence annotation naming an error code THEN the error is still reported (silence is for warnings only, as in synth)', () => {
    const docs = docsOf(fileOf('lab'));
    const nncp = docs.find((d) => d.kind === 'NodeNetworkConfigurationPolicy')!;
    nncp.spec.desiredState.interfaces[0].state = 'upp';
    nncp.metadata.annotations![SILENCE_ANNOTATION] = 'NMSTATE_NNCP_NO_NODE_SELECTOR,NMSTATE_ENUM_INVALID';
    const r = checkPaths([writeDocs(docs)]);
    expect(r.records.map((x) => x.code)).toContain('NMSTATE_ENUM_INVALID');
    expect(r.exitCode).toBe(1);
  });

  it('GIVEN a prod VM that uses a NAD of another namespace THEN its isolation annotation makes check report TOPOLOGY_NAD_NAMESPACE_ISOLATED; --isolation none wins', async () => {
    const docs = docsOf(fileOf('prod'));
    const vm = docs.find((d) => d.kind === 'VirtualMachine' && d.metadata.name === 'pxe-vm')!;
    const net = vm.spec.template.spec.networks.find((n: any) => n.multus);
    net.multus.networkName = 'infra/nad-1085';
    const file = writeDocs(docs);
    expect(summary(checkPaths([file]).records)).toEqual([
      { code: 'TOPOLOGY_NAD_NAMESPACE_ISOLATED', kind: 'VirtualMachine', name: 'pxe-vm', path: 'spec.template.spec.networks[0].multus.networkName' },
    ]);
    const r = await cli('check', '--isolation', 'none', file);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^0 error\(s\), 0 warning\(s\)/);
  });

  it.each([
    [PLUGIN_PROFILE_ANNOTATION, 'opensift', 'NetworkAttachmentDefinition'],
    [ISOLATION_ANNOTATION, 'strict', 'VirtualMachine'],
    [SILENCE_ANNOTATION, 'NAD_NAME_MISMATCH, lowercase', 'NetworkAttachmentDefinition'],
  ])('GIVEN %s: %s THEN TARGET_ANNOTATION_INVALID at that annotation, exit 1', (key, value, kind) => {
    const docs = docsOf(fileOf('prod'));
    const target = docs.find((d) => d.kind === kind)!;
    target.metadata.annotations = { ...target.metadata.annotations, [key]: value };
    const r = checkPaths([writeDocs(docs)]);
    expect(summary(r.records.filter((x) => x.code === 'TARGET_ANNOTATION_INVALID'))).toEqual([
      { code: 'TARGET_ANNOTATION_INVALID', kind, name: target.metadata.name, path: `metadata.annotations["${key}"]` },
    ]);
    expect(r.exitCode).toBe(1);
  });
});
