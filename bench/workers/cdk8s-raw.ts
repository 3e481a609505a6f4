/**
 * The cdk8s floor: the same manifests (rendered beforehand, read from JSON outside the timing)
 * as plain `ApiObject`s in one Chart of the same id, then `app.synth()` — construct machinery and
 * cdk8s's YAML serializer, none of multihome's work.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { input, main, now, report } from './common';

main(() => {
  const { manifestsFile, outdir, chartId } = input<{ manifestsFile: string; outdir: string; chartId: string }>();
  const manifests = JSON.parse(fs.readFileSync(manifestsFile, 'utf8')) as Array<{ apiVersion: string; kind: string; metadata: object }>;
  const t0 = now();
  const app = new App({ outdir });
  const chart = new Chart(app, chartId, { disableResourceNameHashes: true });
  manifests.forEach((m, i) => new ApiObject(chart, `o${i}`, m));
  const t1 = now();
  app.synth();
  const t2 = now();
  report({ ms: t2 - t0, phases: { construct: t1 - t0, synth: t2 - t1 }, file: path.join(outdir, `${chartId}.k8s.yaml`) });
});
