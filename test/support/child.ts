/**
 * Cross-process checks: run a snippet in a fresh `node` process (TypeScript sources load through
 * ts-node, as `npm run multihome` does) so a test can compare what another process computes with
 * what this one computes. A determinism check inside one process passes for any state that lives
 * as long as the process (a cache, a counter, a random seed); across processes it does not.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

/** The repository root: the child's working directory, so `require('./lib/...')` works. */
export const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Runs `script` (CommonJS JavaScript; `require('./lib/…')` of .ts files works) in a new node
 * process and returns the JSON value it prints with `out(value)`. The child gets another time
 * zone and locale than usual, so output that depends on them shows up as a difference. `input`
 * is the child's stdin (`require('fs').readFileSync(0, 'utf8')`). Throws with the child's stderr
 * when it fails.
 */
export function inFreshProcess<T>(script: string, input = ''): T {
  const r = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', `const out = (v) => process.stdout.write(JSON.stringify(v));\n${script}`], {
    cwd: ROOT,
    env: { ...process.env, TS_NODE_PROJECT: path.join(ROOT, 'tsconfig.json'), TZ: 'Pacific/Chatham', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' },
    encoding: 'utf8',
    input,
    maxBuffer: 256 << 20,
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`child process failed (status ${r.status}): ${r.stderr}${r.error ? String(r.error) : ''}`);
  return JSON.parse(r.stdout) as T;
}
