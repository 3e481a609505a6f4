/**
 * The apply journal: what an apply is about to change, written before its first batch command and
 * removed when the apply ends (applied, rolled back or failed). A journal found when an apply
 * starts means the previous one was interrupted between its batch and its verify/rollback (the
 * process was SIGKILLed or OOM-killed, the container restarted): the agent then restores the
 * journal's snapshot first — nmstate's promise that a change ends in the new state or the
 * previous one, never in between (NetworkManager keeps a checkpoint for the same purpose and rolls
 * it back when its timeout passes; kubernetes-nmstate pkg/nmstatectl checkpoint handling).
 *
 * The journal lives in a directory on the node's /run (`--state-dir`, a hostPath in the
 * DaemonSet): it survives a container restart but not a reboot, and a journal written under
 * another boot id is stale — the kernel state it describes is gone with that boot.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { HostIntent } from '../core/host-intent/model';
import type { RawState, ReadOptions } from './iproute/read';
import type { Op } from './plan';

/** Where the CLI keeps the journal by default (tmpfs: gone after a reboot, like the kernel state it describes). */
export const DEFAULT_STATE_DIR = '/run/multihome-agent';

/** Largest journal read back (a snapshot of thousands of links is a few MiB of `ip -j`). */
export const JOURNAL_MAX_BYTES = 64 * 1024 * 1024;

/** One interrupted-apply record. */
export interface ApplyJournal {
  readonly version: 1;
  /** When the apply started (ISO time). */
  readonly startedAt: string;
  /** `/proc/sys/kernel/random/boot_id` when it was written; undefined where unknown. */
  readonly bootId?: string;
  readonly netns?: string;
  /** The host read before the change (the rollback target). */
  readonly snapshot: RawState;
  /** The apply's plan. */
  readonly ops: readonly Op[];
  /** The intent the plan came from (bond options are restored by its keys). */
  readonly intent: HostIntent;
  readonly readOptions: ReadOptions;
}

/** The journal file of a state directory, one per network namespace (the lab runs several nodes in one host). */
export function journalPath(stateDir: string, netns?: string): string {
  return path.join(stateDir, netns ? `apply-journal-${netns}.json` : 'apply-journal.json');
}

/**
 * Writes the journal atomically (a temp file fsync'ed, then renamed): a crash leaves the old
 * journal or the new one, never a torn file. The directory is created owner-only.
 */
export function writeJournal(file: string, journal: ApplyJournal): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(journal));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/** What {@link readJournal} found. */
export type JournalRead = { readonly kind: 'none' } | { readonly kind: 'found'; readonly journal: ApplyJournal } | { readonly kind: 'unreadable'; readonly error: string };

/** Reads the journal: none, a valid one, or why it cannot be used (too large, not JSON, wrong shape). */
export function readJournal(file: string): JournalRead {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch {
    return { kind: 'none' };
  }
  if (!st.isFile()) return { kind: 'unreadable', error: `${file} is not a regular file` };
  if (st.size > JOURNAL_MAX_BYTES) return { kind: 'unreadable', error: `${file} is larger than ${JOURNAL_MAX_BYTES} bytes` };
  try {
    const j = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<ApplyJournal>;
    const ok = j && j.version === 1 && typeof j.startedAt === 'string' && j.snapshot && Array.isArray(j.snapshot.addr) && Array.isArray(j.ops) && j.intent && Array.isArray(j.intent.links) && j.readOptions;
    return ok ? { kind: 'found', journal: j as ApplyJournal } : { kind: 'unreadable', error: `${file} is not an apply journal of this agent` };
  } catch (e) {
    return { kind: 'unreadable', error: `${file}: ${(e as Error).message}` };
  }
}

/** Removes the journal (and a temp file a crash during the write left); missing files are fine. */
export function removeJournal(file: string): void {
  fs.rmSync(file, { force: true });
  fs.rmSync(`${file}.tmp`, { force: true });
}

/** The kernel's boot id (changes on every boot), or undefined where /proc does not have it. */
export function currentBootId(): string | undefined {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}
