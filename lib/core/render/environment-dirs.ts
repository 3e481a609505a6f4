/**
 * Writing synthesized environments: `<out>/<env>/<env>.k8s.yaml` (cdk8s's file name) and,
 * with a Graphviz renderer, `<out>/<env>/topology.svg`, all replaced in one atomic step. Shared
 * by the cdk8s app and `multihome synth`, so both write the same files the same way.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildDiagram, SvgRenderer, TOPOLOGY_SVG, toSvg } from '../diagram';
import { Problem } from '../errors';
import { Manifest } from '../manifest';
import { writeDirsAtomically } from './atomic-dir';
import { stringifyManifests } from './yaml';

/** Extension cdk8s gives a chart's manifest file (`App` default `outputFileExtension`). */
export const K8S_YAML_EXTENSION = '.k8s.yaml';

/** One environment to write. */
export interface EnvironmentOutput {
  readonly name: string;
  /** Manifests in apply order. */
  readonly manifests: readonly Manifest[];
  /** Its problems (warnings drawn on the diagram). */
  readonly problems: readonly Problem[];
}

/**
 * Writes every environment's manifests (and diagram when `svg` is given) under `out`, replacing
 * their directories atomically; returns the paths written. Everything is rendered before the
 * first byte is written, so a failure leaves the previous output as it was.
 */
export function writeEnvironmentDirs(out: string, environments: readonly EnvironmentOutput[], svg?: SvgRenderer): string[] {
  const files = environments.flatMap((e) => {
    const dir = (f: string) => ({ rel: path.join(e.name, f), abs: path.join(out, e.name, f) });
    const yaml = { ...dir(`${e.name}${K8S_YAML_EXTENSION}`), text: stringifyManifests(e.manifests) };
    if (!svg) return [yaml];
    return [yaml, { ...dir(TOPOLOGY_SVG), text: toSvg(buildDiagram({ title: e.name, manifests: e.manifests, problems: e.problems }), svg) }];
  });
  writeDirsAtomically(
    out,
    environments.map((e) => e.name),
    (tmp) => {
      for (const f of files) {
        fs.mkdirSync(path.dirname(path.join(tmp, f.rel)), { recursive: true });
        fs.writeFileSync(path.join(tmp, f.rel), f.text);
      }
    },
  );
  return files.map((f) => f.abs);
}
