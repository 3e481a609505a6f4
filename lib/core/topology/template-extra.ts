/**
 * How a VM's `templateExtra` (escape hatch) is merged into the `spec.template.spec` multihome
 * renders. Merge rules:
 *
 * - mappings merge recursively: `{ domain: { cpu: { cores: 4 } } }` adds `domain.cpu` and keeps
 *   `domain.devices` and `domain.resources`; `{ nodeSelector: { zone: a } }` adds a label;
 * - arrays and scalars from templateExtra replace the rendered value (`tolerations`,
 *   `domain.devices.disks`, `evictionStrategy`, …);
 * - the network sections are multihome's: `networks`, `domain.devices.interfaces` and the
 *   cloud-init volume and its disk (the entries named {@link CLOUD_INIT_VOLUME} of `volumes` and
 *   `domain.devices.disks`). They always stay as rendered; a templateExtra value for them that
 *   differs from the rendered one is a problem (`TOPOLOGY_TEMPLATE_EXTRA_OWNED`, naming both),
 *   never a silent replace. Other entries of `volumes`/`disks` given in templateExtra replace the
 *   rendered ones (the container disk), the cloud-init entry is kept after them.
 */
import { isRecord, show } from '../problems';

/** Name of the cloud-init volume and disk a rendered VM carries (render-vm.ts). */
export const CLOUD_INIT_VOLUME = 'cloudinitdisk';

/** One templateExtra value that contradicts a section multihome owns. */
export interface OwnedConflict {
  /** Path inside templateExtra, e.g. `networks`, `domain.devices.interfaces`, `volumes[cloudinitdisk]`. */
  readonly path: string;
  /** What templateExtra gives there. */
  readonly given: unknown;
  /** What multihome renders there (undefined when it renders nothing, e.g. no cloud-init volume). */
  readonly rendered: unknown;
}

/** Paths (in `spec.template.spec`) multihome owns as a whole. */
const OWNED_WHOLE: readonly string[] = ['networks', 'domain.devices.interfaces'];
/** Array paths whose entry named {@link CLOUD_INIT_VOLUME} multihome owns. */
const OWNED_ENTRY: readonly string[] = ['volumes', 'domain.devices.disks'];

/** True when `a` and `b` are the same JSON value (mapping key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameJson(a[k], b[k]));
  }
  return false;
}

/** The entry named `name` of an array of `{ name }` mappings. */
function named(list: unknown, name: string): unknown {
  return Array.isArray(list) ? list.find((e) => isRecord(e) && e.name === name) : undefined;
}

/**
 * Merges `extra` into `rendered` (a VM's `spec.template.spec`, not modified) by the rules above;
 * returns the merged spec and the conflicts with multihome's sections.
 */
export function mergeTemplateExtra(rendered: Readonly<Record<string, unknown>>, extra: Readonly<Record<string, unknown>>): { spec: Record<string, unknown>; conflicts: OwnedConflict[] } {
  const conflicts: OwnedConflict[] = [];
  const spec = mergeAt(rendered, extra, '', conflicts);
  return { spec, conflicts };
}

/** Recursive merge of two mappings at `path` (dotted, '' for the root). */
function mergeAt(base: Readonly<Record<string, unknown>>, extra: Readonly<Record<string, unknown>>, path: string, conflicts: OwnedConflict[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(base)) out[k] = base[k];
  for (const k of Object.keys(extra)) {
    const given = extra[k];
    if (given === undefined) continue;
    const p = path ? `${path}.${k}` : k;
    const mine = base[k];
    if (OWNED_WHOLE.includes(p)) {
      if (!sameJson(given, mine)) conflicts.push({ path: p, given, rendered: mine });
    } else if (OWNED_ENTRY.includes(p) && Array.isArray(given)) {
      out[k] = withOwnedEntry(given, mine, p, conflicts);
    } else if (isRecord(given) && isRecord(mine)) {
      out[k] = mergeAt(mine, given, p, conflicts);
    } else {
      out[k] = given;
    }
  }
  return out;
}

/** `given` (an array templateExtra sets) with the rendered cloud-init entry kept, or a conflict. */
function withOwnedEntry(given: readonly unknown[], mine: unknown, path: string, conflicts: OwnedConflict[]): unknown[] {
  const renderedEntry = named(mine, CLOUD_INIT_VOLUME);
  const givenEntry = named(given, CLOUD_INIT_VOLUME);
  if (givenEntry !== undefined && !sameJson(givenEntry, renderedEntry)) conflicts.push({ path: `${path}[${CLOUD_INIT_VOLUME}]`, given: givenEntry, rendered: renderedEntry });
  const out = given.filter((e) => !(isRecord(e) && e.name === CLOUD_INIT_VOLUME));
  if (renderedEntry !== undefined) out.push(renderedEntry);
  return out;
}

/** Message and fix of a conflict, for `TOPOLOGY_TEMPLATE_EXTRA_OWNED`. */
export function ownedConflictText(c: OwnedConflict): { path: string; message: string; fix: string } {
  return {
    path: `templateExtra.${c.path}`,
    message: `templateExtra.${c.path} is ${show(c.given)} but multihome renders ${show(c.rendered)} there: the network sections (networks, domain.devices.interfaces, the ${CLOUD_INIT_VOLUME} volume and disk) are rendered from the attachments`,
    fix: `remove ${c.path} from templateExtra; declare NICs with network.attach(vm, { ... }) and cloud-init with userData`,
  };
}
