/**
 * Reading the agent's config files from hostile storage: only regular files, each at most
 * {@link AGENT_CONFIG_MAX_BYTES}, parsed with the bounded YAML loader (no alias bomb, no deep
 * nesting), symlinks followed only while they stay inside the config directory. A FIFO, a device,
 * a link to `/etc/shadow` or a 600-byte alias bomb is refused with a problem; none of them can
 * block the agent or take it past its memory limit.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { CodeTable } from '../core/errors';
import { AGENT_CODES } from '../core/host-intent/codes';
import { escapeControl } from '../core/names';
import { ProblemSink, show } from '../core/problems';
import { clip, INPUT_LIMITS, InputLimits, parseAllYamlBounded } from '../core/source/bounded-yaml';
import { readRegularFile } from '../core/source/read-file';
import { CONFIG_MAP_MAX_BYTES } from '../core/topology/agent-deployment';

/**
 * Largest config file, and largest config directory in total: a ConfigMap's `data` and
 * `binaryData` together are at most 1 MiB. Upstream: kubernetes `pkg/apis/core/validation/
 * validation.go` `ValidateConfigMap` (`if totalSize > core.MaxSecretSize` → `field.TooLong`), with
 * `MaxSecretSize = 1 * 1024 * 1024` in `pkg/apis/core/types.go`. Nothing the deployment mounts
 * can be larger, so a larger file is not the agent's ConfigMap.
 */
export const AGENT_CONFIG_MAX_BYTES = CONFIG_MAP_MAX_BYTES;

/** The bounded-parse limits of a config file (lib/core's defaults, capped at the ConfigMap size). */
export const AGENT_CONFIG_LIMITS: InputLimits = { ...INPUT_LIMITS, maxFileBytes: AGENT_CONFIG_MAX_BYTES, maxDocumentBytes: AGENT_CONFIG_MAX_BYTES };

/** A file name or path for a message: control characters escaped, length bounded. */
export function showPath(p: string): string {
  return clip(escapeControl(p), 200);
}

/**
 * Lists the config files at `p`: the file itself, or the `*.yaml|yml|json` entries of a directory,
 * in name order, dot entries skipped. Kubelet mounts a ConfigMap as `key -> ..data/key`,
 * `..data -> ..<timestamp>/` (kubernetes `pkg/volume/util/atomic_writer.go`: "The visible files in
 * this volume are symlinks to files in the writer's data directory"), so a symlink is followed
 * when its target stays inside the directory; one that leaves it, or an entry that is not a
 * regular file (FIFO, socket, device, directory), is reported as AGENT_CONFIG_FILE.
 */
export function configFiles(p: string, sink: ProblemSink): string[] {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch (e) {
    sink.add('AGENT_CONFIG_UNREADABLE', '', `cannot read ${showPath(p)}: ${clip(escapeControl((e as Error).message), 200)}`, 'check the --config path');
    return [];
  }
  if (!st.isDirectory()) return [p];
  let root: string;
  let names: string[];
  try {
    root = fs.realpathSync(p);
    names = fs.readdirSync(p).sort();
  } catch (e) {
    sink.add('AGENT_CONFIG_UNREADABLE', '', `cannot list ${showPath(p)}: ${clip(escapeControl((e as Error).message), 200)}`, 'check the --config path and its permissions');
    return [];
  }
  const before = sink.problems.length;
  const out: string[] = [];
  for (const n of names) {
    if (n.startsWith('.') || !/\.(ya?ml|json)$/i.test(n)) continue;
    const f = path.join(p, n);
    const refuse = (why: string) =>
      sink.add('AGENT_CONFIG_FILE', n, `${show(n)} in ${showPath(p)} ${why}; it is not read`, 'mount only the agent ConfigMap there (its keys are regular files)');
    let real: string;
    try {
      real = fs.realpathSync(f);
    } catch {
      refuse('is a dangling symlink');
      continue;
    }
    if (real !== root && !real.startsWith(root + path.sep)) {
      refuse(`is a symlink to ${showPath(real)}, outside the config directory`);
      continue;
    }
    if (!statOrUndefined(real)?.isFile()) {
      refuse('is not a regular file');
      continue;
    }
    out.push(f);
  }
  if (out.length === 0 && sink.problems.length === before) sink.add('AGENT_CONFIG_UNREADABLE', '', `no .yaml/.yml/.json file in ${showPath(p)}`, 'mount the agent ConfigMap there');
  return out;
}

function statOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

/**
 * Reads one config file through the shared reader (lib/core/source/read-file.ts: non-blocking
 * open, regular files only on the open descriptor, at most `maxBytes`). Returns the text, or
 * undefined after adding a problem: AGENT_CONFIG_FILE for a FIFO/socket/device, AGENT_CONFIG_LIMIT
 * for a file over the ConfigMap size, AGENT_CONFIG_UNREADABLE otherwise.
 */
export function readConfigText(f: string, maxBytes: number, sink: ProblemSink): string | undefined {
  const where = path.basename(f);
  const read = readRegularFile(f, maxBytes);
  if (read.reason === undefined) return read.bytes.toString('utf8');
  const reason = clip(escapeControl(read.reason), 200);
  if (read.kind === 'not-regular') sink.add('AGENT_CONFIG_FILE', where, `${showPath(f)} ${reason}; it is not read`, 'give a regular YAML/JSON file or the ConfigMap directory');
  else if (read.kind === 'too-large') sink.add('AGENT_CONFIG_LIMIT', where, `${showPath(f)}: ${reason}`, `keep the config under ${maxBytes} bytes, the ConfigMap size limit`);
  else sink.add('AGENT_CONFIG_UNREADABLE', where, `cannot read ${showPath(f)}: ${reason}`, 'check the --config path and its permissions');
  return undefined;
}

/** One parsed document of a config file. */
export interface ConfigDocument {
  readonly file: string;
  readonly index: number;
  readonly doc: unknown;
}

/**
 * Reads and parses every file (bounded: size, depth, aliases, expanded size; the total of all files
 * at most {@link AGENT_CONFIG_MAX_BYTES}). Refusals are problems; empty documents are dropped.
 */
export function readConfigDocuments(files: readonly string[], sink: ProblemSink, limits: InputLimits = AGENT_CONFIG_LIMITS): ConfigDocument[] {
  const docs: ConfigDocument[] = [];
  let total = 0;
  for (const f of files) {
    const where = path.basename(f);
    const text = readConfigText(f, limits.maxFileBytes, sink);
    if (text === undefined) continue;
    total += Buffer.byteLength(text, 'utf8');
    if (total > limits.maxFileBytes) {
      sink.add('AGENT_CONFIG_LIMIT', where, `the config files up to ${showPath(f)} total ${total} bytes; at most ${limits.maxFileBytes} are read`, 'keep the whole config under the ConfigMap size limit (1 MiB)');
      break;
    }
    const parsed = parseAllYamlBounded(text, limits);
    if (parsed.refusal) {
      const r = parsed.refusal;
      const at = r.line !== undefined ? ` (line ${r.line + 1})` : '';
      sink.add(r.syntax ? 'AGENT_CONFIG_UNREADABLE' : 'AGENT_CONFIG_LIMIT', where, `cannot parse ${showPath(f)}${at}: ${escapeControl(r.reason)}`, r.fix);
      continue;
    }
    parsed.values.forEach((doc, index) => {
      if (doc !== null && doc !== undefined) docs.push({ file: f, index, doc });
    });
  }
  return docs;
}

/**
 * A fingerprint of the config at `p`: the SHA-256 of every file's name and bytes, in the order
 * they are merged; undefined when the files cannot be listed or read (the load reports why). Two
 * equal fingerprints mean the same documents, so a long-running agent re-validates its config only
 * when it changed (the interval reconcile of an unchanged 1 MiB config skips the YAML parse and
 * the nmstate validation).
 */
export function configFingerprint(p: string): string | undefined {
  try {
    const sink = new ProblemSink({ kind: 'AgentConfig' }, AGENT_CODES as CodeTable);
    const files = configFiles(p, sink);
    const hash = crypto.createHash('sha256');
    for (const f of files) {
      const text = readConfigText(f, AGENT_CONFIG_MAX_BYTES, sink);
      if (text === undefined) return undefined;
      hash.update(`${f}\0${text.length}\0`).update(text);
    }
    return sink.problems.length ? undefined : hash.digest('hex');
  } catch {
    return undefined;
  }
}
