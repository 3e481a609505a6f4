/**
 * Lifecycle rules: the set compared with the previously synthesized one. Removing host
 * interfaces and VM NICs is two-phase (ARCHITECTURE.md "Ordering and lifecycle"): first render
 * them `state: absent`, then drop them. Skipping the first phase leaves interfaces on the nodes
 * (nmstate applies a partial desired state: what a policy no longer mentions is left alone, and
 * `oc delete nncp` "does not delete any created objects, such as a bridge interface" —
 * openshift/openshift-docs modules/node-network-configuration-policy-file.adoc) or forces a VM
 * restart (kubevirt/kubevirt pkg/network/vmliveupdate/restart.go). A NAD removed while a VM
 * still names it stops the VM from starting again (pkg/network/multus/nad.go).
 */
import { joinPath } from '../../path';
import { canonicalJson } from './canonical';
import { RuleContext } from './context';
import { NncpIface, NncpInfo, VmInfo } from './model';
import { who } from './report';
import { formatSelector, selectorImplies, selectorsCompatible } from './selectors';

/** True when dropping this entry from a policy leaves something behind on the node. */
export function leavesState(i: Pick<NncpIface, 'absent' | 'type' | 'hasIp'>): boolean {
  if (i.absent) return false;
  // A physical NIC only set `up` (seed 001 `eno49`) has nothing to tear down.
  return !(i.type === 'ethernet' && !i.hasIp);
}

/** A VM interface as KubeVirt compares it for live update: everything but `state`. */
function withoutState(raw: Record<string, unknown>): string {
  const { state: _state, ...rest } = raw;
  void _state;
  return canonicalJson(rest);
}

/**
 * TOPOLOGY_POLICY_REMOVED_WITHOUT_ABSENT, TOPOLOGY_IFACE_REMOVED_WITHOUT_ABSENT,
 * TOPOLOGY_POLICY_SELECTOR_NARROWED, TOPOLOGY_NAD_REMOVED_IN_USE, TOPOLOGY_VM_IFACE_*; only when
 * the previous set is given.
 */
export function checkLifecycle(ctx: RuleContext): void {
  const { model, findings, previous: prev } = ctx;
  if (!prev) return;
  const current = new Map<string, NncpInfo>(model.nncps.map((p) => [p.name, p]));
  /** The interface is still defined (present or absent) by some current policy that may select the same nodes. */
  const stillDefined = (name: string, was: NncpInfo, except?: NncpInfo): boolean =>
    (model.ifacesByName.get(name) ?? []).some((d) => d.policy !== except && selectorsCompatible(d.policy.selector, was.selector));

  for (const p of prev.nncps) {
    const cur = current.get(p.name);
    const leftovers = p.ifaces.filter((i) => leavesState(i));
    if (!cur) {
      const leaked = leftovers.filter((i) => !stillDefined(i.name, p));
      if (leaked.length) {
        findings.add(
          'TOPOLOGY_POLICY_REMOVED_WITHOUT_ABSENT',
          p.ref,
          'spec.desiredState.interfaces',
          `the previous set had this policy with ${leaked.map((i) => `${JSON.stringify(i.name)} (state ${i.state})`).join(', ')}; the current set drops the policy, and deleting an NNCP leaves its interfaces on ${formatSelector(p.selector)}`,
          `keep ${who(p.ref)} one more release with those interfaces rendered state: absent (network/uplink state: 'absent'), apply it, then remove it`,
        );
      }
      continue;
    }
    const curNames = new Set(cur.ifaces.map((i) => i.name));
    for (const i of leftovers) {
      if (curNames.has(i.name) || stillDefined(i.name, p, cur)) continue;
      findings.add(
        'TOPOLOGY_IFACE_REMOVED_WITHOUT_ABSENT',
        cur.ref,
        'spec.desiredState.interfaces',
        `interface ${JSON.stringify(i.name)} (${i.type ?? 'interface'}, previously ${i.path}) is no longer in the policy and was never rendered state: absent; kubernetes-nmstate ignores interfaces a policy stops mentioning, so it stays on ${formatSelector(p.selector)}`,
        `render ${JSON.stringify(i.name)} with state: absent in this policy first, apply, and drop it in a later change`,
      );
    }
    if (leftovers.length && cur.ifaces.some((i) => !i.absent) && !selectorImplies(p.selector, cur.selector)) {
      findings.add(
        'TOPOLOGY_POLICY_SELECTOR_NARROWED',
        cur.ref,
        'spec.nodeSelector',
        `nodeSelector changed from ${formatSelector(p.selector)} to ${formatSelector(cur.selector)}; nodes that matched before and no longer do keep the interfaces (${leftovers.map((i) => i.name).join(', ')}) as they were`,
        'to move a configuration off nodes, render it absent with the old selector first, then change the selector',
      );
    }
  }

  for (const vm of model.vms) {
    for (const nic of vm.nics) {
      if (!nic.nadKey || model.nadsByKey.has(nic.nadKey)) continue;
      const was = prev.nadsByKey.get(nic.nadKey);
      if (!was) continue;
      findings.add(
        'TOPOLOGY_NAD_REMOVED_IN_USE',
        vm.ref,
        nic.network ? joinPath(nic.network.path, 'multus', 'networkName') : nic.path,
        `network ${JSON.stringify(nic.name)} still names ${who(was.ref)}, which the previous set had and this one removes; the running VM keeps its NIC, but it cannot start or migrate again ("failed to locate network attachment definition")`,
        nic.absent
          ? 'keep the NAD until the hot-unplug has completed and the interface is gone from the VM, then remove the NAD'
          : `unplug the interface first (state: absent), then remove the NAD (and the network) in a later change`,
      );
    }
  }

  const vms = new Map<string, VmInfo>(model.vms.map((v) => [`${v.ref.kind}/${v.namespace}/${v.name}`, v]));
  for (const pv of prev.vms) {
    const cur = vms.get(`${pv.ref.kind}/${pv.namespace}/${pv.name}`);
    if (!cur || !cur.running) continue;
    const nics = new Map(cur.nics.map((n) => [n.name, n]));
    for (const old of pv.nics) {
      const now = nics.get(old.name);
      if (!now) {
        if (old.absent) continue;
        findings.add(
          'TOPOLOGY_VM_IFACE_REMOVED_WITHOUT_ABSENT',
          cur.ref,
          joinPath(cur.base, 'domain', 'devices', 'interfaces'),
          `interface ${JSON.stringify(old.name)} (previously ${old.path}) was removed without first being state: absent; the running VM gets RestartRequired instead of a hot-unplug`,
          `render ${JSON.stringify(old.name)} with state: absent (attachment state: 'absent') for one release, then remove it`,
        );
      } else if (withoutState(old.raw) !== withoutState(now.raw)) {
        findings.add(
          'TOPOLOGY_VM_IFACE_CHANGED',
          cur.ref,
          now.path,
          `interface ${JSON.stringify(now.name)} changed beyond its state (was ${withoutState(old.raw)}, now ${withoutState(now.raw)}); KubeVirt cannot apply that live and marks the running VM RestartRequired`,
          'restart the VM after applying, or keep the interface as it was (e.g. pin its macAddress)',
        );
      }
    }
  }
}
