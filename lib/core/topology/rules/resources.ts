/**
 * Rules about the documents of the set as such, before any kind-specific reading.
 */
import { apiGroupOf } from '../../kubernetes/metadata';
import { Manifest } from '../../manifest';
import { isRecord } from '../../problems';
import { canonicalJson } from './canonical';
import { RuleContext } from './context';
import { refOf } from './refs';
import { who } from './report';

/** Kinds multihome reads that are cluster-scoped (everything else is treated as namespaced when it has a namespace). */
const CLUSTER_SCOPED = new Set(['NodeNetworkConfigurationPolicy', 'NMState', 'NetworkAddonsConfig', 'Namespace']);
/** Namespaced kinds multihome reads: one that names no namespace is in `default`, where kubectl puts it. */
export const NAMESPACED_DEFAULT: ReadonlySet<string> = new Set(['NetworkAttachmentDefinition', 'VirtualMachine', 'VirtualMachineInstance', 'Secret']);

/**
 * TOPOLOGY_DUPLICATE_RESOURCE: the same kind/namespace/name twice in the set with different
 * content (identical copies apply idempotently and are not reported).
 */
export function checkDuplicateResources(ctx: RuleContext, manifests: readonly Manifest[]): void {
  const first = new Map<string, Manifest>();
  for (const m of manifests) {
    if (!isRecord(m) || !isRecord(m.metadata) || typeof m.metadata.name !== 'string' || typeof m.kind !== 'string') continue;
    const ref = refOf(m, NAMESPACED_DEFAULT.has(m.kind));
    const ns = CLUSTER_SCOPED.has(m.kind) ? '' : ref.namespace ?? '';
    const key = `${apiGroupOf(m.apiVersion)}\u0000${m.kind}\u0000${ns}\u0000${m.metadata.name}`;
    const prev = first.get(key);
    if (!prev) {
      first.set(key, m);
      continue;
    }
    if (canonicalJson(prev) === canonicalJson(m)) continue;
    ctx.findings.add(
      'TOPOLOGY_DUPLICATE_RESOURCE',
      ref,
      'metadata.name',
      `${who(ref)} appears twice in the set with different content (the other copy is ${String(prev.apiVersion)}); applying both keeps only the last one`,
      'keep one document per object, or rename one of them',
    );
  }
}
