/**
 * The cdk8s path: a NetworkEnvironment chart built from the generated environment, then
 * `app.synth()` into `outdir` (what `npx cdk8s synth` runs for apps/cdk8s/main.ts, one chart).
 * Phases: construct (construct tree), check (render + validate, cached for synth), synth
 * (cdk8s toJson + YAML + write).
 */
import * as path from 'path';
import { App } from 'cdk8s';
import { NetworkEnvironment } from '../../lib/cdk8s/network-environment';
import { generateEnvironment } from '../generate';
import { input, main, now, report } from './common';

main(() => {
  const { n, outdir } = input<{ n: number; outdir: string }>();
  const environment = generateEnvironment(n);
  const t0 = now();
  const app = new App({ outdir });
  const chart = new NetworkEnvironment(app, environment.name, { environment, warn: () => undefined });
  const t1 = now();
  const errors = chart.problems().filter((p) => p.severity === 'error').length;
  const t2 = now();
  app.synth();
  const t3 = now();
  if (errors) throw new Error(`generated environment has ${errors} error(s)`);
  report({ ms: t3 - t0, phases: { construct: t1 - t0, check: t2 - t1, synth: t3 - t2 }, file: path.join(outdir, `${environment.name}.k8s.yaml`) });
});
