import * as fs from 'fs';
import * as path from 'path';
import { Problem } from '../core/errors';
import { writeDirsAtomically } from '../core/render/atomic-dir';
import { stringifyManifests } from '../core/render/yaml';
import { Topology } from '../core/topology/model';
import { renderLayers } from '../core/topology/render';
import { resolveTopology } from '../core/topology/resolve';
import { validateEnvironment, EnvironmentValidationOptions } from '../core/topology/validate-environment';

/** Result of {@link synthDirect}. */
export interface DirectSynthResult {
  readonly errors: Problem[];
  readonly warnings: Problem[];
  /** Files written (empty when there were errors). */
  readonly files: string[];
}

/**
 * `multihome synth`: renders environments through lib/core alone (no cdk8s, no CLI app) into
 * `<out>/<env>/<env>.k8s.yaml`, byte-identical to `npx cdk8s synth`. Validates everything
 * first; writes nothing when there is an error.
 */
export function synthDirect(environments: Readonly<Record<string, Topology>>, out: string, options: EnvironmentValidationOptions = {}): DirectSynthResult {
  const rendered = Object.entries(environments).map(([name, t]) => {
    const manifests = renderLayers(resolveTopology(t)).map((l) => l.manifest);
    return { name, manifests, problems: validateEnvironment(t, manifests, options) };
  });
  const problems = rendered.flatMap((r) => r.problems);
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  if (errors.length) return { errors, warnings, files: [] };
  const files: string[] = [];
  writeDirsAtomically(
    out,
    rendered.map((r) => r.name),
    (tmp) => {
      for (const r of rendered) {
        fs.mkdirSync(path.join(tmp, r.name), { recursive: true });
        fs.writeFileSync(path.join(tmp, r.name, `${r.name}.k8s.yaml`), stringifyManifests(r.manifests));
        files.push(path.join(out, r.name, `${r.name}.k8s.yaml`));
      }
    },
  );
  return { errors, warnings, files };
}
