/**
 * The record of a semantic diff: one change between two manifest sets (the previous output and
 * the new one), classified by what it does to nodes and VMs when applied. `multihome diff`
 * prints these (text, JSON, Markdown, SARIF), the Pulumi components report them in
 * `pulumi preview`.
 */

/** Whether the object is new, gone or changed. */
export type ChangeKind = 'added' | 'removed' | 'modified';

/**
 * What applying the change does:
 * - `node-disruptive`: host networking is interrupted (ports enslaved or released, the
 *   default-route interface touched, MTU lowered, bond mode changed, VLAN id of a network VMs use
 *   changed, host interface removed under VMs);
 * - `needs-absent-first`: a host interface, route or bridge mapping (or a NAD a VM still names)
 *   removed without the `state: absent` phase: it stays on the nodes (or breaks the VM);
 * - `replace`: a field the API refuses to change: the object is deleted and created again;
 * - `vm-restart`: a running VM gets RestartRequired; the change reaches it at the next restart;
 * - `vm-live-migration`: KubeVirt applies it by live-migrating the running VM;
 * - `vm-in-place`: KubeVirt applies it to the running VM without migration or restart;
 * - `nad-stale`: a NAD's config changed while VMs use it: running VMs keep the old config until restarted;
 * - `vm-guest-config`: cloud-init networkData changed: the guest applies it only on a new instance-id;
 * - `in-place`: applied as is, nothing running is disrupted (a new network, a new VM, a new host interface);
 * - `removal`: an object is deleted and nothing is left behind (a NAD no VM names, a policy whose
 *   interfaces were already absent) — or, for a VM, the VM itself is deleted;
 * - `cosmetic`: no effect on nodes or VMs (metadata, formatting, key order, sync waves).
 */
export type ChangeClass =
  | 'node-disruptive'
  | 'needs-absent-first'
  | 'replace'
  | 'vm-restart'
  | 'vm-live-migration'
  | 'vm-in-place'
  | 'nad-stale'
  | 'vm-guest-config'
  | 'in-place'
  | 'removal'
  | 'cosmetic';

/** Every change class, most disruptive first (the order reports group by). */
export const CHANGE_CLASSES: readonly ChangeClass[] = [
  'node-disruptive',
  'needs-absent-first',
  'replace',
  'vm-restart',
  'nad-stale',
  'vm-guest-config',
  'vm-live-migration',
  'vm-in-place',
  'in-place',
  'removal',
  'cosmetic',
];

/** How much a reviewer must care: `error` breaks or leaks something, `warning` disrupts, `info` is safe. */
export type ChangeSeverity = 'error' | 'warning' | 'info';

/** One classified change of one object. */
export interface Change {
  /** Kind of the object (`NodeNetworkConfigurationPolicy`, `NetworkAttachmentDefinition`, …). */
  readonly kind: string;
  /** Namespace; undefined for cluster-scoped objects. */
  readonly namespace?: string;
  readonly name: string;
  /** Field path inside the object the change is about (`spec.desiredState.interfaces[2].mtu`); empty for the whole object. */
  readonly path: string;
  readonly change: ChangeKind;
  readonly class: ChangeClass;
  readonly severity: ChangeSeverity;
  /** What changed and what it does, in the reviewer's terms. */
  readonly message: string;
  /** What to do about it (empty when nothing needs doing). */
  readonly fix: string;
}
