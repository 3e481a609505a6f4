/**
 * Where the shared reference material (`shared/`, with `corpus/` of upstream CRDs and examples)
 * is: `$MULTIHOME_SHARED`, else `../shared` beside the repository (how CI lays it out). Tests
 * that read it fail with this explanation when it is missing — they never pass on an empty corpus.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The `shared/` directory; throws with how to provide it when it is not there. */
export function sharedDir(): string {
  const dir = process.env.MULTIHOME_SHARED ?? path.resolve(__dirname, '..', '..', '..', 'shared');
  if (!fs.existsSync(path.join(dir, 'corpus'))) {
    throw new Error(`the shared reference corpus is missing: ${path.join(dir, 'corpus')} does not exist; clone multihome next to shared/ (as CI does) or set MULTIHOME_SHARED=/path/to/shared`);
  }
  return dir;
}

/** `shared/corpus`, or a subdirectory of it. */
export function corpusDir(...sub: string[]): string {
  return path.join(sharedDir(), 'corpus', ...sub);
}
