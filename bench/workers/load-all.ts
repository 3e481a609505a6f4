/** The check floor: read the file and `js-yaml` `loadAll` it (shared/reference/baseline.md, parse-floor.js). */
import * as fs from 'fs';
import * as jsyaml from 'js-yaml';
import { input, main, now, report } from './common';

main(() => {
  const { file } = input<{ file: string }>();
  const t0 = now();
  const docs = jsyaml.loadAll(fs.readFileSync(file, 'utf8'));
  const t1 = now();
  report({ ms: t1 - t0, resources: docs.filter((d) => d !== null && d !== undefined).length });
});
