/**
 * The synth floor: the same manifests as plain objects (canonical key order, read from JSON
 * outside the timing), `js-yaml` dump per document joined by `---`, written to a file
 * (shared/reference/baseline.md, plain-dump.js).
 */
import * as fs from 'fs';
import * as jsyaml from 'js-yaml';
import { input, main, now, report } from './common';

main(() => {
  const { manifestsFile, outFile } = input<{ manifestsFile: string; outFile: string }>();
  const docs = JSON.parse(fs.readFileSync(manifestsFile, 'utf8')) as unknown[];
  const t0 = now();
  const text = docs.map((d) => jsyaml.dump(d, { noRefs: true, lineWidth: -1 })).join('---\n');
  fs.writeFileSync(outFile, text);
  const t1 = now();
  report({ ms: t1 - t0, file: outFile, bytes: Buffer.byteLength(text) });
});
