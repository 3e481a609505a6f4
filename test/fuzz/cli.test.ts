/**
 * `node bin/multihome.js check` as a user runs it (a separate process, the source checkout's
 * ts-node path, a 512 MiB heap) on a few hostile files: exit 0, 1 or 2, no stack trace, no raw
 * control characters, finished within the time limit.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { escapeControl } from '../../lib/core/names';
import { HOSTILE_CASES, materialize } from './hostile';
import { RAW_CONTROL, STACK_FRAME } from './protocol';
import { CHILD_HEAP_MIB, ROOT } from './harness';

const TIMEOUT_MS = 30_000;
const CASES = ['billion laughs (9 levels) inside an NNCP desiredState', '1 MiB of random bytes (seeded)', 'ESC/BEL sequences in a NAD metadata.name'];

function cliCheck(file: string): Promise<{ code: number | null; out: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${CHILD_HEAP_MIB}`, path.join(ROOT, 'bin', 'multihome.js'), 'check', file], { cwd: ROOT });
    let out = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, timedOut });
    });
  });
}

describe('the multihome check command on hostile files', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'multihome-cli-fuzz-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  for (const name of CASES) {
    test(`${name}: exits 0/1/2 within ${TIMEOUT_MS / 1000} s, prints no stack trace and no raw control characters`, async () => {
      const c = HOSTILE_CASES.find((x) => x.name === name)!;
      const file = materialize(c.inputs.check!, path.join(root, String(CASES.indexOf(name))), 'check');
      const r = await cliCheck(file);
      expect(r.timedOut).toBe(false);
      expect([0, 1, 2]).toContain(r.code);
      expect(STACK_FRAME.exec(r.out)?.[0]).toBeUndefined();
      expect(r.out.split('\n').filter((l) => RAW_CONTROL.test(l)).map(escapeControl)).toEqual([]);
    }, TIMEOUT_MS + 10_000);
  }
});
