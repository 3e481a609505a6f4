/**
 * The first phase of a NIC hot-unplug on a VM spec (`vm.unplug(name)` in cdk8s): the attachment
 * is kept and rendered `state: absent` (KubeVirt removes it from the running VMI; bridge binding
 * only). A name that matches no attachment is a problem, not a silent no-op.
 */
import { Problem } from '../errors';
import { show } from '../problems';
import { VmSpec } from './model';
import { Findings } from './rules/report';

/** Name of an attachment as `unplug` matches it: its interface name, else its network. */
function attachmentName(a: VmSpec['attachments'][number]): string {
  return a.name ?? a.network;
}

/**
 * `vm` with the attachment named `name` set absent, or `vm` unchanged and a
 * `TOPOLOGY_UNPLUG_UNKNOWN` problem (path `attachments`) listing the names it has.
 */
export function unplugAttachment(vm: VmSpec, name: string): { readonly vm: VmSpec; readonly problems: Problem[] } {
  const known = vm.attachments.map(attachmentName);
  if (known.includes(name)) {
    return { vm: { ...vm, attachments: vm.attachments.map((a) => (attachmentName(a) === name ? { ...a, state: 'absent' as const } : a)) }, problems: [] };
  }
  const findings = new Findings();
  findings.add(
    'TOPOLOGY_UNPLUG_UNKNOWN',
    { kind: 'VirtualMachine', name: vm.name, namespace: vm.namespace },
    'attachments',
    `unplug(${show(name)}): the VM has no attachment of that name (known: ${known.length ? known.map((k) => show(k)).join(', ') : 'none'}); the pod network cannot be unplugged, and an attachment added after unplug() is not affected`,
    known.length ? `call vm.unplug() with one of ${known.map((k) => show(k)).join(', ')}, after network.attach(vm, ...)` : 'attach the NIC first (network.attach(vm, { name })), then unplug it in a later change',
  );
  return { vm, problems: findings.problems };
}
