/**
 * Objects an environment ships as given (`Topology.passThrough`): placed into the render's apply
 * order by kind and ordered like the objects multihome renders there, so an object that comes
 * back as pass-through (an import of multihome's own output) lands where the render put it.
 *
 * - NodeNetworkConfigurationPolicy → the `nncp` layer, by sync wave (its own annotation, else the
 *   layer's), then name — as the render orders policies by depth, then name;
 * - NetworkAttachmentDefinition, (Cluster)UserDefinedNetwork → the `nad` layer, by name, then namespace;
 * - VirtualMachine / VirtualMachineInstance → the `vm` layer, by name, then namespace (never
 *   between a VM and the objects derived from it);
 * - anything else → the end of the `prerequisites` layer, in the order given.
 *
 * An object without the `argocd.argoproj.io/sync-wave` annotation gets its layer's wave (when
 * the environment writes waves); one with it keeps it as written.
 */
import { API, Manifest, manifestKey } from '../manifest';
import type { PassThroughObject } from './model';
import type { Origin } from './origin';
import type { Layer, RenderedManifest } from './render';
import { carriesSyncWave, SYNC_WAVE_ANNOTATION, syncWaveOf } from './sync-wave';

/** The apply layer a pass-through object goes to, by kind. */
export function passThroughLayer(o: { readonly kind: string }): Layer {
  if (o.kind === API.nncp.kind) return 'nncp';
  // a ClusterUserDefinedNetwork makes NADs: it goes where they go
  if (o.kind === API.nad.kind || o.kind === 'ClusterUserDefinedNetwork' || o.kind === 'UserDefinedNetwork') return 'nad';
  if (o.kind === API.vm.kind || o.kind === 'VirtualMachineInstance') return 'vm';
  return 'prerequisites';
}

/** The layers in apply order, for placing a layer that rendered nothing. */
const LAYER_ORDER: readonly Layer[] = ['prerequisites', 'nncp', 'nad', 'vm'];

/** How the objects of a layer compare (negative: `a` goes first). */
function compareIn(layer: Layer, a: RenderedManifest, b: RenderedManifest): number {
  const byName = (x: RenderedManifest, y: RenderedManifest) => {
    const xn = x.manifest.metadata.name;
    const yn = y.manifest.metadata.name;
    if (xn !== yn) return xn < yn ? -1 : 1;
    const xs = x.manifest.metadata.namespace ?? '';
    const ys = y.manifest.metadata.namespace ?? '';
    return xs < ys ? -1 : xs > ys ? 1 : 0;
  };
  if (layer === 'nncp') {
    const d = (a.syncWave ?? 0) - (b.syncWave ?? 0);
    return d !== 0 ? d : byName(a, b);
  }
  return byName(a, b);
}

/**
 * `rendered` (one environment's render, in apply order) with the pass-through objects placed
 * into it. `waveOf(layer)` is the layer's sync wave, undefined when the environment writes none.
 * Each object is copied: the render owns what it returns, the topology keeps what it was given.
 */
export function withPassThrough(
  rendered: readonly RenderedManifest[],
  objects: readonly PassThroughObject[] | undefined,
  origin: Origin,
  waveOf: (layer: Layer) => number | undefined,
): RenderedManifest[] {
  const out = [...rendered];
  for (const o of objects ?? []) {
    const layer = passThroughLayer(o);
    const manifest = copyOf(o) as unknown as Manifest;
    const own = syncWaveOf(o.metadata.annotations);
    const layerWave = waveOf(layer);
    // an object that carries the annotation keeps it, whatever it says (Argo CD reads a non-integer as wave 0)
    if (!carriesSyncWave(o.metadata.annotations) && layerWave !== undefined) {
      manifest.metadata.annotations = { ...(manifest.metadata.annotations ?? {}), [SYNC_WAVE_ANNOTATION]: String(layerWave) };
    }
    const entry: RenderedManifest = { manifest, key: manifestKey(manifest), layer, origin, syncWave: own ?? layerWave, dependsOn: [], asGiven: true };
    out.splice(insertionIndex(out, entry), 0, entry);
  }
  return out;
}

/**
 * A deep copy of plain data, built from this realm's arrays and objects (structuredClone's
 * come from the realm that defines it, which `instanceof Array` checks elsewhere — Pulumi's input
 * serialization among them — need not accept); own `__proto__` keys stay own keys.
 */
function copyOf(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copyOf);
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: copyOf(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

/** Where `entry` goes in `list`: inside its layer by the layer's order, never before a derived object's primary ends. */
function insertionIndex(list: readonly RenderedManifest[], entry: RenderedManifest): number {
  const rank = LAYER_ORDER.indexOf(entry.layer);
  let end = list.length;
  for (let i = 0; i < list.length; i++) {
    const r = LAYER_ORDER.indexOf(list[i].layer);
    if (r > rank) {
      end = i;
      break;
    }
  }
  if (entry.layer === 'prerequisites') return end;
  for (let i = 0; i < end; i++) {
    const r = list[i];
    if (r.layer !== entry.layer || r.derivedFrom !== undefined) continue;
    if (compareIn(entry.layer, entry, r) < 0) return i;
  }
  return end;
}
