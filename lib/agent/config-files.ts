/**
 * Reading the agent's config files from hostile storage: only regular files, each at most
 * {@link AGENT_CONFIG_MAX_BYTES}, parsed with the bounded YAML loader (no alias bomb, no deep
 * nesting), symlinks followed only while they stay inside the config directory. A FIFO, a device,
 * a link to `/etc/shadow` or a 600-byte alias bomb is refused with a problem; none of them can
 * block the agent or take it past its memory limit.
 */
import * as fs from 'fs';
import * as path from 'path';
import { escapeControl } from '../core/names';
import { ProblemSink, show } from '../core/problems';
import { clip, INPUT_LIMITS, InputLimits, parseAllYamlBounded, sizeRefusal } from '../core/source/bounded-yaml';

/**
 * Largest config file, and largest config directory in total: a ConfigMap's `data` and
 * `binaryData` together are at most 1 MiB. Upstream: kubernetes `pkg/apis/core/validation/
 * validation.go` `ValidateConfigMap` (`if totalSize > core.MaxSecretSize` → `field.TooLong`), with
 * `MaxSecretSize = 1 * 1024 * 1024` in `pkg/apis/core/types.go`. Nothing the deployment mounts
 * can be larger, so a larger file is not the agent's ConfigMap.
 */
export const AGENT_CONFIG_MAX_BYTES = 1024 * 1024;

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
 * Reads one config file: opened non-blocking (a FIFO cannot block the open), checked to be a
 * regular file on the open descriptor (no race with a swapped path), read up to `maxBytes` + 1.
 * Returns the text, or undefined after adding a problem.
 */
export function readConfigText(f: string, maxBytes: number, sink: ProblemSink): string | undefined {
  const where = path.basename(f);
  let fd: number;
  try {
    fd = fs.openSync(f, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    sink.add('AGENT_CONFIG_UNREADABLE', where, `cannot open ${showPath(f)}: ${clip(escapeControl((e as Error).message), 200)}`, 'check the --config path and its permissions');
    return undefined;
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) {
      sink.add('AGENT_CONFIG_FILE', where, `${showPath(f)} is not a regular file (a FIFO, socket or device); it is not read`, 'give a regular YAML/JSON file or the ConfigMap directory');
      return undefined;
    }
    const tooBig = sizeRefusal(st.size, maxBytes, 'file');
    if (tooBig) {
      sink.add('AGENT_CONFIG_LIMIT', where, `${showPath(f)}: ${tooBig.reason}`, `keep the config under ${maxBytes} bytes, the ConfigMap size limit`);
      return undefined;
    }
    // the size can change after fstat: read at most maxBytes + 1 and refuse when the extra byte came
    const buf = Buffer.alloc(maxBytes + 1);
    let n = 0;
    for (let r = -1; r !== 0 && n < buf.length; n += r) r = fs.readSync(fd, buf, n, buf.length - n, null);
    if (n > maxBytes) {
      sink.add('AGENT_CONFIG_LIMIT', where, `${showPath(f)} grew past ${maxBytes} bytes while it was read`, `keep the config under ${maxBytes} bytes, the ConfigMap size limit`);
      return undefined;
    }
    return buf.subarray(0, n).toString('utf8');
  } catch (e) {
    sink.add('AGENT_CONFIG_UNREADABLE', where, `cannot read ${showPath(f)}: ${clip(escapeControl((e as Error).message), 200)}`, 'check the file');
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
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
