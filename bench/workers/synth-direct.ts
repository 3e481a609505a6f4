/**
 * `multihome synth`: lib/cli/synth.ts `synthDirect` on the generated environment (render,
 * validate, core YAML, atomic write; no cdk8s). With `phases: true` it runs the same core steps
 * one by one instead, to show where the time goes (diagnostic run, not a counted one).
 */
import * as fs from 'fs';
import * as path from 'path';
import { synthDirect } from '../../lib/cli/synth';
import { stringifyManifests } from '../../lib/core/render/yaml';
import { planEnvironment, renderEnvironment } from '../../lib/core/topology/render';
import { validatePlannedEnvironment } from '../../lib/core/topology/validate-environment';
import { generateEnvironment } from '../generate';
import { input, main, now, report } from './common';

main(() => {
  const { n, outRoot, phases } = input<{ n: number; outRoot: string; phases?: boolean }>();
  const environment = generateEnvironment(n);
  if (phases) {
    const t0 = now();
    const plan = planEnvironment(environment);
    const manifests = renderEnvironment(plan).map((l) => l.manifest);
    const t1 = now();
    const problems = validatePlannedEnvironment(environment, plan, manifests);
    const t2 = now();
    const text = stringifyManifests(manifests);
    const t3 = now();
    const file = path.join(outRoot, 'phases.k8s.yaml');
    fs.mkdirSync(outRoot, { recursive: true });
    fs.writeFileSync(file, text);
    const t4 = now();
    const errors = problems.filter((p) => p.severity === 'error').length;
    report({ ms: t4 - t0, phases: { render: t1 - t0, validate: t2 - t1, yaml: t3 - t2, write: t4 - t3 }, errors, file });
    return;
  }
  const t0 = now();
  const r = synthDirect({ [environment.name]: environment }, outRoot);
  const t1 = now();
  if (r.errors.length) throw new Error(`generated environment has ${r.errors.length} error(s)`);
  report({ ms: t1 - t0, file: r.files[0] });
});
