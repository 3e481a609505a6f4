/**
 * `multihome check` runs the cross-resource rules over every document of every path given
 * together, and points each problem at the file and line of the document it is about.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkPaths } from '../../../lib/cli/check';
import { TOPOLOGY_FIXTURES } from './topology-fixtures';

function split(fixture: string, dir: string): string[] {
  // One file per document, as a GitOps repository would keep them.
  const docs = fs.readFileSync(path.join(TOPOLOGY_FIXTURES, fixture), 'utf8').split(/^---$/m).slice(1);
  return docs.map((d, i) => {
    const f = path.join(dir, `${i}.yaml`);
    fs.writeFileSync(f, d.replace(/^\n/, ''));
    return f;
  });
}

describe('multihome check: cross-resource rules', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-topology-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds a NAD bridge no NNCP creates when NNCP and NAD are in different files, at the NAD file and line', () => {
    const [nncpFile, nadFile] = split('TOPOLOGY_BRIDGE_NOT_CREATED.yaml', dir);
    const r = checkPaths([nncpFile, nadFile]);
    const rec = r.records.find((x) => x.code === 'TOPOLOGY_BRIDGE_NOT_CREATED');
    expect(rec).toMatchObject({ file: nadFile, kind: 'NetworkAttachmentDefinition', namespace: 'vms', name: 'lan', path: 'spec.config.bridge', severity: 'error' });
    const lines = fs.readFileSync(nadFile, 'utf8').split('\n');
    expect(lines[rec!.line - 1]).toMatch(/^\s*config:/);
    expect(r.exitCode).toBe(1);
  });

  it('each file alone is clean (the problem is between them)', () => {
    const sub = fs.mkdtempSync(path.join(dir, 'alone-'));
    const files = split('TOPOLOGY_BRIDGE_NOT_CREATED.yaml', sub);
    expect(files).toHaveLength(2); // the NNCP and the NAD
    for (const f of files) expect(checkPaths([f]).records.filter((x) => x.code.startsWith('TOPOLOGY_'))).toEqual([]);
  });

  it('points a duplicate at the second copy, not the first', () => {
    const f = path.join(TOPOLOGY_FIXTURES, 'TOPOLOGY_DUPLICATE_RESOURCE.yaml');
    const rec = checkPaths([f]).records.find((x) => x.code === 'TOPOLOGY_DUPLICATE_RESOURCE')!;
    const lines = fs.readFileSync(f, 'utf8').split('\n');
    expect(lines[rec.line - 1]).toMatch(/^\s*name: vlan100$/);
    expect(lines.slice(rec.line, rec.line + 6).join('\n')).toMatch(/bridge.network.kubevirt.io\/br1/);
  });

  it('applies the isolation profile given in the options', () => {
    const f = path.join(TOPOLOGY_FIXTURES, 'TOPOLOGY_NAD_NAMESPACE_ISOLATED.yaml');
    expect(checkPaths([f]).records.some((x) => x.code === 'TOPOLOGY_NAD_NAMESPACE_ISOLATED')).toBe(false);
    expect(checkPaths([f], { isolation: 'openshift' }).records.find((x) => x.code === 'TOPOLOGY_NAD_NAMESPACE_ISOLATED')).toMatchObject({ name: 'vm1', path: 'spec.template.spec.networks[0].multus.networkName' });
  });

  it('--ignore drops cross-resource codes too', () => {
    const f = path.join(TOPOLOGY_FIXTURES, 'TOPOLOGY_MAC_DUPLICATE.yaml');
    expect(checkPaths([f]).exitCode).toBe(1);
    // the fixture's expectation document (kind FixtureExpectation) has no metadata.name of its own
    expect(checkPaths([f], { ignore: ['TOPOLOGY_MAC_DUPLICATE', 'METADATA_NAME_MISSING'] }).exitCode).toBe(0);
    expect(checkPaths([f], { ignore: ['METADATA_NAME_MISSING'] }).exitCode).toBe(1);
  });
});
