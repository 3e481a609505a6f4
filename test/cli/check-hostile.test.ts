/**
 * `multihome check` on hostile input (shared/reference/security-2026-12.md S1, S5, S8, S15 and
 * the §3 fuzz table): every case finishes, exits with the documented code and names the limit or
 * rule it hit; nothing hangs, nothing is echoed raw. Run in-process through `checkPaths`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkPaths, CheckRecord, formatResult } from '../../lib/cli/check';
import { positionParseCount } from '../../lib/core/source/documents';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-hostile-'));
let seq = 0;
const write = (text: string | Buffer, ext = '.yaml'): string => {
  const f = path.join(tmp, `f${++seq}${ext}`);
  fs.writeFileSync(f, text);
  return f;
};
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const codes = (rs: CheckRecord[]) => rs.map((r) => r.code);

/** The 9-level billion-laughs anchors of the report, indented under `indent`. */
function laughs(indent: string): string {
  const out = [`${indent}a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]`];
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++) out.push(`${indent}${names[i]}: &${names[i]} [${Array(10).fill(`*${names[i - 1]}`).join(',')}]`);
  return out.join('\n');
}

describe('S1: alias bombs and deep nesting are refused at parse, with the limit named', () => {
  it('a billion laughs inside an NNCP desiredState: exit 1, YAML_LIMIT_EXCEEDED on the document', () => {
    const f = write(`apiVersion: nmstate.io/v1
kind: NodeNetworkConfigurationPolicy
metadata: {name: bomb}
spec:
  desiredState:
    anchors:
${laughs('      ')}
    interfaces:
      - {name: eth1, type: ethernet, state: up, description: *i}
`);
    const r = checkPaths([f]);
    expect(r.exitCode).toBe(1);
    expect(r.records).toHaveLength(1);
    expect(r.records[0]).toMatchObject({ code: 'YAML_LIMIT_EXCEEDED', severity: 'error', line: 1, path: '' });
    expect(r.records[0].message).toMatch(/more than 1,000,000 values once its aliases are followed/);
  });

  it('a billion laughs inside a VM spec: the same', () => {
    const f = write(`apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata: {name: vm, namespace: default}
spec:
  anchors:
${laughs('    ')}
  template: {spec: {domain: {devices: {interfaces: *i}}}}
`);
    const r = checkPaths([f]);
    expect(r.exitCode).toBe(1);
    expect(codes(r.records)).toEqual(['YAML_LIMIT_EXCEEDED']);
  });

  it('flow nesting [ x 100 000: "nested deeper than 64 levels", no stack-overflow text', () => {
    const r = checkPaths([write('['.repeat(100000))]);
    expect(r.exitCode).toBe(1);
    expect(codes(r.records)).toEqual(['YAML_LIMIT_EXCEEDED']);
    expect(r.records[0].message).toMatch(/nested deeper than 64 levels/);
    expect(r.records[0].message).not.toMatch(/call stack/);
  });

  it('a block mapping 5 000 deep (12 MB) is over the 3 MiB document limit: INPUT_TOO_LARGE', () => {
    let s = '';
    for (let i = 0; i < 5000; i++) s += ' '.repeat(i) + `k${i}:\n`;
    const r = checkPaths([write(s)]);
    expect(r.exitCode).toBe(1);
    expect(r.records).toHaveLength(1);
    expect(r.records[0]).toMatchObject({ code: 'INPUT_TOO_LARGE', line: 1 });
    expect(r.records[0].message).toMatch(/at most 3\.0 MiB/);
  });

  it('a block mapping 200 deep (within the size limit) stops at the depth limit, on its line', () => {
    let s = 'x: 1\n---\n';
    for (let i = 0; i < 200; i++) s += ' '.repeat(i) + `k${i}:\n`;
    const r = checkPaths([write(s)]);
    expect(r.exitCode).toBe(1);
    const p = r.records.find((x) => x.code === 'YAML_LIMIT_EXCEEDED')!;
    expect(p.message).toMatch(/nested deeper than 64 levels/);
    expect(p.line).toBeGreaterThan(60);
  });

  it('a syntax error in a long line is reported with the line clipped', () => {
    const r = checkPaths([write(`a: [1, 2\nb: ${'x'.repeat(100000)}\n`)]);
    expect(codes(r.records)).toEqual(['YAML_SYNTAX']);
    expect(r.records[0].message.length).toBeLessThan(500);
  });

  it('100 000 empty documents: exit 0, no resource', () => {
    const r = checkPaths([write('---\n'.repeat(100000))]);
    expect(r).toMatchObject({ exitCode: 0, resources: 0, records: [] });
  });
});

describe('S5: problems are located with one position parse per document', () => {
  const nncp = (n: number, names: number) =>
    `apiVersion: nmstate.io/v1
kind: NodeNetworkConfigurationPolicy
metadata: {name: many}
spec:
  nodeSelector: {node-role.kubernetes.io/worker: ""}
  desiredState:
    interfaces:
${Array.from({ length: n }, (_, i) => `      - {name: v${i % names}, type: vlan, state: up, vlan: {base-iface: eth0, id: ${(i % names) + 1}}}`).join('\n')}
`;

  it('the report NNCP (600 interfaces over 100 names): 500 duplicate warnings at their lines, 1 parse', () => {
    const f = write(nncp(600, 100));
    const before = positionParseCount();
    const r = checkPaths([f]);
    const dups = r.records.filter((x) => x.code === 'NMSTATE_DUPLICATE_INTERFACE');
    expect(dups).toHaveLength(500);
    expect(positionParseCount() - before).toBeLessThanOrEqual(1);
    // the 101st interface (index 100) is the first duplicate, on line 8 + 100
    expect(dups[0]).toMatchObject({ path: 'spec.desiredState.interfaces[100]', line: 108 });
  });

  it('--ignore drops the codes before any line is looked up', () => {
    const f = write(nncp(600, 100));
    const before = positionParseCount();
    const r = checkPaths([f], { ignore: ['NMSTATE_DUPLICATE_INTERFACE'] });
    expect(r.records.filter((x) => x.code === 'NMSTATE_DUPLICATE_INTERFACE')).toEqual([]);
    expect(positionParseCount() - before).toBe(r.records.length === 0 ? 0 : 1);
  });
});

const badNad = (name: string, extra = '') => `{apiVersion: k8s.cni.cncf.io/v1, kind: NetworkAttachmentDefinition, metadata: {name: ${name}, namespace: default${extra}}, spec: {config: "{not json"}}`;

describe('S8: List items are checked like documents', () => {
  it('a v1 List holding an invalid NAD exits 1 with NAD_CONFIG_JSON_SYNTAX at items[0].spec.config, on the item line', () => {
    const f = write(`apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: ok}}\n- ${badNad('bad')}\n`);
    const r = checkPaths([f]);
    expect(r.exitCode).toBe(1);
    expect(r.resources).toBe(2);
    expect(r.records.find((x) => x.code === 'NAD_CONFIG_JSON_SYNTAX')).toMatchObject({ path: 'items[1].spec.config', line: 5, kind: 'NetworkAttachmentDefinition', name: 'bad' });
  });

  it('a *List kind is a List too, nested Lists are flattened, and a bad item is reported at its index', () => {
    const f = write(`apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinitionList
items:
  - apiVersion: v1
    kind: List
    items:
      - ${badNad('inner')}
  - 42
  - {kind: ConfigMap, metadata: {name: x}}
`);
    const r = checkPaths([f]);
    expect(r.exitCode).toBe(1);
    expect(r.records.find((x) => x.code === 'NAD_CONFIG_JSON_SYNTAX')).toMatchObject({ path: 'items[0].items[0].spec.config', line: 7 });
    expect(r.records.find((x) => x.code === 'MANIFEST_NOT_AN_OBJECT')).toMatchObject({ path: 'items[1]', line: 8 });
    expect(r.records.find((x) => x.code === 'MANIFEST_MISSING_KIND')).toMatchObject({ path: 'items[2].apiVersion', line: 9 });
  });

  it('items that are not a sequence are MANIFEST_LIST_ITEMS_INVALID', () => {
    const r = checkPaths([write('apiVersion: v1\nkind: List\nitems: {a: 1}\n')]);
    expect(r.records).toEqual([expect.objectContaining({ code: 'MANIFEST_LIST_ITEMS_INVALID', path: 'items', line: 3 })]);
  });

  it('bad names, namespaces, labels and annotations of the report are errors at their field', () => {
    const f = write(`apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: vm_underscore
  namespace: UPPER
  labels:
    "bad key!": x
    Not-A-Label/x: y
    ok: "${'v'.repeat(64)}"
  annotations:
    x/y/z: a
spec: {template: {metadata: {labels: {kubevirt.io/vm: "${'n'.repeat(64)}"}}, spec: {domain: {devices: {}}}}}
---
apiVersion: v1
kind: Namespace
metadata: {name: Bad_Name}
`);
    const r = checkPaths([f], { ignore: ['KUBEVIRT_VM_NO_RUN_STRATEGY', 'KUBEVIRT_NO_NETWORKS'] });
    expect(r.exitCode).toBe(1);
    const meta = r.records.filter((x) => x.code.startsWith('METADATA_')).map((x) => [x.code, x.path, x.line]);
    expect(meta).toEqual([
      ['METADATA_NAME_INVALID', 'metadata.name', 4],
      ['METADATA_NAMESPACE_INVALID', 'metadata.namespace', 5],
      ['METADATA_LABEL_INVALID', 'metadata.labels["bad key!"]', 7],
      ['METADATA_LABEL_INVALID', 'metadata.labels["Not-A-Label/x"]', 8],
      ['METADATA_LABEL_INVALID', 'metadata.labels.ok', 9],
      ['METADATA_ANNOTATION_INVALID', 'metadata.annotations["x/y/z"]', 11],
      ['METADATA_LABEL_INVALID', 'spec.template.metadata.labels["kubevirt.io/vm"]', 12],
      ['METADATA_NAME_INVALID', 'metadata.name', 16],
    ]);
  });
});

describe('encodings', () => {
  it('a Latin-1 byte in a name is INPUT_ENCODING on its line, not a U+FFFD name', () => {
    const bytes = Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const r = checkPaths([write(bytes)]);
    expect(r.exitCode).toBe(1);
    expect(r.records).toEqual([expect.objectContaining({ code: 'INPUT_ENCODING', line: 4, path: '' })]);
    expect(r.records[0].message).toMatch(/byte 0xE9 at line 4, column 12 is not valid UTF-8/);
  });

  it('UTF-16 with a byte-order mark is INPUT_ENCODING with the conversion as the fix', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('apiVersion: v1\nkind: ConfigMap\n', 'utf16le')]);
    const r = checkPaths([write(bytes)]);
    expect(r.records).toEqual([expect.objectContaining({ code: 'INPUT_ENCODING', line: 1 })]);
    expect(r.records[0].message).toMatch(/UTF-16LE/);
    expect(r.records[0].fix).toMatch(/iconv -f UTF-16 -t UTF-8/);
  });

  it('a UTF-8 byte-order mark is accepted', () => {
    const r = checkPaths([write(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n')]))]);
    expect(r).toMatchObject({ exitCode: 0, records: [], resources: 1 });
  });
});

describe('S15: control characters are escaped in the text output', () => {
  it('the report NAD named \\e]0;pwned\\a\\e[2J\\e[31mred: no raw ESC/BEL on the terminal, METADATA_NAME_INVALID', () => {
    const f = write(`apiVersion: k8s.cni.cncf.io/v1
kind: NetworkAttachmentDefinition
metadata: {name: "\\e]0;pwned\\a\\e[2J\\e[31mred", namespace: default}
spec:
  config: '{"cniVersion":"0.3.1","name":"x","type":"bridge","bridge":"br1"}'
`);
    const r = checkPaths([f]);
    expect(r.exitCode).toBe(1);
    expect(r.records.find((x) => x.code === 'METADATA_NAME_INVALID')).toMatchObject({ path: 'metadata.name', line: 3 });
    const text = formatResult(r, 'text');
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain('NetworkAttachmentDefinition/default/\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31mred');
    // JSON keeps the name as given (JSON.stringify escapes it)
    expect(formatResult(r, 'json')).toContain('\\u001b]0;pwned\\u0007');
  });
});
