import { firstErrorOffset, parseNad, parseNadConfig, renderNad, renderNadConfig } from '../../../lib/core/cni';

describe('parseNadConfig', () => {
  it('keeps unknown keys at every level', () => {
    const r = parseNadConfig('{"type":"bridge","x-custom":{"a":1},"ipam":{"type":"static","futureKey":true}}');
    expect(r.ok && r.config).toEqual({ type: 'bridge', 'x-custom': { a: 1 }, ipam: { type: 'static', futureKey: true } });
  });

  it('GIVEN a missing comma THEN it reports line and column inside the config string', () => {
    const text = '{\n    "cniVersion": "0.3.1"\n    "name": "br0-l2"\n}';
    const r = parseNadConfig(text);
    expect(r.ok).toBe(false);
    if (r.ok || !r.syntax) throw new Error('expected a syntax error');
    expect([r.syntax.line, r.syntax.column]).toEqual([3, 5]);
    expect(r.syntax.offset).toBe(text.indexOf('"name"'));
  });

  it('locates errors V8 reports without a position (unexpected token, truncated input)', () => {
    const bad = parseNadConfig('{"a": tru}');
    expect(!bad.ok && bad.syntax && [bad.syntax.line, bad.syntax.column]).toEqual([1, 10]);
    const cut = parseNadConfig('{"a":\n 1,');
    expect(!cut.ok && cut.syntax && [cut.syntax.line, cut.syntax.column]).toEqual([2, 4]);
  });

  it('returns non-object JSON as a value, not a syntax error', () => {
    const r = parseNadConfig('["bridge"]');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.value).toEqual(['bridge']);
  });

  it('firstErrorOffset agrees with JSON.parse on valid input (no error → length)', () => {
    const s = '{"a": [1, 2.5e3, "x\\u00e9", null, true, false, {}]}';
    expect(() => JSON.parse(s)).not.toThrow();
    expect(firstErrorOffset(s)).toBe(s.length);
    expect(firstErrorOffset('{"a": 01}')).toBe(7);
  });
});

describe('renderNadConfig', () => {
  it('puts cniVersion, name, type first at every level, then sorted keys, 2-space indent', () => {
    const text = renderNadConfig({ plugins: [{ mtu: 1500, type: 'bridge', bridge: 'br0', ipam: { subnet: 's', type: 'host-local' } }], name: 'n', cniVersion: '1.0.0' });
    expect(text).toBe(
      [
        '{',
        '  "cniVersion": "1.0.0",',
        '  "name": "n",',
        '  "plugins": [',
        '    {',
        '      "type": "bridge",',
        '      "bridge": "br0",',
        '      "ipam": {',
        '        "type": "host-local",',
        '        "subnet": "s"',
        '      },',
        '      "mtu": 1500',
        '    }',
        '  ]',
        '}',
      ].join('\n'),
    );
  });

  it('is deterministic regardless of input key order', () => {
    expect(renderNadConfig({ type: 'x', b: 1, a: 2 })).toBe(renderNadConfig({ a: 2, b: 1, type: 'x' }));
  });
});

describe('parseNad / renderNad', () => {
  const manifest = {
    apiVersion: 'k8s.cni.cncf.io/v1',
    kind: 'NetworkAttachmentDefinition',
    metadata: { name: 'br1', namespace: 'vms', labels: { team: 'net' }, annotations: { 'k8s.v1.cni.cncf.io/resourceName': 'bridge.network.kubevirt.io/br1', other: 'x' } },
    spec: { config: '{"type":"bridge","bridge":"br1","cniVersion":"1.0.0","unknownKey":[1]}', futureSpecField: 'kept' },
    status: { something: true },
  };

  it('surfaces the resourceName and the parsed config', () => {
    const r = parseNad(manifest);
    if (!r.ok) throw new Error('expected ok');
    expect(r.nad.resourceName).toBe('bridge.network.kubevirt.io/br1');
    expect(r.nad.config).toMatchObject({ type: 'bridge', unknownKey: [1] });
  });

  it('render gives back every field; spec.config is the same JSON in canonical text', () => {
    const r = parseNad(manifest);
    if (!r.ok) throw new Error('expected ok');
    const out = renderNad(r.nad) as Record<string, unknown>;
    expect({ ...out, spec: { ...(out.spec as object), config: undefined } }).toEqual({ ...manifest, spec: { ...manifest.spec, config: undefined } });
    const config = (out.spec as { config: string }).config;
    expect(JSON.parse(config)).toEqual(JSON.parse(manifest.spec.config));
    expect(config.startsWith('{\n  "cniVersion": "1.0.0",\n  "type": "bridge"')).toBe(true);
  });

  it('a NAD without spec.config round-trips (Multus reads an on-disk config)', () => {
    const m = { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: 'ondisk' }, spec: {} };
    const r = parseNad(m);
    expect(r.ok && renderNad(r.nad)).toEqual(m);
    const m2 = { ...m, spec: { config: '' } };
    const r2 = parseNad(m2);
    expect(r2.ok && renderNad(r2.nad)).toEqual(m2);
  });

  it('fails with the problems when spec.config is not JSON or the object is not a NAD', () => {
    const bad = parseNad({ ...manifest, spec: { config: '{"type": "bridge",}' } });
    expect(!bad.ok && bad.problems.map((p) => `${p.code} @ ${p.path}`)).toEqual(['NAD_CONFIG_JSON_SYNTAX @ spec.config']);
    const notNad = parseNad({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    expect(!notNad.ok && notNad.problems.map((p) => `${p.code} @ ${p.path}`)).toEqual(['NAD_SHAPE @ kind', 'NAD_SHAPE @ apiVersion']);
  });
});
