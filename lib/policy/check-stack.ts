/**
 * multihome's checks over the Kubernetes objects of a Pulumi stack: the same per-resource rules,
 * metadata rules and cross-resource set rules `multihome check` runs on YAML files, with each
 * problem pointed at the resource's URN and given its enforcement level.
 */
import { formatCheckLine, Problem } from '../core/errors';
import { objectMetaProblems } from '../core/kubernetes';
import { Manifest, objectKey } from '../core/manifest';
import { forgetNetworkDataParses } from '../core/kubevirt/cloud-init';
import { escapeControl } from '../core/names';
import { objectTargets } from '../core/render/targets';
import { resourceOf } from '../core/source/documents';
import { validateManifests } from '../core/topology/validate-manifests';
import { NAME_REQUIRED_ELSEWHERE, validateManifest } from '../core/validate';
import { CodeEnforcement, configProblems, enforcementOf, MultihomePolicyConfig, validationOptions } from './config';
import { StackObject, stackObjects, StackResource } from './stack-resources';

/** One problem found in a stack, with the resource it is about and its enforcement level. */
export interface StackFinding {
  readonly problem: Problem;
  /** Never `disabled`: problems whose code is disabled are left out. */
  readonly enforcement: Exclude<CodeEnforcement, 'disabled'>;
  /** URN of the resource the problem is on; undefined for problems of the stack as a whole (the configuration). */
  readonly urn?: string;
}

/** What {@link checkStack} found. */
export interface StackCheck {
  readonly findings: readonly StackFinding[];
  /** The objects not judged because some of their values are not known yet (preview). */
  readonly incomplete: readonly StackObject[];
  /** How many objects were judged. */
  readonly checked: number;
}

/**
 * Every problem of the NNCPs, NADs, VirtualMachines and VirtualMachineInstances among
 * `resources` (and of the Secrets their cloud-init references), alone and together, as
 * `multihome check` reports them for the same objects in YAML: metadata rules, per-resource
 * rules, cross-resource rules; warnings an object silences with `multihome.io/silence` left out.
 *
 * Unknown values (preview) never cause a problem: an object with one is not judged (listed in
 * `incomplete`), and while any object is incomplete the cross-resource rules report nothing (a
 * NAD whose config is unknown could be the one a VM's network names, or conflict with a
 * policy); what is known about every complete object is still checked alone. Both run in full
 * once the values are known (`pulumi up`).
 */
export function checkStack(resources: readonly StackResource[], config: MultihomePolicyConfig = {}): StackCheck {
  const objects = stackObjects(resources);
  const complete = objects.filter((o) => o.unknown.length === 0);
  const incomplete = objects.filter((o) => o.unknown.length > 0);
  const byManifest = new Map<Manifest, StackObject>(complete.map((o) => [o.manifest, o]));
  const byKey = new Map<string, StackObject>();
  for (const o of complete) {
    const key = objectKey(o.manifest.kind, o.manifest.metadata.name, o.manifest.metadata.namespace);
    if (!byKey.has(key)) byKey.set(key, o);
  }
  const findings: StackFinding[] = [];
  const add = (problem: Problem, object: StackObject | undefined) => {
    const enforcement = enforcementOf(problem, config);
    if (enforcement === 'disabled') return;
    // a warning the object silences (what synth recorded, lib/core/render/targets.ts)
    if (problem.severity === 'warning' && object && objectTargets(object.manifest).silence.has(problem.code)) return;
    findings.push({ problem, enforcement, ...(object ? { urn: object.resource.urn } : {}) });
  };
  for (const p of configProblems(config)) add(p, undefined);
  for (const o of complete) {
    const requireName = !NAME_REQUIRED_ELSEWHERE.includes(o.manifest.kind);
    for (const p of objectMetaProblems(o.manifest, resourceOf(o.manifest), { requireName })) add(p, o);
  }
  const options = validationOptions(config);
  if (incomplete.length > 0) {
    // each complete object alone; the set waits for the unknown values
    try {
      for (const o of complete) for (const p of validateManifest(o.manifest, options)) add(p, o);
    } finally {
      forgetNetworkDataParses();
    }
  } else {
    for (const { problem, manifest } of validateManifests(
      complete.map((o) => o.manifest),
      options,
    )) {
      add(problem, manifest ? byManifest.get(manifest) : byKey.get(objectKey(problem.resource.kind, problem.resource.name, problem.resource.namespace)));
    }
  }
  return { findings, incomplete, checked: complete.length };
}

/**
 * One problem as a violation message, like a line of `multihome check`:
 * `Kind/namespace/name path: message (fix) [severity CODE]`, control characters escaped.
 */
export function formatViolation(problem: Problem): string {
  return formatCheckLine({ ...problem, kind: problem.resource.kind, namespace: problem.resource.namespace, name: problem.resource.name });
}

/** The advisory note about objects not judged during preview: each with the fields not known yet. */
export function formatIncomplete(objects: readonly StackObject[]): string {
  const list = objects.map((o) => {
    const md = o.manifest.metadata;
    const who = [o.manifest.kind, md?.namespace, md?.name].filter((s): s is string => typeof s === 'string' && s !== '').map(escapeControl).join('/');
    return `${who} (${o.unknown.slice(0, 3).map(escapeControl).join(', ')}${o.unknown.length > 3 ? ', …' : ''})`;
  });
  return `multihome did not check ${objects.length} object(s) whose values are not known until the update, nor the rules across objects: ${list.join('; ')} (they are checked when the values are known, at pulumi up)`;
}
