import * as fs from 'fs';
import * as path from 'path';
import { MinedSuite } from './inventory';

/** Every suite module test/upstream/*.inventory.ts, sorted by file name. */
export function loadSuites(): MinedSuite[] {
  return fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.inventory.ts') && f !== 'inventory.ts')
    .sort()
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    .map((f) => (require(path.join(__dirname, f)) as { SUITE: MinedSuite }).SUITE);
}
