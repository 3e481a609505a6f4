/**
 * Validation of what an adapter will write, not of what the core rendered: when a user patched
 * an object (cdk8s `addJsonPatch`) or added metadata (`metadata.addLabel`, the chart's `labels`, …), the
 * environment's manifest problems are those of the synthesized objects. Both sets go through
 * the one manifest validation (`validateManifests`, lib/core/topology/validate-manifests.ts);
 * problems the render had but the final objects do not are dropped (a patch may fix what it
 * changes), problems only the final objects have are added (a patch that breaks the VM is
 * reported). The metadata of the objects that changed is checked too, as `multihome check`
 * checks it (`validateObjectMeta`: label and annotation syntax), since labels and annotations are
 * what the user adds. Intent problems (about the topology, not a manifest) stay as they are.
 */
import { Problem } from '../errors';
import { objectMetaProblems } from '../kubernetes/metadata';
import { Manifest } from '../manifest';
import { resourceOf } from '../source/documents';
import { Topology } from './model';
import { RenderedManifest } from './render';
import { EnvironmentValidationOptions, manifestValidationOptions, unsilenced } from './validate-environment';
import { validateManifests } from './validate-manifests';

/** Identity of a problem for comparing two runs (everything but the construct path). */
function problemKey(p: Problem): string {
  const r = p.resource;
  return JSON.stringify([p.code, p.severity, r.kind, r.namespace ?? '', r.name ?? '', p.path, p.message]);
}

/** Counts of problem keys. */
function counted(problems: readonly Problem[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of problems) out.set(problemKey(p), (out.get(problemKey(p)) ?? 0) + 1);
  return out;
}

/**
 * `problems` (the build's, for `rendered`) with the manifest problems of the rendered objects
 * replaced by those of the final objects. `finalOf(r)` gives the object the adapter will write for a
 * rendered manifest when it differs from the render (undefined: unchanged). Returns `problems`
 * itself when no object differs (the common case costs nothing).
 */
export function problemsOfFinalManifests(
  t: Topology,
  options: EnvironmentValidationOptions,
  rendered: readonly RenderedManifest[],
  problems: readonly Problem[],
  finalOf: (r: RenderedManifest) => Manifest | undefined,
): readonly Problem[] {
  const changed: Array<{ readonly rendered: Manifest; readonly final: Manifest }> = [];
  const finals = rendered.map((r) => {
    const f = finalOf(r);
    if (f !== undefined) changed.push({ rendered: r.manifest, final: f });
    return f ?? r.manifest;
  });
  if (!changed.length) return problems;
  const opts = manifestValidationOptions(t, options);
  const before = counted(unsilenced(t, [...validateManifests(rendered.map((r) => r.manifest), opts).map((l) => l.problem), ...metadataProblems(changed.map((c) => c.rendered))]));
  const after = unsilenced(t, [...validateManifests(finals, opts).map((l) => l.problem), ...metadataProblems(changed.map((c) => c.final))]);
  const afterCounts = counted(after);
  // drop the render's problems the final objects no longer have
  const keep: Problem[] = [];
  const dropBudget = new Map<string, number>();
  for (const [k, n] of before) dropBudget.set(k, Math.max(0, n - (afterCounts.get(k) ?? 0)));
  for (const p of problems) {
    const k = problemKey(p);
    const budget = dropBudget.get(k) ?? 0;
    if (budget > 0) dropBudget.set(k, budget - 1);
    else keep.push(p);
  }
  // add the final objects' problems the render did not have
  const addBudget = new Map<string, number>();
  for (const [k, n] of afterCounts) addBudget.set(k, Math.max(0, n - (before.get(k) ?? 0)));
  for (const p of after) {
    const k = problemKey(p);
    const budget = addBudget.get(k) ?? 0;
    if (budget > 0) {
      addBudget.set(k, budget - 1);
      keep.push(p);
    }
  }
  return keep;
}

/** Problems of the metadata of `manifests` (names, labels, annotations), as `multihome check` reports them. */
function metadataProblems(manifests: readonly Manifest[]): Problem[] {
  return manifests.flatMap((m) => objectMetaProblems(m as unknown as Record<string, unknown>, resourceOf(m)));
}
