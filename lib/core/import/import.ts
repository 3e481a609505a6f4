/**
 * `multihome import`: hand-written NNCP, NAD and VirtualMachine YAML to a typed environment,
 * lossless by construction. The importer reads every object in multihome's terms (assemble.ts),
 * synthesizes the candidate environment, and compares each modeled input object with what the
 * synthesis writes for it (compare.ts): a difference that is not a declared addition
 * (additions.ts), an error the build reports against a spec, or an object the synthesis would
 * add makes it give up on that spec one step — a network's policy becomes a host policy (and its
 * NADs are kept as given), a VM loses its attachments, then anything is kept as given
 * (`passThrough`) — and try again, until the synthesis of what is left equals the input up to
 * the declared additions. Decisions only grow, so this ends; the worst case passes everything
 * through, which synthesizes every input object unchanged.
 */
import { Problem } from '../errors';
import { manifestKey, objectKey } from '../manifest';
import { buildEnvironment, EnvironmentBuild } from '../topology/build';
import type { Topology } from '../topology/model';
import { AdditionId, DECLARED_ADDITIONS, declaredAddition } from './additions';
import { assemble, Claim, ImportDecisions, standingReasons } from './assemble';
import { compareObjects, Difference, differencePath } from './compare';
import type { InputObject } from './objects';
import { asPluginList } from './readings';
import { isRecord } from '../problems';
import { carriesSyncWave } from '../topology/sync-wave';
import { NAMESPACED_DEFAULT } from '../topology/rules/resources';

/** An input object kept as given, and why. */
export interface KeptObject {
  readonly key: string;
  readonly source: string;
  readonly reason: string;
}

/** What {@link importObjects} made of the input. */
export interface ImportResult {
  /** The environment: modeled specs, and `passThrough` for the rest. */
  readonly topology: Topology;
  /** Input objects kept as given, in input order, with the reason. */
  readonly kept: readonly KeptObject[];
  /** Input objects modeled, with what they became. */
  readonly modeled: ReadonlyArray<{ readonly key: string; readonly as: string }>;
  /** The declared additions the synthesized output makes, with the objects that get each. */
  readonly additions: ReadonlyArray<{ readonly id: AdditionId; readonly what: string; readonly objects: readonly string[] }>;
  /** The build of the environment (its problems are the input's, seen through multihome). */
  readonly build: EnvironmentBuild;
  /** How many candidate environments were synthesized. */
  readonly rounds: number;
}

/** The identity an input object has in the synthesized output (a namespaced kind without namespace lands in `default`). */
function outputKey(i: InputObject, claim: Claim | undefined): string {
  if (!claim) return i.key;
  const meta = i.object.metadata as Record<string, unknown>;
  const kind = String(i.object.kind);
  return objectKey(kind, String(meta.name), NAMESPACED_DEFAULT.has(kind) ? (typeof meta.namespace === 'string' ? meta.namespace : 'default') : undefined);
}

/** Imports `inputs` as environment `name`. */
export function importObjects(name: string, inputs: readonly InputObject[]): ImportResult {
  const decisions: ImportDecisions = { passThrough: standingReasons(inputs), hostPolicyOnly: new Map(), bareVm: new Map() };
  for (let round = 1; ; round++) {
    const a = assemble(name, inputs, decisions);
    const build = buildEnvironment(a.topology);
    const rendered = new Map(build.manifests.map((m) => [m.key, m.manifest]));
    let gaveUp = false;
    const giveUp = (claim: Claim, reason: string): void => {
      if (claim.kind === 'network') gaveUp = setOnce(decisions.hostPolicyOnly, claim.nncp, reason) || gaveUp;
      else if (claim.kind === 'vm' && !claim.bare) gaveUp = setOnce(decisions.bareVm, claim.key, reason) || gaveUp;
      else {
        const keys = claim.kind === 'prerequisites' ? inputs.filter((i) => a.claims.get(i.key)?.kind === 'prerequisites').map((i) => i.key) : claim.kind === 'hostPolicy' ? inputs.filter((i) => a.claims.get(i.key) === claim).map((i) => i.key) : [claim.key];
        for (const k of keys) gaveUp = setOnce(decisions.passThrough, k, reason) || gaveUp;
      }
    };
    const claimed = new Set<string>();
    const additions = new Map<AdditionId, Set<string>>();
    for (const i of inputs) {
      const claim = a.claims.get(i.key);
      if (!claim) continue;
      const key = outputKey(i, claim);
      claimed.add(key);
      const out = rendered.get(key);
      if (!out) {
        giveUp(claim, `the synthesis writes no ${key}`);
        continue;
      }
      const undeclared: Difference[] = [];
      const given = comparable(i.object);
      const written = comparable(out as unknown as Record<string, unknown>);
      if ((given !== i.object) !== (written !== (out as unknown))) additions.set('pluginList', (additions.get('pluginList') ?? new Set()).add(key));
      for (const d of compareObjects(given, written)) {
        const id = declaredAddition(String(i.object.kind), d, i.object);
        if (id) additions.set(id, (additions.get(id) ?? new Set()).add(key));
        else undeclared.push(d);
      }
      if (undeclared.length) giveUp(claim, `the synthesized object differs: ${undeclared.slice(0, 3).map(describe).join('; ')}${undeclared.length > 3 ? `; and ${undeclared.length - 3} more` : ''}`);
    }
    // objects the synthesis would add, and errors against a spec: give up on their spec
    const passKeys = new Set((a.topology.passThrough ?? []).map((o) => manifestKey(o as never)));
    for (const m of build.manifests) {
      if (claimed.has(m.key) || passKeys.has(m.key)) continue;
      for (const c of claimsOfOrigin(a, `${m.origin.kind}:${m.origin.name}`)) giveUp(c, `the synthesis would add ${m.key}, which the input does not have`);
    }
    for (const p of build.errors) {
      const origin = build.originOf(p);
      const cs = claimsOfOrigin(a, `${origin.kind}:${origin.name}`, p);
      if (cs.length === 0) {
        // an error no spec answers for: keep everything as given (that always synthesizes)
        for (const i of inputs) gaveUp = setOnce(decisions.passThrough, i.key, `the environment does not build: [${p.code}] ${p.message}`) || gaveUp;
      }
      for (const c of cs) giveUp(c, `[${p.code}] ${p.path}: ${p.message}`);
    }
    if (!gaveUp) return result(a.topology, build, inputs, decisions, a.modeledAs, additions, round);
  }
}

/** The input object as it is compared: a NAD's single-plugin config as its plugin list ({@link asPluginList}). */
function comparable(o: Record<string, unknown>): Record<string, unknown> {
  if (o.kind !== 'NetworkAttachmentDefinition' || !isRecord(o.spec) || typeof o.spec.config !== 'string') return o;
  let parsed: unknown;
  try {
    parsed = JSON.parse(o.spec.config);
  } catch {
    return o;
  }
  const list = asPluginList(parsed);
  return list === parsed ? o : { ...o, spec: { ...o.spec, config: JSON.stringify(list) } };
}

function setOnce(m: Map<string, string>, k: string, v: string): boolean {
  if (m.has(k)) return false;
  m.set(k, v);
  return true;
}

function describe(d: Difference): string {
  const path = differencePath(d) || '(the object)';
  const show = (v: unknown) => {
    const s = JSON.stringify(v);
    return s === undefined ? 'undefined' : s.length > 60 ? `${s.slice(0, 57)}...` : s;
  };
  switch (d.change) {
    case 'added':
      return `${path} added (${show(d.after)})`;
    case 'removed':
      return `${path} dropped (was ${show(d.before)})`;
    case 'reordered':
      return `${path} reordered`;
    default:
      return `${path} ${show(d.before)} → ${show(d.after)}`;
  }
}

/** The claims a spec origin (`network:x`, `vm:ns/name`, …) or a problem's resource stands for. */
function claimsOfOrigin(a: ReturnType<typeof assemble>, origin: string, p?: Problem): Claim[] {
  // the object the problem is about, when an input object was modeled as it (a namespace-less input is reported in `default`)
  if (p && p.resource.name !== undefined) {
    const own = a.claims.get(objectKey(p.resource.kind, p.resource.name, p.resource.namespace)) ?? (p.resource.namespace === 'default' ? a.claims.get(objectKey(p.resource.kind, p.resource.name)) : undefined);
    if (own) return [own];
  }
  const [kind, ...rest] = origin.split(':');
  const name = rest.join(':');
  const byNncp = (nncp: string) => [...a.claims.values()].filter((c) => (c.kind === 'network' || c.kind === 'hostPolicy') && c.nncp === nncp);
  switch (kind) {
    case 'network':
    case 'uplink':
    case 'nodeGroup':
      return (a.nncpsOf.get(origin) ?? []).flatMap(byNncp).slice(0, 1);
    case 'hostPolicy':
      return byNncp(name).slice(0, 1);
    case 'vm':
      return a.vmClaims.has(name) ? [a.vmClaims.get(name)!] : [];
    case 'prerequisites':
      return [{ kind: 'prerequisites' }];
    default: {
      if (p && p.resource.kind === 'Namespace') {
        const c = a.claims.get(objectKey('Namespace', p.resource.name));
        return c ? [c] : [];
      }
      if (p && p.resource.kind === 'Environment') {
        const m = /^namespaces\.([^.[]+)/.exec(p.path);
        const c = m ? a.claims.get(objectKey('Namespace', m[1])) : undefined;
        if (c) return [c];
      }
      return [];
    }
  }
}

function result(
  topology: Topology,
  build: EnvironmentBuild,
  inputs: readonly InputObject[],
  decisions: ImportDecisions,
  modeledAs: ReadonlyMap<string, string>,
  additions: ReadonlyMap<AdditionId, ReadonlySet<string>>,
  rounds: number,
): ImportResult {
  const kept = inputs.filter((i) => decisions.passThrough.has(i.key)).map((i) => ({ key: i.key, source: i.source, reason: decisions.passThrough.get(i.key)! }));
  const modeled = inputs.filter((i) => !decisions.passThrough.has(i.key) && modeledAs.has(i.key)).map((i) => ({ key: i.key, as: modeledAs.get(i.key)! }));
  const syncWaves = topology.ordering?.syncWaves ?? true;
  const list = (Object.keys(DECLARED_ADDITIONS) as AdditionId[])
    .filter((id) => additions.has(id))
    .map((id) => ({ id, what: DECLARED_ADDITIONS[id], objects: [...additions.get(id)!] }));
  // pass-through objects get the layer's wave too (pass-through.ts)
  if (syncWaves) {
    const waved = build.manifests.filter((m) => m.syncWave !== undefined && decisions.passThrough.has(m.key) && inputs.some((i) => i.key === m.key && !carriesSyncWave(isRecord(i.object.metadata) ? i.object.metadata.annotations : undefined))).map((m) => m.key);
    const entry = list.find((x) => x.id === 'syncWave');
    if (entry) (entry.objects as string[]).push(...waved.filter((k) => !entry.objects.includes(k)));
    else if (waved.length) list.unshift({ id: 'syncWave', what: DECLARED_ADDITIONS.syncWave, objects: waved });
  }
  return { topology, kept, modeled, additions: list, build, rounds };
}
