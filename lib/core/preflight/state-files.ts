/**
 * Pre-flight for a build: the cluster state read from files (the `clusterState` option of an
 * environment, so `cdk8s synth` and `pulumi preview` fail on pre-flight errors the way
 * `multihome preflight --state` does).
 */
import type { Target } from '../target';
import { Problem } from '../errors';
import { Manifest } from '../manifest';
import { readObjects } from '../source/object-reader';
import { clusterStateOf, ClusterStateOptions } from './cluster-state';
import { PREFLIGHT_CODES } from './codes';
import { preflight } from './preflight';

/** Where the cluster state comes from: files or directories of NodeNetworkState and Node objects. */
export type ClusterStateSource = string | readonly string[];

/** Reads the state files and pre-flights `manifests` against them; every reading mistake is a problem. */
export function preflightAgainstFiles(manifests: readonly Manifest[], source: ClusterStateSource, options: ClusterStateOptions = {}, target?: Target): Problem[] {
  const paths = typeof source === 'string' ? [source] : [...source];
  const problems: Problem[] = [];
  const objects: Record<string, unknown>[] = [];
  const read = readObjects(paths, {
    source: (p) => problems.push({ ...p, message: `${p.file}:${p.line}: ${p.message}` }),
    shape: (p, origin) => problems.push({ ...p, message: `${origin.doc.file}: ${p.message}` }),
    object: (o) => objects.push(o),
  });
  const unreadable = (path: string, reason: string) =>
    problems.push({ code: 'PREFLIGHT_STATE_UNREADABLE', severity: PREFLIGHT_CODES.PREFLIGHT_STATE_UNREADABLE.severity, resource: { kind: 'ClusterState', name: path }, path: '', message: `cannot read ${path}: ${reason}`, fix: 'point clusterState at files or directories of NodeNetworkState and Node objects (kubectl get nns,nodes -o yaml > state/cluster.yaml)' });
  for (const u of read.unreadable) unreadable(u.path, u.reason);
  if (!read.files && !read.unreadable.length) unreadable(paths.join(', '), 'no YAML or JSON file found there');
  const cluster = clusterStateOf(objects, options);
  return [...problems, ...cluster.problems.map((p) => p.problem), ...preflight(manifests, cluster, { target }).map((f) => f.problem)];
}
