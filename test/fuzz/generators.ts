/**
 * fast-check generators of the suite, by target. Every generator starts from valid material of
 * the project (the synthesized lab/prod manifests in test/fixtures/golden, the seeds, the agent's
 * test intents, the lab/prod environments) and breaks it: random values at random places,
 * hostile names, special numbers, deep nesting; plus plain random text. Runs use fixed seeds
 * (fc.sample with `seed`), so the inputs are the same on every run.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import * as jsyaml from 'js-yaml';
import { lab } from '../../apps/environments/lab';
import { prod } from '../../apps/environments/prod';
import { BOND, TRUNK_BR0 } from '../agent/helpers';
import { copy, mutate, Mutation, mutateTyped } from './mutate';
import type { TargetName } from './protocol';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

/** Strings that broke, or could break, a name check, a batch line, a terminal or a parser. */
export const HOSTILE_STRINGS: readonly string[] = [
  '', ' ', '\u0000', 'lo\u0000junk', 'brx\u0000y', 'b\u001b[2J\u001b[8m', '\u001b]0;pwned\u0007', '\u009b31m', '\u0085', '\u007f',
  '$(reboot)', '`id`', 'br0;reboot', 'x\nlink del lo', 'x\rlink del lo', 'br\u00a0x', 'br\u200bx', '\u202eevil', '\ufeffbom',
  '\ud800', 'a\udfffb', 'é'.repeat(8), 'x'.repeat(300), '..', '.', '-all', 'br#x', '__proto__', 'constructor', 'toString', 'hasOwnProperty',
  '1e400', '0x10', '.inf', '10.0.0.1 dev eth0', '10.0.0.1/33', '::', '0.0.0.0/0', 'fe80::1%eth0', 'a/b', 'ns/name/extra', 'Bad_Name',
  'UPPER', 'null', '~', 'yes', '*a', '&a', '!!binary', '<<', '{', '[', '---', '%YAML 1.2', 'eth1', 'br0', 'bond0', 'default', '25%',
];

/** Numbers at and past the edges of every range the validators know (VLAN ids, MTUs, prefixes, ports). */
export const SPECIAL_NUMBERS: readonly number[] = [
  NaN, Infinity, -Infinity, -0, 0, -1, 0.5, 1.5, 1, 2, 31, 32, 33, 64, 128, 129, 4094, 4095, 4096, 65535, 65536, 2 ** 31, 2 ** 32, 2 ** 53 + 2, 1e23, Number.MAX_VALUE, Number.MIN_VALUE,
];

const FIELD_NAMES = [
  'name', 'type', 'state', 'spec', 'metadata', 'kind', 'apiVersion', 'interfaces', 'config', 'desiredState', 'bridge', 'port', 'vlan', 'id', 'mtu',
  'ipv4', 'ipv6', 'address', 'ip', 'prefix-length', 'routes', 'next-hop-interface', 'destination', 'networks', 'multus', 'networkName',
  'macAddress', 'cloudInitNoCloud', 'networkData', 'items', 'probes', 'interface', 'target', 'link-aggregation', 'base-iface', 'trunk-tags',
];

/** Nested arrays `depth` deep around a string. */
const nested = (depth: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};

const hostileString = fc.constantFrom(...HOSTILE_STRINGS);
const specialNumber = fc.constantFrom(...SPECIAL_NUMBERS);

/** A value to put somewhere it does not belong. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: specialNumber },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 300 }).map(nested) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 5 }) },
);

const anyKey = fc.oneof(hostileString, fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 12 }));

/** One random structural mutation. */
export const mutation: fc.Arbitrary<Mutation> = fc.record({
  walk: fc.array(fc.nat({ max: 1000 }), { maxLength: 12 }),
  op: fc.constantFrom<Mutation['op']>('replace', 'replace', 'insert', 'delete', 'duplicate', 'wrap'),
  key: anyKey,
  value: anyValue,
});

const TOKENS = [
  '---\n', '...\n', '- ', ': ', 'a: ', 'kind: NodeNetworkConfigurationPolicy\n', 'apiVersion: nmstate.io/v1\n', 'kind: List\n', 'items:\n',
  '{', '}', '[', ']', ',', '&a ', '*a ', '!!binary ', '!!js/function ', '!Ref ', '<<: ', '? ', '"', "'", '|\n', '>-\n', '#', '%YAML 1.2\n',
  '\n', '  ', '\t', '\u0000', '\u001b', '\ufeff', '\ud800', 'é', 'null', '.nan', '1e400', '0x1F', 'name: eth1\n', 'desiredState:\n', 'interfaces:\n',
];

/** Random text: arbitrary code points, or YAML-looking token soup. */
export const randomText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((a) => a.join('')),
);

/** Serializes documents as YAML (a multi-document stream) or JSON (one value). */
function serialize(docs: readonly unknown[], format: 'yaml' | 'json'): string {
  if (format === 'json') return JSON.stringify(docs.length === 1 ? docs[0] : docs, null, 1);
  return docs.map((d) => jsyaml.dump(d, { noRefs: true, skipInvalid: true, lineWidth: -1 })).join('---\n');
}

function loadAllFile(file: string): unknown[] {
  const out: unknown[] = [];
  jsyaml.loadAll(fs.readFileSync(file, 'utf8'), (d) => {
    if (d !== null && d !== undefined) out.push(d);
  });
  return out;
}

/** The valid manifests the mutations start from: the synthesized lab and prod, and the seeds. */
export function manifestCorpus(): unknown[] {
  const files = [
    ...['lab.k8s.yaml', 'prod.k8s.yaml'].map((f) => path.join(FIXTURES, 'golden', f)),
    ...fs.readdirSync(path.join(FIXTURES, 'seeds')).sort().map((f) => path.join(FIXTURES, 'seeds', f)),
  ];
  // a seed kubectl accepts but YAML 1.2 does not (lenient indentation) is left out: only valid material is mutated
  return files.flatMap((f) => {
    try {
      return loadAllFile(f);
    } catch {
      return [];
    }
  });
}

/** Valid desiredStates of the agent: its test intents and the nmstate model's valid fixture. */
function desiredStates(): unknown[] {
  const nncp = loadAllFile(path.join(FIXTURES, 'nmstate', 'valid-bond-vlan-trunk-bridge', 'input.yaml'))[0] as { spec: { desiredState: unknown } };
  return [TRUNK_BR0, BOND, nncp.spec.desiredState];
}

const applyAll = (doc: unknown, ms: readonly Mutation[]) => ms.reduce((d, m) => mutate(d, m), doc);

/** check: mutated manifests (1–4 documents, 1–4 mutations each) as YAML, JSON or inside a `kind: List`. */
function mutatedManifests(): fc.Arbitrary<string> {
  const corpus = manifestCorpus();
  const doc = fc.tuple(fc.nat({ max: corpus.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([i, ms]) => applyAll(corpus[i], ms));
  return fc.tuple(fc.array(doc, { minLength: 1, maxLength: 4 }), fc.constantFrom('yaml', 'json', 'list')).map(([docs, how]) =>
    how === 'list' ? serialize([{ apiVersion: 'v1', kind: 'List', items: docs }], 'yaml') : serialize(docs, how as 'yaml' | 'json'),
  );
}

/** agent: mutated configs (AgentConfig, NNCP or bare desiredState around a valid intent) as YAML or JSON. */
function mutatedAgentConfigs(): fc.Arbitrary<string> {
  const states = desiredStates();
  const wrap = (ds: unknown, how: number): unknown => {
    if (how === 0) return { apiVersion: 'multihome.io/v1alpha1', kind: 'AgentConfig', node: 'node01', desiredState: copy(ds), probes: [{ target: '10.200.0.1', interface: 'eth1', timeoutSeconds: 5 }] };
    if (how === 1) return { apiVersion: 'nmstate.io/v1', kind: 'NodeNetworkConfigurationPolicy', metadata: { name: 'p' }, spec: { desiredState: copy(ds) } };
    return copy(ds);
  };
  return fc
    .tuple(fc.nat({ max: states.length - 1 }), fc.nat({ max: 2 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.constantFrom<'yaml' | 'json'>('yaml', 'json'))
    .map(([i, how, ms, format]) => serialize([applyAll(wrap(states[i], how), ms)], format));
}

const TOPOLOGIES = [lab, prod];

/** environment: mutated lab/prod topologies as a data file, alone or under `environments:`. */
function mutatedEnvironmentFiles(): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat({ max: TOPOLOGIES.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), anyKey, fc.constantFrom<'yaml' | 'json'>('yaml', 'json'))
    .map(([i, ms, wrapped, name, format]) => {
      const t = applyAll(TOPOLOGIES[i], ms);
      return serialize([wrapped ? { environments: { [name === '' ? 'env' : name]: t } } : t], format);
    });
}

/** topology: lab/prod with 1–4 type-keeping mutations (hostile strings, special numbers, flipped flags, emptied or repeated lists). */
function typedTopologies(): fc.Arbitrary<unknown> {
  const strings = HOSTILE_STRINGS;
  const step = fc.tuple(fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 10 }), fc.nat());
  return fc
    .tuple(fc.nat({ max: TOPOLOGIES.length - 1 }), fc.array(step, { minLength: 1, maxLength: 4 }))
    .map(([i, steps]) => steps.reduce<unknown>((t, [walk, pick]) => mutateTyped(t, walk, strings, SPECIAL_NUMBERS, pick), TOPOLOGIES[i]));
}

/** Generators by target and name; `text` ones yield file contents, `topology` ones values. */
export const GENERATORS: Readonly<Record<TargetName, Readonly<Record<string, () => fc.Arbitrary<unknown>>>>> = {
  check: { text: () => randomText, manifests: mutatedManifests },
  agent: { text: () => randomText, configs: mutatedAgentConfigs },
  environment: { text: () => randomText, files: mutatedEnvironmentFiles },
  topology: { typed: typedTopologies },
};

/** The inputs of one generated job: always the same for the same seed and count. */
export function sampleInputs(target: TargetName, generator: string, seed: number, numRuns: number): unknown[] {
  const make = GENERATORS[target][generator];
  if (!make) throw new Error(`no generator ${generator} for target ${target}`);
  return fc.sample(make(), { seed, numRuns });
}
