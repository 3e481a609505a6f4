/**
 * The shared field reader (lib/core/field-reader.ts) in the three styles the per-resource
 * validators use: nmstate (lenient scalars, capture templates skipped), KubeVirt and CNI (Go's
 * strict JSON types). Each failure asserts the code and the path.
 */
import { CNI_CODES } from '../../lib/core/cni/codes';
import { CNI_READER_STYLE } from '../../lib/core/cni/validate/reader';
import { FieldReader, FieldReaderStyle, hasJsonKind, isCaptureTemplate, isFalseFlag, isTrueFlag, jsonTypeName } from '../../lib/core/field-reader';
import { KUBEVIRT_CODES } from '../../lib/core/kubevirt/codes';
import { KUBEVIRT_READER_STYLE, LIST_ITEM } from '../../lib/core/kubevirt/validate/reader';
import { NMSTATE_CODES } from '../../lib/core/nmstate/codes';
import { NMSTATE_READER_STYLE } from '../../lib/core/nmstate/validate/reader';
import { CodeTable } from '../../lib/core/errors';
import { ProblemSink } from '../../lib/core/problems';

function reader(style: FieldReaderStyle, codes: CodeTable): FieldReader {
  return new FieldReader(new ProblemSink({ kind: 'Test' }, codes), style);
}

function found(r: FieldReader): string[] {
  return r.sink.problems.map((p) => `${p.code} @ ${p.path}`);
}

describe('FieldReader, nmstate style (serde *_or_string, capture templates skipped)', () => {
  const nm = (): FieldReader => reader(NMSTATE_READER_STYLE, NMSTATE_CODES);

  it('reads integers from numbers and decimal strings, within the Rust type range', () => {
    const r = nm();
    expect(r.int(7, 'a', 'a', 'u8')).toBe(7);
    expect(r.int(' 42 ', 'b', 'b', 'u16')).toBe(42);
    expect(r.int('+5', 'c', 'c', 'i32')).toBe(5);
    expect(found(r)).toEqual([]);
    expect(r.int(256, 'd', 'd', 'u8')).toBeUndefined();
    expect(r.int(-1, 'e', 'e', 'u32')).toBeUndefined();
    expect(r.int('4x', 'f', 'f', 'u16')).toBeUndefined();
    expect(r.int(1.5, 'g', 'g', 'u16')).toBeUndefined();
    expect(found(r)).toEqual(['NMSTATE_FIELD_TYPE @ d', 'NMSTATE_FIELD_TYPE @ e', 'NMSTATE_FIELD_TYPE @ f', 'NMSTATE_FIELD_TYPE @ g']);
    expect(r.sink.problems[0].message).toBe('d (d) must be an integer in 0–255 (u8), got 256');
  });

  it('reads booleans from true/false, 1/0 and yes/no/on/off/y/n in any case', () => {
    const r = nm();
    expect([true, 1, 'YES', 'on', 'y', '1'].map((v) => r.bool(v, 'p', 'p'))).toEqual([true, true, true, true, true, true]);
    expect([false, 0, 'No', 'off', 'n', '0'].map((v) => r.bool(v, 'p', 'p'))).toEqual([false, false, false, false, false, false]);
    expect(found(r)).toEqual([]);
    expect(r.bool('maybe', 'q', 'q')).toBeUndefined();
    expect(r.bool(2, 'r', 'r')).toBeUndefined();
    expect(found(r)).toEqual(['NMSTATE_FIELD_TYPE @ q', 'NMSTATE_FIELD_TYPE @ r']);
  });

  it('treats capture templates as absent, even where a mapping or integer is expected', () => {
    const r = nm();
    const t = '{{ capture.base-iface.interfaces.0.name }}';
    expect(isCaptureTemplate(t)).toBe(true);
    expect(r.record(t, 'a', 'a')).toBeUndefined();
    expect(r.list(t, 'b', 'b')).toBeUndefined();
    expect(r.int(t, 'c', 'c', 'u16', true)).toBeUndefined();
    expect(r.oneOf(t, 'd', 'd', ['x'])).toBeUndefined();
    expect(found(r)).toEqual([]);
  });

  it('reports a missing required field, and null as missing', () => {
    const r = nm();
    expect(r.string(undefined, 'a.name', 'name', true)).toBeUndefined();
    expect(r.int(null, 'a.id', 'vlan.id', 'u16', true)).toBeUndefined();
    expect(r.string(undefined, 'a.other', 'other')).toBeUndefined();
    expect(found(r)).toEqual(['NMSTATE_FIELD_TYPE @ a.name', 'NMSTATE_FIELD_TYPE @ a.id']);
    expect(r.sink.problems[1].message).toBe('a.id (vlan.id) is required');
  });

  it('reads enums with numeric values as strings and aliases mapped to the canonical value', () => {
    const r = nm();
    const aliases = { '0': 'disabled', '1': 'auto' };
    expect(r.oneOf('auto', 'a', 'a', ['auto', 'disabled'], aliases)).toBe('auto');
    expect(r.oneOf(0, 'b', 'b', ['auto', 'disabled'], aliases)).toBe('disabled');
    expect(r.oneOf('1', 'c', 'c', ['auto', 'disabled'], aliases)).toBe('auto');
    expect(r.oneOf('bogus', 'd', 'd', ['auto', 'disabled'], aliases)).toBeUndefined();
    expect(found(r)).toEqual(['NMSTATE_ENUM_INVALID @ d']);
    expect(r.sink.problems[0].message).toBe('d (d) is "bogus"; allowed: auto, disabled');
  });
});

describe('FieldReader, KubeVirt style (Go encoding/json types)', () => {
  const kv = (): FieldReader => reader(KUBEVIRT_READER_STYLE, KUBEVIRT_CODES);

  it('reads fields strictly: no decimal strings, no yes/no, templates are plain strings', () => {
    const r = kv();
    const obj = { name: 'eth1', bootOrder: '1', default: 'yes', '{{ x }}': 1, ports: {}, macAddress: '{{ capture.mac }}' };
    expect(r.stringField(obj, 'name', 'spec.interfaces[0]', true)).toBe('eth1');
    expect(r.stringField(obj, 'macAddress', 'spec.interfaces[0]')).toBe('{{ capture.mac }}');
    expect(r.intField(obj, 'bootOrder', 'spec.interfaces[0]')).toBeUndefined();
    expect(r.boolField(obj, 'default', 'spec.interfaces[0]')).toBeUndefined();
    expect(r.listField(obj, 'ports', 'spec.interfaces[0]')).toBeUndefined();
    expect(r.recordField(obj, 'pod', 'spec.networks[0]', true)).toBeUndefined();
    expect(found(r)).toEqual([
      'KUBEVIRT_FIELD_TYPE @ spec.interfaces[0].bootOrder',
      'KUBEVIRT_FIELD_TYPE @ spec.interfaces[0].default',
      'KUBEVIRT_FIELD_TYPE @ spec.interfaces[0].ports',
      'KUBEVIRT_FIELD_TYPE @ spec.networks[0].pod',
    ]);
    expect(r.sink.problems.map((p) => [p.message, p.fix])).toEqual([
      ['spec.interfaces[0].bootOrder is "1"; it must be an integer', 'write bootOrder as an integer'],
      ['spec.interfaces[0].default is "yes"; it must be true or false', 'write default as true or false'],
      ['spec.interfaces[0].ports is {}; it must be a list', 'write ports as a list'],
      ['spec.networks[0].pod is required and missing', 'set pod to a mapping'],
    ]);
  });

  it('keeps the mapping items of a list and reports the others', () => {
    const r = kv();
    const items = r.records([{ a: 1 }, 'x', { b: 2 }], 'spec.volumes', LIST_ITEM);
    expect(items.map((i) => [i.index, i.path])).toEqual([[0, 'spec.volumes[0]'], [2, 'spec.volumes[2]']]);
    expect(found(r)).toEqual(['KUBEVIRT_FIELD_TYPE @ spec.volumes[1]']);
    expect(r.sink.problems[0].fix).toBe('write each list item as a mapping');
  });
});

describe('FieldReader, CNI style', () => {
  it('accepts JSON null for every kind (Go decodes it to the zero value) and words the json.Unmarshal failure', () => {
    const r = reader(CNI_READER_STYLE, CNI_CODES);
    expect(r.ofKind(null, 'spec.config.vlan', 'vlan', 'integer')).toBeUndefined();
    expect(r.ofKind({ a: 'x' }, 'spec.config.args', 'args', 'stringMap')).toEqual({ a: 'x' });
    expect(r.ofKind('100', 'spec.config.vlan', 'vlan', 'integer')).toBeUndefined();
    expect(found(r)).toEqual(['CNI_FIELD_TYPE @ spec.config.vlan']);
    expect(r.sink.problems[0].message).toBe('vlan is "100" (string); allowed: an integer — otherwise the plugin\'s json.Unmarshal fails');
  });
});

describe('value helpers', () => {
  it('name JSON kinds as Go decodes them', () => {
    expect([null, [], 1, 1.5, 'x', {}, true].map(jsonTypeName)).toEqual(['null', 'array', 'integer', 'number', 'string', 'object', 'boolean']);
    expect(hasJsonKind({ a: true, b: null }, 'boolMap')).toBe(true);
    expect(hasJsonKind({ a: 'x' }, 'boolMap')).toBe(false);
    expect(hasJsonKind([], 'object')).toBe(false);
  });

  it('read lenient flags without reporting', () => {
    expect([true, 1, 'On', 'y'].every(isTrueFlag)).toBe(true);
    expect([false, 0, 'OFF', 'n'].every(isFalseFlag)).toBe(true);
    expect(isTrueFlag('2') || isFalseFlag('2') || isTrueFlag(undefined)).toBe(false);
  });
});
