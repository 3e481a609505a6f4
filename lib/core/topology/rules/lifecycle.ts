/**
 * Lifecycle rules: the set compared with the previously synthesized one. Removing host
 * interfaces and VM NICs is two-phase (ARCHITECTURE.md "Ordering and lifecycle"): first render
 * them `state: absent`, then drop them. Skipping the first phase leaves interfaces on the nodes
 * (kubernetes-nmstate ignores what a policy no longer mentions) or forces a VM restart.
 */
import { joinPath } from '../../path';
import { isRecord } from '../../problems';
import { RuleContext } from './context';
import { NncpIface, NncpInfo, readSet, VmInfo } from './model';
import { who } from './report';
import { formatSelector, selectorImplies, selectorsCompatible } from './selectors';

/** True when dropping this entry from a policy leaves something behind on the node. */
function leavesState(i: NncpIface): boolean {
  if (i.absent) return false;
  // A physical NIC only set `up` (seed 001 `eno49`) has nothing to tear down.
  return !(i.type === 'ethernet' && !i.hasIp);
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (!isRecord(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = canonical(v[k]);
  return out;
}

function withoutState(raw: Record<string, unknown>): string {
  const { state: _state, ...rest } = raw;
  void _state;
  return JSON.stringify(canonical(rest));
}

/** TOPOLOGY_POLICY_REMOVED_WITHOUT_ABSENT, TOPOLOGY_IFACE_REMOVED_WITHOUT_ABSENT, TOPOLOGY_POLICY_SELECTOR_NARROWED, TOPOLOGY_VM_IFACE_*. */
export function checkLifecycle(ctx: RuleContext): void {
  const { model, findings, options } = ctx;
  if (!options.previous) return;
  const prev = readSet(options.previous);
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
