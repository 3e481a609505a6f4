/**
 * VLAN rules: a tagged NAD against the VLAN filtering of the bridge the NNCPs build, and NNCPs
 * for overlapping nodes that define the same VLAN, the same VLAN interface or the same port
 * differently (kubernetes-nmstate applies each policy alone, so the last one silently wins).
 */
import { joinPath } from '../../path';
import { isRecord } from '../../problems';
import { bridgeDefs, RuleContext } from './context';
import { NncpIface } from './model';
import { who } from './report';
import { formatSelector, selectorsCompatible } from './selectors';

/** True when a port `vlan:` block lets VLAN `id` through (nmstate bridge_vlan.rs semantics). */
export function portCarries(vlan: Record<string, unknown>, id: number): boolean {
  const mode = vlan.mode ?? 'access';
  if (mode === 'trunk') {
    if (vlan['enable-native'] === true && vlan.tag === id) return true;
    const tags = Array.isArray(vlan['trunk-tags']) ? vlan['trunk-tags'] : [];
    return tags.some((t) => {
      if (!isRecord(t)) return false;
      if (t.id === id) return true;
      const r = t['id-range'];
      return isRecord(r) && typeof r.min === 'number' && typeof r.max === 'number' && r.min <= id && id <= r.max;
    });
  }
  return vlan.tag === id;
}

function filtering(d: NncpIface): boolean {
  return d.ports.some((p) => p.vlan !== undefined && Object.keys(p.vlan).length > 0);
}

/**
 * TOPOLOGY_VLAN_NOT_IN_TRUNK, TOPOLOGY_VLAN_NO_FILTERING, TOPOLOGY_VLAN_SHADOWED.
 *
 * Upstream: containernetworking/plugins plugins/main/bridge/bridge.go — `setupBridge` asks
 * `ensureBridge` for vlan_filtering only when it creates the bridge (EEXIST: the existing
 * bridge is used as it is), and `setupVeth` adds the VLAN to the pod's veth port only, never to
 * the uplink port; so the uplink must carry it (nmstate port `vlan` trunk-tags/access tag), and
 * without filtering the tag isolates nothing. A VLAN sub-interface on the uplink port takes the
 * tagged frames first: torvalds/linux net/core/dev.c __netif_receive_skb_core calls
 * vlan_do_receive before the bridge's rx_handler.
 */
export function checkNadVlans(ctx: RuleContext): void {
  const { model, findings } = ctx;
  let vlansByBase: Map<string, NncpIface[]> | undefined;
  const byBase = (): Map<string, NncpIface[]> => {
    if (vlansByBase) return vlansByBase;
    vlansByBase = new Map();
    for (const p of model.nncps) {
      for (const i of p.ifaces) {
        if (i.absent || i.vlanBase === undefined || i.vlanId === undefined) continue;
        const l = vlansByBase.get(i.vlanBase);
        if (l) l.push(i);
        else vlansByBase.set(i.vlanBase, [i]);
      }
    }
    return vlansByBase;
  };
  for (const nad of model.nads) {
    if (nad.flavour !== 'bridge' || nad.bridge === undefined) continue;
    const ids = [...(nad.vlan !== undefined && nad.vlan > 0 ? [nad.vlan] : []), ...nad.vlanTrunk];
    if (ids.length === 0) continue;
    const path = joinPath(nad.mainPath, nad.vlan !== undefined && nad.vlan > 0 ? 'vlan' : 'vlanTrunk');
    let warnedNoFiltering = false;
    for (const def of bridgeDefs(model, nad.bridge)) {
      if (!filtering(def)) {
        if (!warnedNoFiltering && def.ports.length > 0) {
          warnedNoFiltering = true;
          findings.add(
            'TOPOLOGY_VLAN_NO_FILTERING',
            nad.ref,
            path,
            `the NAD tags VLAN ${ids.join(', ')} on bridge ${JSON.stringify(nad.bridge)}, which ${who(def.policy.ref)} (${def.path}) creates without VLAN filtering (no port has a vlan block); the plugin only enables filtering on bridges it creates, so the tag isolates nothing`,
            `give the uplink port of ${JSON.stringify(nad.bridge)} a vlan block: {mode: trunk, trunk-tags: [{id: ${ids[0]}}]} (VlanBridgeNetwork with the trunk-bridge pattern renders it)`,
          );
        }
        continue;
      }
      const missing = ids.filter((id) => !def.ports.some((p) => p.vlan !== undefined && portCarries(p.vlan, id)));
      if (missing.length) {
        findings.add(
          'TOPOLOGY_VLAN_NOT_IN_TRUNK',
          nad.ref,
          joinPath(nad.mainPath, nad.vlan !== undefined && missing.includes(nad.vlan) ? 'vlan' : 'vlanTrunk'),
          `VLAN ${missing.join(', ')} is not carried by any port of bridge ${JSON.stringify(nad.bridge)} in ${who(def.policy.ref)} (ports: ${def.ports.map((p) => p.name).join(', ') || 'none'}); VLAN filtering drops the VM's frames at the uplink`,
          `add {id: ${missing[0]}} to the trunk-tags of the uplink port in ${who(def.policy.ref)}, or use a VLAN the trunk carries`,
        );
      }
      for (const port of def.ports) {
        for (const v of byBase().get(port.name) ?? []) {
          if (!ids.includes(v.vlanId!) || !selectorsCompatible(v.policy.selector, def.policy.selector)) continue;
          findings.add(
            'TOPOLOGY_VLAN_SHADOWED',
            nad.ref,
            path,
            `VLAN ${v.vlanId} arrives on ${JSON.stringify(port.name)}, a port of bridge ${JSON.stringify(nad.bridge)}, but ${who(v.policy.ref)} also creates the VLAN interface ${JSON.stringify(v.name)} (${v.path}) on it; the kernel hands tagged frames to the VLAN interface before the bridge, so the VM never sees VLAN ${v.vlanId}`,
            `carry VLAN ${v.vlanId} either on the trunk bridge or as ${JSON.stringify(v.name)}, not both`,
          );
        }
      }
    }
  }
}

function describe(d: NncpIface): string {
  return `${who(d.policy.ref)} (${d.path}, nodes ${formatSelector(d.policy.selector)})`;
}

/**
 * Groups entries by a signature and, for every entry whose signature differs from an earlier
 * group's, calls `report` with the first conflicting earlier entry (different policy, overlapping
 * nodes). Cost: entries × distinct signatures.
 */
function conflicts<T extends { policy: NncpIface['policy'] }>(entries: readonly T[], signature: (e: T) => string, report: (later: T, earlier: T) => void): void {
  const firstBySig = new Map<string, T[]>();
  for (const e of entries) {
    const sig = signature(e);
    let reported = false;
    for (const [other, group] of firstBySig) {
      if (other === sig || reported) continue;
      const earlier = group.find((g) => g.policy !== e.policy && selectorsCompatible(g.policy.selector, e.policy.selector));
      if (earlier) {
        report(e, earlier);
        reported = true;
      }
    }
    const g = firstBySig.get(sig);
    if (!g) firstBySig.set(sig, [e]);
    else if (g.length < 8 && !g.some((x) => x.policy === e.policy)) g.push(e);
  }
}

/** TOPOLOGY_VLAN_IFACE_CONFLICT, TOPOLOGY_VLAN_ID_CONFLICT, TOPOLOGY_PORT_CONTROLLER_CONFLICT. */
export function checkNncpConflicts(ctx: RuleContext): void {
  const { model, findings } = ctx;
  // Same VLAN interface name, different base/id.
  for (const defs of model.ifacesByName.values()) {
    const vlans = defs.filter((d) => !d.absent && d.vlanBase !== undefined && d.vlanId !== undefined);
    if (vlans.length < 2) continue;
    conflicts(vlans, (d) => `${d.vlanBase}.${d.vlanId}`, (later, earlier) =>
      findings.add(
        'TOPOLOGY_VLAN_IFACE_CONFLICT',
        later.policy.ref,
        joinPath(later.path, 'vlan'),
        `VLAN interface ${JSON.stringify(later.name)} is base ${later.vlanBase} id ${later.vlanId} here but base ${earlier.vlanBase} id ${earlier.vlanId} in ${describe(earlier)}; on nodes both policies select, whichever is applied last wins`,
        'define the VLAN interface once (one policy), or give the two VLANs different interface names',
      ),
    );
  }
  // Same base + id under different names; same port under different controllers.
  const byVlan = new Map<string, NncpIface[]>();
  const byPort = new Map<string, Array<{ policy: NncpIface['policy']; controller: NncpIface; path: string; port: string }>>();
  for (const p of model.nncps) {
    for (const i of p.ifaces) {
      if (i.absent) continue;
      if (i.vlanBase !== undefined && i.vlanId !== undefined) {
        const k = `${i.vlanBase}\u0000${i.vlanId}`;
        const l = byVlan.get(k);
        if (l) l.push(i);
        else byVlan.set(k, [i]);
      }
      for (const port of i.ports) {
        const e = { policy: p, controller: i, path: port.path, port: port.name };
        const l = byPort.get(port.name);
        if (l) l.push(e);
        else byPort.set(port.name, [e]);
      }
    }
  }
  for (const vlans of byVlan.values()) {
    if (vlans.length < 2) continue;
    conflicts(vlans, (d) => d.name, (later, earlier) =>
      findings.add(
        'TOPOLOGY_VLAN_ID_CONFLICT',
        later.policy.ref,
        joinPath(later.path, 'vlan', 'id'),
        `VLAN ${later.vlanId} on ${JSON.stringify(later.vlanBase)} is created here as ${JSON.stringify(later.name)} and in ${describe(earlier)} as ${JSON.stringify(earlier.name)}; the kernel allows one VLAN device per id and parent, so one of the policies fails on nodes both select`,
        `use one VLAN interface for VLAN ${later.vlanId} and attach it to one bridge; share the bridge between networks instead`,
      ),
    );
  }
  for (const entries of byPort.values()) {
    if (entries.length < 2) continue;
    conflicts(entries, (e) => e.controller.name, (later, earlier) =>
      findings.add(
        'TOPOLOGY_PORT_CONTROLLER_CONFLICT',
        later.policy.ref,
        later.path,
        `${JSON.stringify(later.port)} is a port of ${later.controller.type ?? 'controller'} ${JSON.stringify(later.controller.name)} here and of ${earlier.controller.type ?? 'controller'} ${JSON.stringify(earlier.controller.name)} in ${who(earlier.policy.ref)} (${earlier.path}, nodes ${formatSelector(earlier.policy.selector)}); an interface has one controller, and the policy applied last takes it`,
        `attach ${JSON.stringify(later.port)} to one controller only, or make the two policies select disjoint nodes`,
      ),
    );
  }
}
