import * as fs from 'fs';
import * as path from 'path';
import { lab } from '../../apps/environments/lab';
import { buildDiagram, diagramOfTexts, toDot, toMermaid } from '../../lib/core/diagram';
import { loadDocuments } from '../../lib/core/source/documents';
import { renderTopology } from '../../lib/core/topology/render';
import { validateManifestSet } from '../../lib/core/topology/validate-set';
import { validateManifest } from '../../lib/core/validate';
import { PROBLEM_COLOURS } from '../../lib/core/diagram/style';
import { edgesBetween, nodeTitled, SEEDS } from './helpers';

const read = (file: string) => ({ file, text: fs.readFileSync(path.join(SEEDS, file), 'utf8') });
const SEED_003 = '003-multus-bridge-dev.yaml';

describe('problems drawn on the diagram', () => {
  it('GIVEN seed 003 alone WHEN drawn THEN NAD bridge-dev carries exactly the codes validation reports, in red', () => {
    const d = diagramOfTexts('seed 003', [read(SEED_003)]);
    const nad = nodeTitled(d, 'NAD bridge-dev');
    const doc = loadDocuments(SEED_003, read(SEED_003).text).documents.find((x) => !x.empty)!;
    const expected = [...validateManifest(doc.value), ...validateManifestSet([doc.value as any])].map((p) => p.code).sort();
    expect(nad.badges.map((b) => b.code).sort()).toEqual(expected);
    expect(nad.badges.filter((b) => b.severity === 'error').map((b) => b.code)).toContain('NAD_BRIDGE_RESOURCE_NAME_MISMATCH');
    expect(nad.badges.find((b) => b.code === 'NAD_BRIDGE_RESOURCE_NAME_MISMATCH')!.path).toBe('metadata.annotations["k8s.v1.cni.cncf.io/resourceName"]');
    const dot = toDot(d);
    const line = dot.split('\n').find((l) => l.includes(`"${nad.id}" [`))!;
    expect(line).toContain(`color="${PROBLEM_COLOURS.error.stroke}"`);
    expect(line).toContain(`<FONT COLOR="${PROBLEM_COLOURS.error.text}"><B>error NAD_BRIDGE_RESOURCE_NAME_MISMATCH</B></FONT>`);
    expect(toMermaid(d)).toMatch(new RegExp(`class (\\w+,)*${nad.id}(,\\w+)* mh_error`));
  });

  it('GIVEN seed 003 with the other seeds WHEN drawn THEN dev-bridge is a dashed placeholder and the NAD also gets TOPOLOGY_BRIDGE_NOT_CREATED', () => {
    const files = fs.readdirSync(SEEDS).sort().map(read);
    const d = diagramOfTexts('seeds', files);
    const nad = nodeTitled(d, 'NAD bridge-dev');
    expect(nad.badges.filter((b) => b.severity === 'error').map((b) => b.code)).toEqual(['NAD_BRIDGE_RESOURCE_NAME_MISMATCH', 'TOPOLOGY_BRIDGE_NOT_CREATED']);
    const bridge = nodeTitled(d, 'dev-bridge');
    expect(bridge.implied).toBe(true);
    expect(edgesBetween(d, bridge, nad)).toHaveLength(1);
  });

  it('puts YAML syntax errors (seed 002) on the shared problems node with file and line', () => {
    const d = diagramOfTexts('seed 002', [read('002-nmstate-bond-vlan.yaml')]);
    const other = nodeTitled(d, 'other problems');
    expect(other.badges.map((b) => `${b.code} ${b.resource}`)).toEqual([
      'YAML_SYNTAX YAML/002-nmstate-bond-vlan.yaml:18',
      'YAML_SYNTAX YAML/002-nmstate-bond-vlan.yaml:78',
    ]);
    expect(toDot(d)).toContain('error YAML_SYNTAX YAML/002-nmstate-bond-vlan.yaml:18');
  });

  it('puts an NNCP problem on the interface its path points into, a policy-wide one on the policy', () => {
    const manifests = renderTopology(lab);
    const nncp = manifests.find((m) => m.kind === 'NodeNetworkConfigurationPolicy')!;
    const d = buildDiagram({
      title: 't',
      manifests,
      problems: [
        { code: 'X_IFACE', severity: 'error', resource: { kind: nncp.kind, name: nncp.metadata.name }, path: 'spec.desiredState.interfaces[1].bridge.port[0].vlan', message: 'm', fix: 'f' },
        { code: 'X_POLICY', severity: 'warning', resource: { kind: nncp.kind, name: nncp.metadata.name }, path: 'spec.nodeSelector', message: 'm', fix: 'f' },
        { code: 'X_VM', severity: 'error', resource: { kind: 'VirtualMachine', name: 'vma', namespace: 'default' }, path: 'spec', message: 'm', fix: 'f' },
        { code: 'X_ENV', severity: 'error', resource: { kind: 'Environment', name: 'lab' }, path: 'networks[0]', message: 'm', fix: 'f' },
      ],
    });
    expect(nodeTitled(d, 'br0').badges.map((b) => b.code)).toEqual(['X_IFACE']);
    expect(nodeTitled(d, 'NNCP br0-eth1').badges.map((b) => b.code)).toEqual(['X_POLICY']);
    expect(nodeTitled(d, 'VM vma').badges.map((b) => b.code)).toEqual(['X_VM']);
    expect(nodeTitled(d, 'other problems').badges.map((b) => `${b.code} ${b.resource} ${b.path}`)).toEqual(['X_ENV Environment/lab networks[0]']);
  });

  it('lists a repeated code once with a count, errors before warnings', () => {
    const manifests = renderTopology(lab);
    const p = (code: string, severity: 'error' | 'warning') => ({ code, severity, resource: { kind: 'VirtualMachine', name: 'vma', namespace: 'default' }, path: 'spec', message: 'm', fix: 'f' });
    const d = buildDiagram({ title: 't', manifests, problems: [p('B_WARN', 'warning'), p('A_ERR', 'error'), p('A_ERR', 'error')] });
    const mmd = toMermaid(d);
    expect(mmd).toContain('error A_ERR ×2<br/>warning B_WARN"');
  });
});
