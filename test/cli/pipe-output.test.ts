/**
 * The real binary's output through a pipe whose reader is slow (`multihome check --format json |
 * jq` in CI): every byte arrives before the process exits. `process.exit()` right after writing
 * used to drop what the pipe had not taken yet (the JSON ended at 64 KiB).
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const SHARED = path.join(ROOT, '..', 'shared');

describe('multihome through a pipe', () => {
  it('GIVEN check --format json of more than 64 KiB read by a reader that starts late THEN the JSON is whole', () => {
    const r = spawnSync('bash', ['-c', '"$0" "$1" check "$2" "$3" --format json | (sleep 1; cat)', process.execPath, path.join(ROOT, 'bin', 'multihome.js'), path.join(SHARED, 'corpus'), path.join(SHARED, 'seeds')], {
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    expect(r.stdout.length).toBeGreaterThan(65536);
    const records = JSON.parse(r.stdout) as Array<{ code: string }>;
    expect(records.length).toBeGreaterThan(0);
  }, 60_000);
});
