import * as fs from 'fs';
import * as path from 'path';
import { loadDocuments, locate, splitDocuments } from '../../lib/core/source/documents';
import { joinPath, parsePath } from '../../lib/core/path';

const SEEDS = path.join(__dirname, '..', 'fixtures', 'seeds');

describe('field paths', () => {
  it('round-trip through joinPath and parsePath, quoting keys that are not identifiers', () => {
    const p = joinPath('metadata', 'annotations', 'k8s.v1.cni.cncf.io/resourceName');
    expect(p).toBe('metadata.annotations["k8s.v1.cni.cncf.io/resourceName"]');
    expect(parsePath(p)).toEqual(['metadata', 'annotations', 'k8s.v1.cni.cncf.io/resourceName']);
    expect(parsePath('spec.desiredState.interfaces[1].vlan.id')).toEqual(['spec', 'desiredState', 'interfaces', 1, 'vlan', 'id']);
    expect(joinPath('', 'spec', 'config', 'plugins', 0, 'base-iface')).toBe('spec.config.plugins[0].base-iface');
    const deep: Array<string | number> = ['uplinks', 0, 'vlans', 1, 'ipv6', 'perNode', 'worker-0', 'a b'];
    expect(joinPath('environments.estate', ...deep)).toBe('environments.estate.uplinks[0].vlans[1].ipv6.perNode.worker-0["a b"]');
    expect(joinPath('spec')).toBe('spec');
    expect(joinPath('', 3)).toBe('[3]');
  });
});

describe('splitDocuments', () => {
  it('keeps the 1-based start line of every document', () => {
    const docs = splitDocuments('a: 1\n---\nb: 2\nc: 3\n---\n# only a comment\n');
    expect(docs.map((d) => d.startLine)).toEqual([1, 3, 6]);
    expect(docs[1].text).toBe('b: 2\nc: 3');
  });
  it('does not produce an empty first document for a leading marker', () => {
    expect(splitDocuments('---\na: 1\n').map((d) => d.startLine)).toEqual([2]);
  });
});

describe('loadDocuments', () => {
  it('reports a YAML syntax error with its line and keeps the other documents', () => {
    const text = fs.readFileSync(path.join(SEEDS, '002-nmstate-bond-vlan.yaml'), 'utf8');
    const r = loadDocuments('seed002.yaml', text);
    const syntax = r.problems.filter((p) => p.code === 'YAML_SYNTAX');
    const lines = text.split('\n');
    expect(syntax).toHaveLength(2);
    expect(lines[syntax[0].line - 1].trim()).toBe('-name: eth1');
    expect(lines[syntax[1].line - 1].trim()).toBe('-ip: 172.144.185.30');
    expect(syntax[0].fix).toContain("'- name: eth1'".replace(/'/g, '"'));
    expect(r.documents.filter((d) => d.value !== undefined).map((d) => (d.value as { kind: string }).kind)).toEqual([
      'NMState',
      'NodeNetworkConfigurationPolicy',
    ]);
  });

  it('accepts what go-yaml (kubectl) accepts: a quoted multi-line value closed at the key indentation, with a warning', () => {
    const text = fs.readFileSync(path.join(SEEDS, '003-multus-bridge-dev.yaml'), 'utf8');
    const r = loadDocuments('seed003.yaml', text);
    expect(r.problems.map((p) => p.code)).toEqual(['YAML_LENIENT_INDENTATION']);
    expect(text.split('\n')[r.problems[0].line - 1]).toBe("  }'");
    const nad = r.documents[0].value as { spec: { config: string } };
    expect(JSON.parse(nad.spec.config)).toMatchObject({ bridge: 'dev-bridge', type: 'cnv-bridge' });
  });

  it('does not hide a real syntax error behind the leniency', () => {
    const r = loadDocuments('x.yaml', 'a:\n  b: [1, 2\nc: 3\n');
    expect(r.problems.map((p) => p.code)).toEqual(['YAML_SYNTAX']);
  });
});

describe('locate', () => {
  it('finds the line of a field, or of its deepest existing ancestor', () => {
    const text = 'x: 0\n---\napiVersion: v1\nspec:\n  list:\n    - name: a\n    - name: b\n      id: 7\n';
    const r = loadDocuments('f.yaml', text);
    const doc = r.documents[1];
    expect(locate(doc, 'spec.list[1].id')).toBe(8);
    expect(locate(doc, 'spec.list[1].missing.deeper')).toBe(7);
    expect(locate(doc, 'spec.list[0]')).toBe(6);
    expect(locate(doc, '')).toBe(3);
  });
});
