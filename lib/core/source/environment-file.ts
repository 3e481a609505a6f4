/**
 * Environments as data files (`multihome synth --environments envs.yaml`): the same
 * {@link Topology} the `NetworkEnvironment({ environment })` data form takes, written as YAML or
 * JSON. The text is parsed within {@link INPUT_LIMITS} (aliases, depth, size), and the type of
 * every field is checked (topology-schema.ts: unknown keys, missing required fields) before
 * anything builds from it, so a hostile or mistyped file is a list of problems, never an exception.
 *
 * Two layouts: one topology (`name: lab`, `networks: [...]`, …), or several under
 * `environments:` keyed by name (`environments: { lab: {...}, prod: {...} }`).
 */
import { CodeTable, Problem, ResourceRef } from '../errors';
import { joinPath } from '../path';
import { isRecord, show } from '../problems';
import { Topology } from '../topology/model';
import { environmentNameProblems } from '../render/environment-names';
import { INPUT_LIMITS, InputLimits, parseAllYamlBounded } from './bounded-yaml';
import { schemaMismatches, TOPOLOGY_SCHEMA } from './topology-schema';

/** Problem codes of environment files. */
export const ENVIRONMENT_FILE_CODES: CodeTable = {
  ENVIRONMENT_FILE_UNREADABLE: {
    severity: 'error',
    summary: 'the environment file is not valid YAML/JSON, or is over a limit (size, nesting, aliases)',
    upstream: 'multihome (lib/core/source/bounded-yaml.ts limits)',
  },
  ENVIRONMENT_FILE_SHAPE: {
    severity: 'error',
    summary: 'the environment file does not have the shape of a topology: a mapping with name, nodeGroups, uplinks, networks and vms',
    upstream: 'multihome (lib/core/topology/model.ts Topology)',
  },
};

/** Environments read from a file, and what is wrong with it. Environments are empty when there are errors. */
export interface EnvironmentFileResult {
  readonly environments: Record<string, Topology>;
  readonly problems: Problem[];
}

/** Parses an environment file's text (`file` names it in problems). */
export function parseEnvironmentText(file: string, text: string, limits: InputLimits = INPUT_LIMITS): EnvironmentFileResult {
  const fileRef: ResourceRef = { kind: 'EnvironmentFile', name: file };
  const fail = (code: string, path: string, message: string, fix: string): EnvironmentFileResult => ({
    environments: {},
    problems: [{ code, severity: 'error', resource: fileRef, path, message, fix }],
  });
  const parsed = parseAllYamlBounded(text, limits);
  if (parsed.refusal) {
    const where = parsed.refusal.line !== undefined ? ` (line ${parsed.refusal.line + 1})` : '';
    return fail('ENVIRONMENT_FILE_UNREADABLE', '', `cannot read ${file}${where}: ${parsed.refusal.reason}`, parsed.refusal.fix);
  }
  const docs = parsed.values.filter((v) => v !== null && v !== undefined);
  if (docs.length !== 1) return fail('ENVIRONMENT_FILE_SHAPE', '', `${file} holds ${docs.length} documents; one is expected`, 'write one topology, or several under `environments:` in one document');
  const doc = docs[0];
  if (!isRecord(doc)) return fail('ENVIRONMENT_FILE_SHAPE', '', `the document is ${show(doc)}, not a mapping`, 'write a topology mapping (name, nodeGroups, uplinks, networks, vms)');

  const candidates: Array<[string, unknown, string]> = [];
  if ('environments' in doc) {
    if (!isRecord(doc.environments)) return fail('ENVIRONMENT_FILE_SHAPE', 'environments', `environments is ${show(doc.environments)}, not a mapping of name to topology`, 'write `environments: { lab: {...}, prod: {...} }`');
    const extra = Object.keys(doc).filter((k) => k !== 'environments');
    if (extra.length) return fail('ENVIRONMENT_FILE_SHAPE', extra[0], `${show(extra[0])} is next to environments:`, 'put every topology under environments:, keyed by its name');
    for (const [name, t] of Object.entries(doc.environments)) candidates.push([name, t, joinPath('environments', name)]);
  } else {
    candidates.push([typeof doc.name === 'string' ? doc.name : '', doc, '']);
  }

  const problems: Problem[] = [];
  for (const [name, t, base] of candidates) problems.push(...topologyShapeProblems(t, base, { kind: 'Environment', name: name || file }));
  // A single topology without a name is already reported by its outline.
  problems.push(...environmentNameProblems(candidates.filter(([name, , base]) => name !== '' || base !== '').map(([name]) => name)));
  if (problems.length) return { environments: {}, problems };
  const environments: Record<string, Topology> = {};
  for (const [name, t] of candidates) environments[name] = t as Topology;
  return { environments, problems };
}

/**
 * ENVIRONMENT_FILE_SHAPE problems of one topology value, wherever it comes from (a data file, or
 * an environments module whose exports are plain JavaScript): the types of every field
 * (lib/core/source/topology-schema.ts) and a non-empty name.
 */
export function topologyShapeProblems(t: unknown, base: string, resource: ResourceRef): Problem[] {
  const out: Problem[] = schemaMismatches(t, TOPOLOGY_SCHEMA, base).map((m) => ({ code: 'ENVIRONMENT_FILE_SHAPE', severity: 'error', resource, ...m }));
  if (isRecord(t) && t.name === '') out.push({ code: 'ENVIRONMENT_FILE_SHAPE', severity: 'error', resource, path: joinPath(base, 'name'), message: 'name is empty', fix: 'give the environment a name, e.g. name: lab' });
  return out;
}
