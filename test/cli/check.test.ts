/**
 * `multihome check` on the five seed documents, as a user runs it: every real mistake in the
 * seeds is found at its file and line, nothing correct is rejected, exit codes follow the
 * documented contract (0 clean, 1 errors, 2 unreadable input or bad usage), and user errors
 * never print a stack trace.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../support/cli';
import { CheckRecord } from '../../lib/cli/check';

const ROOT = path.join(__dirname, '..', '..');
const SEEDS = path.join(ROOT, 'test', 'fixtures', 'seeds');
const seed = (name: string): string => path.join(SEEDS, name);

async function records(file: string): Promise<{ code: number; records: CheckRecord[] }> {
  const r = await cli('check', '--format', 'json', file);
  return { code: r.code, records: JSON.parse(r.out) as CheckRecord[] };
}

const errorsOf = (rs: CheckRecord[]) => rs.filter((r) => r.severity === 'error').map((r) => ({ code: r.code, line: r.line, path: r.path }));

describe('multihome check on the seed documents', () => {
  it('seed 000 (OpenShift br1): no error; the lenient go-yaml indentation is a warning, not a rejection', async () => {
    const { code, records: rs } = await records(seed('000-openshift-br1.yaml'));
    expect(errorsOf(rs)).toEqual([]);
    expect(code).toBe(0);
    expect(rs.find((r) => r.code === 'YAML_LENIENT_INDENTATION')).toMatchObject({ severity: 'warning', line: 35 });
  });

  it('seed 001 (VLAN 1085 on c7000 nodes): no error', async () => {
    const { code, records: rs } = await records(seed('001-vlan1085-c7000.yaml'));
    expect(errorsOf(rs)).toEqual([]);
    expect(code).toBe(0);
  });

  it('seed 002 (bond + VLANs): both "-name:" / "-ip:" typos are found at their lines, with the fix', async () => {
    const { code, records: rs } = await records(seed('002-nmstate-bond-vlan.yaml'));
    expect(code).toBe(1);
    const syntax = rs.filter((r) => r.code === 'YAML_SYNTAX');
    expect(syntax.map((r) => r.line)).toEqual([18, 78]);
    expect(syntax[0].fix).toContain('- name: eth1');
    expect(syntax[1].fix).toContain('- ip: 172.144.185.30');
    // the documents that did parse are still checked (all problems at once)
    expect(rs.some((r) => r.code === 'NMSTATE_NNCP_NO_NODE_SELECTOR' && r.name === 'vlan')).toBe(true);
  });

  it('seed 003 (Multus bridge-dev): the resourceName annotation names another bridge', async () => {
    const { code, records: rs } = await records(seed('003-multus-bridge-dev.yaml'));
    expect(code).toBe(1);
    expect(rs.find((r) => r.code === 'NAD_BRIDGE_RESOURCE_NAME_MISMATCH')).toMatchObject({
      kind: 'NetworkAttachmentDefinition',
      name: 'bridge-dev',
      line: 8,
      path: 'metadata.annotations["k8s.v1.cni.cncf.io/resourceName"]',
      severity: 'error',
    });
  });

  it('seed 004 (KubeVirt VLAN 100): the first NAD config is broken JSON, the NNCP\'s v1alpha1 is not served by current kubernetes-nmstate; the rest is accepted', async () => {
    const { code, records: rs } = await records(seed('004-kubevirt-bridge-vlan100.yaml'));
    expect(code).toBe(1);
    const json = rs.find((r) => r.code === 'NAD_CONFIG_JSON_SYNTAX');
    expect(json).toMatchObject({ name: 'bridge-network', path: 'spec.config', line: 21 });
    expect(json!.message).toMatch(/line 3, column 5/);
    // the default target's kubernetes-nmstate (0.86) no longer serves nmstate.io/v1alpha1 (removed in 0.84)
    expect(errorsOf(rs).filter((e) => e.code !== 'NAD_CONFIG_JSON_SYNTAX' && !e.code.startsWith('TOPOLOGY_'))).toEqual([{ code: 'TARGET_NNCP_API_NOT_SERVED', line: 32, path: 'apiVersion' }]);
    // missing MACs are what breaks seed 004 after a migration: warned on both VMs
    expect(rs.filter((r) => r.code === 'KUBEVIRT_BRIDGE_WITHOUT_MAC').map((r) => r.name)).toEqual(['vma', 'vmb']);
  });

  it('--target: seed 004\'s v1alpha1 NNCP is only the "use v1" warning on a kubernetes-nmstate that still serves it; a bad target is a problem at --target', async () => {
    const r = await cli('check', '--format', 'json', '--target', 'kubevirt-1.5-upstream', seed('004-kubevirt-bridge-vlan100.yaml'));
    const rs = JSON.parse(r.out) as CheckRecord[];
    expect(rs.filter((x) => x.path === 'apiVersion').map((x) => `${x.severity} ${x.code}`)).toEqual(['warning NMSTATE_NNCP_API_VERSION']);
    const bad = await cli('check', '--target', 'kubevirt=latest,cni=calico', seed('004-kubevirt-bridge-vlan100.yaml'));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/\[TARGET_VERSION_INVALID\] Option\/--target --target\.kubevirt: /);
    expect(bad.err).toMatch(/TARGET_CNI_UNKNOWN/);
    expect(bad.err).not.toMatch(/\n\s+at /);
  });

  it('prints text as file:line kind/name path: message (fix) [severity CODE] and a summary', async () => {
    const r = await cli('check', seed('003-multus-bridge-dev.yaml'));
    const line = r.out.split('\n').find((l) => l.includes('NAD_BRIDGE_RESOURCE_NAME_MISMATCH'))!;
    expect(line).toMatch(/^.*003-multus-bridge-dev\.yaml:8 NetworkAttachmentDefinition\/bridge-dev metadata\.annotations\["k8s\.v1\.cni\.cncf\.io\/resourceName"\]: .+ \(.+\) \[error NAD_BRIDGE_RESOURCE_NAME_MISMATCH\]$/);
    expect(r.out).toMatch(/\d+ error\(s\), \d+ warning\(s\) in 1 resource\(s\) from 1 file\(s\)\n$/);
  });

  it('checks a directory of files together and --ignore drops codes', async () => {
    const all = await records(SEEDS);
    const files = new Set(all.records.map((r) => path.basename(r.file)));
    expect(files).toEqual(new Set(fs.readdirSync(SEEDS)));
    const r = await cli('check', '--format', 'json', '--ignore', 'KUBEVIRT_BRIDGE_WITHOUT_MAC', '--', SEEDS);
    const kept = JSON.parse(r.out) as CheckRecord[];
    expect(kept.some((x) => x.code === 'KUBEVIRT_BRIDGE_WITHOUT_MAC')).toBe(false);
    expect(kept.length).toBeLessThan(all.records.length);
  });

  it.each(['lab', 'prod'])('on a copy of the synthesized %s with one reference broken, reports exactly that problem', async (env) => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-broken-'));
    expect((await cli('synth', '--env', env, '--out', out)).code).toBe(0);
    const file = path.join(out, env, `${env}.k8s.yaml`);
    const text = fs.readFileSync(file, 'utf8');
    // the first VM's first multus network now names a NAD that does not exist
    const broken = text.replace(/(networkName: )(\S+)/, '$1no-such-nad');
    expect(broken).not.toBe(text);
    fs.writeFileSync(file, broken);
    const r = await cli('check', '--format', 'json', file);
    expect(r.code).toBe(1);
    const errors = (JSON.parse(r.out) as CheckRecord[]).filter((x) => x.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'TOPOLOGY_NAD_NOT_FOUND', kind: 'VirtualMachine', path: expect.stringMatching(/^spec\.template\.spec\.networks\[\d+\]\.multus\.networkName$/) });
    expect(errors[0].line).toBe(broken.split('\n').findIndex((l) => l.includes('no-such-nad')) + 1);
  });

  it('the synthesized environments pass their own check', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-check-'));
    expect((await cli('synth', '--out', out)).code).toBe(0);
    // one cluster each: prod and estate both define bond0 (differently), which check would rightly flag across them
    for (const env of ['lab', 'prod', 'estate']) {
      const r = await cli('check', '--format', 'json', path.join(out, env));
      expect({ env, code: r.code, errors: errorsOf(JSON.parse(r.out)) }).toEqual({ env, code: 0, errors: [] });
    }
  });
});

describe('multihome check across files', () => {
  const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'mh-iso-'));
  const nad = `apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata:
  name: shared
  namespace: infra
  annotations: {k8s.v1.cni.cncf.io/resourceName: bridge.network.kubevirt.io/br1}
spec:
  config: '{"cniVersion":"0.3.1","name":"shared","type":"bridge","bridge":"br1","macspoofchk":true}'
`;
  const nncp = `apiVersion: nmstate.io/v1
kind: NodeNetworkConfigurationPolicy
metadata: {name: br1}
spec:
  nodeSelector: {node-role.kubernetes.io/worker: ""}
  desiredState:
    interfaces:
      - {name: br1, type: linux-bridge, state: up, bridge: {port: [{name: ens4}]}}
`;
  const vm = `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata: {name: vm1, namespace: vms}
spec:
  template:
    spec:
      nodeSelector: {node-role.kubernetes.io/worker: ""}
      domain:
        devices:
          interfaces: [{name: nic, bridge: {}, macAddress: "02:00:00:00:00:01"}]
      networks: [{name: nic, multus: {networkName: infra/shared}}]
`;

  it('--isolation openshift refuses a VM using a NAD of another (non-global) namespace; none accepts it', async () => {
    const d = dir();
    fs.writeFileSync(path.join(d, 'nncp.yaml'), nncp);
    fs.writeFileSync(path.join(d, 'nad.yaml'), nad);
    fs.writeFileSync(path.join(d, 'vm.yaml'), vm);
    const open = await cli('check', '--format', 'json', d);
    expect(errorsOf(JSON.parse(open.out))).toEqual([]);
    const iso = await cli('check', '--format', 'json', '--isolation', 'openshift', d);
    expect(iso.code).toBe(1);
    const p = (JSON.parse(iso.out) as CheckRecord[]).find((r) => r.code === 'TOPOLOGY_NAD_NAMESPACE_ISOLATED')!;
    expect(p).toMatchObject({ kind: 'VirtualMachine', name: 'vm1', namespace: 'vms', path: 'spec.template.spec.networks[0].multus.networkName' });
    expect(path.basename(p.file)).toBe('vm.yaml');
    const global = await cli('check', '--format', 'json', '--isolation', 'multus', '--global-namespaces', 'infra', '--', d);
    expect(errorsOf(JSON.parse(global.out))).toEqual([]);
  });

  it('reports a refined cross-resource warning instead of the per-resource one it supersedes', async () => {
    const { records: rs } = await records(seed('004-kubevirt-bridge-vlan100.yaml'));
    const spoof = rs.filter((r) => r.name === 'br0-100-l2' && /MACSPOOFCHK/.test(r.code)).map((r) => r.code);
    expect(spoof).toEqual(['TOPOLOGY_MACSPOOFCHK_OFF']);
  });
});

describe('multihome check exit codes and usage errors', () => {
  it('exits 2 with a one-line reason for a missing path, and still reports the others', async () => {
    const r = await cli('check', '/nonexistent/file.yaml', seed('001-vlan1085-c7000.yaml'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot read \/nonexistent\/file\.yaml/);
    expect(r.out).toMatch(/from 1 file\(s\)/);
  });

  it('exits 2 on an unknown option or format value', async () => {
    expect((await cli('check', '--format', 'xml', SEEDS)).code).toBe(2);
    expect((await cli('check', '--frobnicate', SEEDS)).code).toBe(2);
  });

  it('the installed binary prints no stack trace for user error', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'bin', 'multihome.js'), 'check', '/nonexistent.yaml'], { stdio: 'pipe' });
    } catch (e) {
      const err = e as { status: number; stderr: Buffer };
      status = err.status;
      stderr = err.stderr.toString();
    }
    expect(status).toBe(2);
    expect(stderr).toMatch(/cannot read/);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60000);
});
