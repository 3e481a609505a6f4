import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { Manifest } from '../core/manifest';
import { canonicalManifest } from '../core/render/yaml';

/** Metadata fields a user may add through `ApiObject.metadata` (or the chart's labels) on top of the render's. */
const ADDABLE_METADATA = ['labels', 'annotations', 'finalizers', 'ownerReferences'] as const;

/**
 * An ApiObject whose content is a manifest lib/core rendered: `produce` gives it at synth (so an
 * environment's later changes reach it), written in cdk8s's canonical key order. The cdk8s escape
 * hatches work on it as on any ApiObject: labels and annotations added through `metadata` (and the
 * chart's `labels`) are merged over the render's, and `addJsonPatch` patches apply last, in
 * cdk8s's order (sort keys, patch, then `apiVersion`, `kind`, `metadata` first).
 */
export class RenderedApiObject extends ApiObject {
  private readonly jsonPatches: JsonPatch[] = [];
  /**
   * True once anything may have changed `metadata`: the chart has labels, or `metadata` was
   * read (by the user, an Aspect, …). Until then synth skips the metadata merge (cdk8s's
   * `metadata.toJson()` costs ~10 µs an object, a tenth of the whole synth at 10 000 VMs).
   */
  private metadataTouched: boolean;

  constructor(
    scope: Construct,
    id: string,
    manifest: Manifest,
    private readonly produce: () => Manifest = () => manifest,
  ) {
    super(scope, id, { apiVersion: manifest.apiVersion, kind: manifest.kind, metadata: { name: manifest.metadata.name, namespace: manifest.metadata.namespace } });
    this.metadataTouched = Object.keys(this.chart.labels).length > 0;
    const metadata = this.metadata;
    Object.defineProperty(this, 'metadata', {
      get: () => {
        this.metadataTouched = true;
        return metadata;
      },
    });
  }

  /** Applies RFC-6902 JSON-Patch operations to the synthesized object (after the render). */
  public override addJsonPatch(...ops: JsonPatch[]): void {
    this.jsonPatches.push(...ops);
  }

  /**
   * True when the synthesized object may differ from the render: a JSON patch was added, or
   * metadata (labels, annotations, finalizers, owner references — the user's or the chart's)
   * is to be merged. The environment then validates the synthesized object, not the render.
   */
  public get customized(): boolean {
    return this.jsonPatches.length > 0 || (this.metadataTouched && addedFields(this.metadata.toJson() as Record<string, unknown>).length > 0);
  }

  /** The rendered manifest with the user's metadata and patches, in cdk8s's canonical key order. */
  public override toJson(): any {
    const m = this.produce();
    if (!this.metadataTouched && this.jsonPatches.length === 0) return canonicalManifest(m);
    const added = this.metadata.toJson() as Record<string, unknown>;
    const extra = addedFields(added);
    if (extra.length === 0 && this.jsonPatches.length === 0) return canonicalManifest(m);
    const metadata: Record<string, unknown> = { ...m.metadata };
    for (const k of extra) {
      const v = added[k];
      metadata[k] = Array.isArray(v) ? [...((metadata[k] as unknown[]) ?? []), ...v] : { ...((metadata[k] as object) ?? {}), ...(v as object) };
    }
    const sorted = canonicalManifest({ ...m, metadata: metadata as Manifest['metadata'] });
    return this.jsonPatches.length ? headFirst(JsonPatch.apply(sorted, ...this.jsonPatches)) : sorted;
  }
}

/** The metadata fields `added` (cdk8s's `metadata.toJson()`) sets, of those merged over the render's. */
function addedFields(added: Record<string, unknown>): Array<(typeof ADDABLE_METADATA)[number]> {
  return ADDABLE_METADATA.filter((k) => added[k] !== undefined && (typeof added[k] !== 'object' || Object.keys(added[k] as object).length > 0));
}

/** `apiVersion`, `kind`, `metadata`, then the other top-level keys sorted — what cdk8s does after patches. */
function headFirst(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['apiVersion', 'kind', 'metadata', ...Object.keys(o).sort()]) if (k in o && !(k in out)) out[k] = o[k];
  return out;
}
