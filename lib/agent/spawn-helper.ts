/**
 * The long-running agent's spawn helper: a small Node process started once, which starts every
 * program the agent runs and hands the program's stdin, stdout and stderr back over its IPC
 * channel (`process.send(message, socket)`), so the agent talks to `ip` directly and its own
 * process never forks again.
 *
 * Why: Node 20's libuv starts a child with fork(). After a fork every page the parent writes
 * faults once (copy-on-write, measured on the host: a 20 MiB buffer refilled after one spawn takes
 * 5,122–5,285 minor faults, 7 without it; after a spawn through the helper, 7–19). The agent forks one
 * `ip` per reconcile, so each reconcile paid a fault for every page it wrote — under
 * user-mode-linux ~0.2 ms each, 3,000–6,000 per 256-bridge converge. The helper's heap is a few
 * MiB and it writes almost nothing, so its forks stay cheap. Only `agent run` (and `agent apply`
 * without --once) use it: a one-shot apply forks once anyway and a helper costs a Node start-up.
 */
import { ChildProcess, spawn } from 'child_process';
import type { Socket } from 'net';
import { Converse, createSpawnConverse, Exec, execOverConverse, Launch, LaunchEvents, Launched } from './exec';

/**
 * Source of the helper process (`node -e`). Messages in: `{op:'spawn', id, file, args}`,
 * `{op:'kill', id}`. Out: `{id, stream}` with the socket of that stream, then `{id, exit, signal}`;
 * `{id, error, message}` when the program cannot be started. Its own copies of the sockets are
 * closed once sent (Node closes a sent handle unless `keepOpen`), so the program's EOF reaches the
 * agent. stdout and stderr are never read here: reading stops before the handles are queued
 * (what net.Socket's `pauseOnCreate` does), or bytes read meanwhile would be lost with the handle.
 * Without the agent (IPC channel closed) it exits; the programs it started run on, as children
 * of a killed agent would. The programs are unref'd so that the channel alone keeps the helper
 * alive: when the agent goes while a stream's handle waits for its acknowledgement, Node closes
 * the channel without a 'disconnect' event (the disconnect is postponed until the handle queue
 * drains, which it never will), and an empty event loop is then what ends the helper. SIGINT and
 * SIGTERM are ignored: a Ctrl-C reaches the whole process group, and the agent finishes its
 * reconcile in flight (through the helper) before it exits.
 */
export const SPAWN_HELPER_SOURCE = `'use strict';
const { spawn } = require('child_process');
const kids = new Map();
const send = (m, h) => { if (!process.connected) process.exit(0); process.send(m, h, (e) => e && process.exit(0)); };
process.on('message', (m) => {
  if (m.op === 'kill') { const c = kids.get(m.id); if (c) c.kill('SIGKILL'); return; }
  if (m.op !== 'spawn') return;
  let c;
  try { c = spawn(m.file, m.args, { stdio: 'pipe', shell: false }); }
  catch (e) { send({ id: m.id, error: e.code || 'EINVAL', message: e.message }); return; }
  c.on('error', (e) => { kids.delete(m.id); send({ id: m.id, error: e.code || 'EIO', message: e.message }); });
  if (c.pid === undefined) return;
  kids.set(m.id, c);
  c.unref();
  for (const s of [c.stdout, c.stderr]) { s._handle.reading = false; s._handle.readStop(); }
  send({ id: m.id, stream: 'stdin' }, c.stdin);
  send({ id: m.id, stream: 'stdout' }, c.stdout);
  send({ id: m.id, stream: 'stderr' }, c.stderr);
  c.on('exit', (code, signal) => { kids.delete(m.id); send({ id: m.id, exit: code, signal }); });
});
process.on('disconnect', () => process.exit(0));
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => undefined);
`;

/** V8 flags of the helper: a small heap (it holds a few sockets and messages). */
const HELPER_NODE_FLAGS = ['--max-old-space-size=32'];

/** A started spawn helper. */
export interface SpawnHelper {
  /** Starts a program through the helper (a new helper when the last one died). */
  readonly launch: Launch;
  /** Stops the helper. Programs it started run on. */
  close(): void;
}

/** Options of {@link startSpawnHelper}. */
export interface SpawnHelperOptions {
  /** Told when a helper exits while the agent still runs (the next launch starts another). */
  readonly onExit?: (why: string) => void;
}

/** A program started through the helper, until it exited and its output is read. */
interface Remote {
  readonly file: string;
  readonly events: LaunchEvents;
  stdin?: Socket;
  /** stdout and stderr sockets that have not closed yet (2 until both arrived and closed). */
  open: number;
  /** Streams received, in the helper's order: stdin, stdout, stderr. */
  arrived: number;
  /** Writes and the end of stdin asked for before its socket arrived. */
  queued: string[];
  ended: boolean;
  exitCode?: number;
  over: boolean;
}

/**
 * Starts the spawn helper (one `node -e` process, stdio ignored but stderr) and returns its
 * {@link Launch}. The helper does not keep the agent's event loop alive while no program runs.
 */
export function startSpawnHelper(o: SpawnHelperOptions = {}): SpawnHelper {
  let helper: ChildProcess | undefined;
  let closed = false;
  let nextId = 1;
  const live = new Map<number, Remote>();

  const finish = (id: number, r: Remote, end: () => void) => {
    if (r.over) return;
    r.over = true;
    live.delete(id);
    if (live.size === 0) helper?.channel?.unref();
    end();
  };
  const closeIfDone = (id: number, r: Remote) => {
    if (r.exitCode !== undefined && r.open === 0) finish(id, r, () => r.events.closed(r.exitCode!));
  };

  function attach(id: number, r: Remote, stream: string, socket: Socket) {
    r.arrived++;
    if (stream === 'stdin') {
      r.stdin = socket.on('error', () => undefined);
      for (const t of r.queued.splice(0)) socket.write(t);
      if (r.ended) socket.end();
      return;
    }
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (stream === 'stdout' ? r.events.stdout(d) : r.events.stderr(d)));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      r.open--;
      closeIfDone(id, r);
    });
  }

  function onMessage(m: { id: number; stream?: string; exit?: number | null; error?: string; message?: string }, handle?: Socket) {
    const r = live.get(m.id);
    if (!r) return void handle?.destroy();
    if (m.stream && handle) return attach(m.id, r, m.stream, handle);
    if (m.error !== undefined)
      return finish(m.id, r, () => r.events.failed({ code: m.error === 'ENOENT' ? 127 : 1, stdout: '', stderr: `cannot run ${r.file}: ${m.message}` }));
    if ('exit' in m) {
      r.exitCode = m.exit ?? 1;
      closeIfDone(m.id, r);
    }
  }

  /**
   * The helper is gone. A program the agent got a stream of ends when its output does (an output
   * stream still in flight counts as closed), its exit status unknown; a program none of whose
   * streams arrived fails now.
   */
  function lost(p: ChildProcess, why: string) {
    if (helper !== p) return;
    helper = undefined;
    if (!closed) o.onExit?.(why);
    for (const [id, r] of live) {
      if (r.arrived > 0) {
        r.open -= 3 - r.arrived;
        r.arrived = 3;
        r.events.stderr(`\nthe agent's spawn helper exited (${why}): the exit status of ${r.file} is unknown`);
        r.exitCode = 1;
        closeIfDone(id, r);
      } else {
        finish(id, r, () => r.events.failed({ code: 1, stdout: '', stderr: `the agent's spawn helper exited (${why}) before ${r.file} was connected to the agent` }));
      }
    }
  }

  function ensure(): ChildProcess {
    if (helper) return helper;
    const p = spawn(process.execPath, [...HELPER_NODE_FLAGS, '-e', SPAWN_HELPER_SOURCE], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], shell: false });
    helper = p;
    p.on('message', onMessage);
    p.on('error', (e) => lost(p, e.message));
    p.on('exit', (code, signal) => lost(p, signal ? `signal ${signal}` : `code ${code}`));
    p.unref();
    p.channel?.unref();
    return p;
  }

  const launch: Launch = (file, args, events): Launched => {
    const id = nextId++;
    const r: Remote = { file, events, open: 2, arrived: 0, queued: [], ended: false, over: false };
    if (closed) {
      events.failed({ code: 1, stdout: '', stderr: `cannot run ${file}: the agent's spawn helper was stopped` });
      return { write: () => undefined, end: () => undefined, kill: () => undefined };
    }
    const p = ensure();
    live.set(id, r);
    p.channel?.ref();
    p.send({ op: 'spawn', id, file, args: [...args] }, (e) => e && lost(p, e.message));
    return {
      write: (text) => (r.stdin ? void r.stdin.write(text) : void r.queued.push(text)),
      end: () => (r.stdin ? void r.stdin.end() : void (r.ended = true)),
      kill: () => {
        if (r.over) return;
        // without its helper the program cannot be signalled: its stdin closes, as a killed agent's would
        if (helper === p) p.send({ op: 'kill', id }, () => undefined);
        else r.stdin?.destroy();
      },
    };
  };

  return {
    launch,
    close() {
      closed = true;
      const p = helper;
      if (p) {
        p.disconnect();
        lost(p, 'stopped');
      }
    },
  };
}

/** The agent's `exec` and `converse` (AgentDeps) over a spawn helper: every program it runs starts in the helper. */
export function spawnHelperDeps(helper: SpawnHelper): { readonly exec: Exec; readonly converse: Converse } {
  const converse = createSpawnConverse({ launch: helper.launch });
  return { exec: execOverConverse(converse), converse };
}
