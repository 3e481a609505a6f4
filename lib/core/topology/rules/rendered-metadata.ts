/**
 * The rendered manifests' metadata as the API server validates it on create
 * (lib/core/kubernetes/metadata.ts validateObjectMeta, the check `multihome check` runs on every
 * document): names by kind, namespaces, label and annotation keys and values. A problem whose
 * value contains a name an intent rule already reported (TOPOLOGY_NAME_INVALID,
 * TOPOLOGY_VM_NAME_INVALID: `VLAN_201` in the NNCP `VLAN_201-workers`) is dropped, so one
 * mistake is reported once, at the prop; what only shows in the manifest stays.
 */
import { Problem } from '../../errors';
import { objectMetaProblems } from '../../kubernetes/metadata';
import { Manifest } from '../../manifest';
import { valueAt } from '../../path';
import { resourceOf } from '../../source/documents';

/** Intent codes whose problems name a value that rendered names are built from. */
const NAME_CODES: ReadonlySet<string> = new Set(['TOPOLOGY_NAME_INVALID', 'TOPOLOGY_VM_NAME_INVALID']);

/** METADATA_* problems of every manifest, less those an intent name problem already covers. */
export function renderedMetadataProblems(topology: unknown, manifests: readonly Manifest[], intent: readonly Problem[]): Problem[] {
  const reported = intent
    .filter((p) => NAME_CODES.has(p.code))
    .map((p) => valueAt(topology, p.path))
    .filter((v): v is string => typeof v === 'string' && v !== '');
  const out: Problem[] = [];
  for (const m of manifests) {
    for (const p of objectMetaProblems(m as unknown as Record<string, unknown>, resourceOf(m))) {
      const v = valueAt(m, p.path);
      const key = p.path.endsWith(']') ? p.path.slice(p.path.lastIndexOf('[') + 1, -1) : '';
      if (reported.some((r) => (typeof v === 'string' && v.includes(r)) || key.includes(r))) continue;
      out.push(p);
    }
  }
  return out;
}
