import * as YAML from 'yaml';
import { lab } from '../../apps/environments/lab';
import { prod } from '../../apps/environments/prod';
import { generateEnvironment } from '../../bench/generate';
import { Manifest } from '../../lib/core/manifest';
import { emitCanonicalDocument, emitYamlDocument, manifestYaml, manifestYamlReference, stringifyManifests } from '../../lib/core/render/yaml';
import { renderTopology } from '../../lib/core/topology/render';

/**
 * The direct YAML emitter (lib/core/render/yaml.ts) must write exactly what cdk8s's serializer
 * (`yaml` with cdk8s's options, on the canonical manifest) writes: over the real environments, a
 * 10 000-VM one, strings that exercise every quoting rule, and random documents.
 */

const TRICKY: readonly string[] = [
  '', ' ', '  ', 'plain', 'two words', ' leading', 'trailing ', 'a: b', 'a:b', 'a:', ':a', 'a #b', 'a#b', '#x', '- x', '-', '--', '-x', '?', '? x', '?x',
  '---', '--- x', 'x\n---\ny', '...', '...x', '%YAML 1.1', '%x', 'x\n%y', '0', '00', '012', '08', '0b101', '0x1F', '0xg', '1e3', '1E-3', '1.5', '.5', '5.', '+1', '-1', '1_000',
  '1:30', '190:20:30', '1:30.5', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10', '1.2.3', '10.200.0.1/24', '02:5a:00:00:00:01', '0.3.1',
  'yes', 'Yes', 'YES', 'no', 'No', 'on', 'On', 'off', 'OFF', 'y', 'Y', 'n', 'N', 'true', 'True', 'TRUE', 'false', 'FALSE', 'null', 'Null', 'NULL', '~', '<<', '<', '.inf', '-.Inf', '.NaN', '.nan', '.x',
  '@x', '`x', '!x', '&x', '*x', '|x', '>x', '%x', ',x', '[x', ']x', '{x', '}x', 'x,y', 'x]', '{a}', '[a]', "'x'", '"x"', "it's", 'say "hi"', 'both \' and "', "'", '"',
  'multi\nline', 'multi\nline\n', 'multi\nline\n\n', 'multi\n\nline', '\nleading newline', '\n\nx', 'x\n', 'x\n\n', '\n', '\n\n', ' \nx', 'x \ny', 'x\n y', 'x\n\ty', 'x\n  ', 'x\n \n',
  ' x\ny', '  x\n y\n', 'x: y\nz', '#!/bin/bash\necho "a: b" # c\n', 'tab\tin', '\ttab', 'tab\t', 'ctrl\u0001', 'bell\u0007', 'esc\u001b', 'nul\u0000', 'del\u007f', 'c1\u0085', 'nbsp\u00a0x',
  'ls\u2028', 'ps\u2029', 'emoji 😀', 'lone \ud800 surrogate', 'crlf\r\nline', 'cr\rx', 'back\\slash', 'a\\nb', 'unicodé', '日本語',
  'x'.repeat(50) + '\n' + 'y'.repeat(50), 'a long value with a newline in the middle that is over forty chars\nand more', ' x'.repeat(30) + '\n \n',
  'k'.repeat(1030), 'http://example.com/a?b=c#d', 'x: {y: z}', '- [a, b]', 'key with spaces', '=', '0o17', '1_0', '+.5', '-0', '0.', '._', '1__2',
  '#cloud-config\npassword: "fedora"\nchpasswd: { expire: False }\npackages: [qemu-guest-agent]\nruncmd:\n  - [ systemctl, enable, --now, \'qemu-guest-agent\' ]\n',
  '{"cniVersion":"0.3.1","name":"n","type":"bridge","bridge":"br0","vlan":100,"ipam":{}}',
];

const manifest = (spec: Record<string, unknown>): Manifest =>
  ({ apiVersion: 'test.multihome.io/v1', kind: 'Thing', metadata: { name: 'x', annotations: { a: 'b' } }, spec }) as unknown as Manifest;

function expectSame(m: Manifest): void {
  expect(manifestYaml(m)).toBe(manifestYamlReference(m));
}

describe('direct YAML emitter writes what cdk8s writes', () => {
  it.each([
    ['lab', lab],
    ['prod', prod],
  ])('is byte-identical for the %s environment, every document on the fast path', (_name, env) => {
    const ms = renderTopology(env);
    for (const m of ms) expect(emitCanonicalDocument(m)).toBe(manifestYamlReference(m));
    expect(stringifyManifests(ms)).toBe(ms.map(manifestYamlReference).join('---\n'));
  });

  it('is byte-identical for a 10 000-VM environment', () => {
    const ms = renderTopology(generateEnvironment(10000));
    expect(ms.length).toBe(10000 + 2 * 500 + 1);
    const fast = stringifyManifests(ms);
    const ref = ms.map(manifestYamlReference).join('---\n');
    expect(fast.length).toBe(ref.length);
    expect(fast === ref).toBe(true);
    expect(ms.every((m) => emitCanonicalDocument(m) !== undefined)).toBe(true);
  }, 120000);

  it('quotes, folds and blocks every tricky string like yaml does: as a value, a key and a list item, at several depths', () => {
    for (const s of TRICKY) {
      expectSame(manifest({ value: s }));
      expectSame(manifest({ [s]: 'v', nested: { [s]: { deeper: s } } }));
      expectSame(manifest({ list: [s, [s, { k: s }], { [s]: [s] }] }));
      expectSame({ apiVersion: s, kind: s, metadata: { name: s } } as unknown as Manifest);
    }
  });

  it('writes numbers, booleans, empty maps and lists, and drops null/undefined map values like cdk8s', () => {
    expectSame(manifest({ n: [0, -0, 1, -1, 1.5, 1e21, 1e-7, 2 ** 53, NaN, Infinity, -Infinity], b: [true, false], t: true, f: false, z: 0 }));
    expectSame(manifest({ empty: {}, list: [], nested: [{}, [], { a: {} }], gone: null, also: undefined, onlyNull: { x: null } }));
    expectSame(manifest({ keys: { '0': 1, '10': 2, '9': 3, b: 4, B: 5, _: 6, '-': 7, ' ': 8, '': 9 } }));
  });

  it('falls back to yaml for what the emitter does not take, with the same result', () => {
    const odd = [
      manifest({ list: [1, null, 2] }),
      manifest({ list: [undefined] }),
      manifest({ ['k'.repeat(1100)]: 1 }),
      JSON.parse('{"apiVersion":"v1","kind":"X","metadata":{"name":"p"},"spec":{"__proto__":{"a":1},"b":2}}') as Manifest,
    ];
    for (const m of odd) {
      expect(emitCanonicalDocument(m)).toBeUndefined();
      expectSame(m);
    }
    expect(stringifyManifests(odd)).toBe(odd.map(manifestYamlReference).join('---\n'));
  });

  it('matches yaml on 3000 random documents', () => {
    const { value, randomString } = randomValues(0x5eed);
    let fast = 0;
    for (let i = 0; i < 3000; i++) {
      const m = { apiVersion: randomString(), kind: 'K', metadata: { name: randomString() }, spec: value(0), extra: value(1) } as unknown as Manifest;
      expectSame(m);
      if (emitCanonicalDocument(m) !== undefined) fast++;
    }
    // The emitter takes almost everything; the rest went through yaml and still matched.
    expect(fast).toBeGreaterThan(2900);
  });
});

/** What cloud-init networkData rendering does with `yaml`: a 1.1 Document, `macaddress` values double-quoted. */
function yamlDocument(v: Record<string, unknown>, quoted: ReadonlySet<string>): string {
  const doc = new YAML.Document(v, { version: '1.1' });
  YAML.visit(doc, {
    Pair(_, pair) {
      if (YAML.isScalar(pair.key) && quoted.has(String(pair.key.value)) && YAML.isScalar(pair.value)) pair.value.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0 });
}

describe('direct YAML emitter in insertion order (emitYamlDocument) writes what a yaml 1.1 Document writes', () => {
  const quoted = new Set(['macaddress']);

  it('writes cloud-init networkData like the yaml Document with a double-quoted macaddress', () => {
    const nd = {
      version: 2,
      ethernets: {
        eth1: { match: { macaddress: '02:36:64:76:b5:63' }, 'set-name': 'eth1', addresses: ['10.100.0.10/24', 'fd00::1/64'], routes: [{ to: '0.0.0.0/0', via: '10.100.0.1' }, { to: '::/0', via: 'fd00::ff', metric: 100 }] },
        eth2: { match: { macaddress: '02:00:00:00:00:0a' }, dhcp4: true, nameservers: { addresses: ['10.0.0.53'], search: ['lab.example'] }, mtu: 9000 },
      },
    };
    expect(emitYamlDocument(nd, { doubleQuotedKeys: quoted })).toBe(yamlDocument(nd, quoted));
    for (const s of TRICKY) {
      const v = { version: 2, ethernets: { [s]: { match: { macaddress: s }, 'set-name': s, addresses: [s] } } };
      const got = emitYamlDocument(v, { doubleQuotedKeys: quoted });
      if (got !== undefined) expect(got).toBe(yamlDocument(v, quoted));
    }
  });

  it('leaves nulls and objects met twice to yaml (which writes null and aliases)', () => {
    const shared = { a: 1 };
    expect(emitYamlDocument({ a: null })).toBeUndefined();
    expect(emitYamlDocument({ a: shared, b: shared })).toBeUndefined();
    expect(emitYamlDocument({ a: { x: undefined, y: 1 } })).toBe(yamlDocument({ a: { x: undefined, y: 1 } }, quoted));
  });

  it('matches the yaml Document on 2000 random documents', () => {
    const { value } = randomValues(0xabc);
    let fast = 0;
    for (let i = 0; i < 2000; i++) {
      const v = { root: value(0), macaddress: 'x', other: value(1) };
      const got = emitYamlDocument(v, { doubleQuotedKeys: quoted });
      if (got === undefined) continue;
      fast++;
      expect(got).toBe(yamlDocument(v, quoted));
    }
    expect(fast).toBeGreaterThan(1000);
  });
});

/** Seeded random JSON-like values over the tricky strings. */
function randomValues(seed0: number): { value: (depth: number) => unknown; randomString: () => string } {
  let seed = seed0;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const ALPHABET = ['a', 'b', 'Z', '0', '1', '9', ' ', ' ', '\n', '\t', ':', '#', '-', '?', '"', "'", '%', '.', ',', '[', ']', '{', '}', '|', '>', '!', '&', '*', '@', '`', '\\', 'é', '😀', '\u0007', '\u2028'];
  const randomString = (): string => {
    if (rnd() < 0.4) return pick(TRICKY);
    let s = '';
    const len = Math.floor(rnd() * 12);
    for (let i = 0; i < len; i++) s += pick(ALPHABET);
    return s;
  };
  const scalar = (): unknown => {
    const r = rnd();
    if (r < 0.7) return randomString();
    if (r < 0.8) return pick([0, 1, -1, 3.25, -0, 1e22, 2 ** 31, 0.1]);
    if (r < 0.9) return rnd() < 0.5;
    return null;
  };
  const value = (depth: number): unknown => {
    const r = rnd();
    if (depth > 3 || r < 0.5) return scalar();
    if (r < 0.75) {
      const o: Record<string, unknown> = {};
      const n = Math.floor(rnd() * 5);
      for (let i = 0; i < n; i++) o[randomString()] = value(depth + 1);
      return o;
    }
    const n = Math.floor(rnd() * 4);
    return Array.from({ length: n }, () => {
      const v = value(depth + 1);
      return v === null ? 'was-null' : v;
    });
  };
  return { value, randomString };
}
