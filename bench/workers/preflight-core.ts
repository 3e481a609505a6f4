/**
 * The core of pre-flight alone: lib/core/preflight `clusterStateOf` + `preflight` on objects
 * already read (the files are read with `readObjects` outside the timing). For information next to
 * the whole command.
 */
import { clusterStateOf } from '../../lib/core/preflight/cluster-state';
import { preflight } from '../../lib/core/preflight/preflight';
import { readObjects } from '../../lib/core/source/object-reader';
import { input, main, now, report } from './common';

main(() => {
  const { policiesFile, stateDir } = input<{ policiesFile: string; stateDir: string }>();
  const read = (paths: string[]) => {
    const objects: Record<string, unknown>[] = [];
    readObjects(paths, { source: () => undefined, shape: () => undefined, object: (o) => objects.push(o) });
    return objects;
  };
  const intent = read([policiesFile]);
  const state = read([stateDir]);
  const t0 = now();
  const cluster = clusterStateOf(state);
  const t1 = now();
  const findings = preflight(intent, cluster);
  const t2 = now();
  report({ ms: t2 - t0, phases: { clusterState: t1 - t0, rules: t2 - t1 }, nodes: cluster.nodes.size, findings: findings.length + cluster.problems.length });
});
