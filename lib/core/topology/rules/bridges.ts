/**
 * NAD ↔ NNCP rules about the bridge a NAD plugs into: that an NNCP creates it (as a Linux
 * bridge), that the NAD's MTU fits the uplink below it, and the warnings about where the bridge
 * exists (host-local IPAM) and how VMs use it (macspoofchk).
 */
import { joinPath } from '../../path';
import { bridgeDefs, mtuCap, MtuCap, presentDefs, RuleContext } from './context';
import { NadInfo, NncpIface } from './model';
import { who } from './report';
import { selectorsCompatible, selectsOneNode } from './selectors';

function policies(defs: readonly NncpIface[]): string {
  return [...new Set(defs.map((d) => who(d.policy.ref)))].join(', ');
}

/** Present VM NICs of the set that use a NAD. */
function presentUsers(ctx: RuleContext, nad: NadInfo) {
  return (ctx.model.usersByNad.get(nad.key) ?? []).filter((u) => !u.nic.absent);
}

/**
 * TOPOLOGY_BRIDGE_NOT_CREATED, TOPOLOGY_BRIDGE_NOT_LINUX_BRIDGE (only when the set has NNCPs).
 *
 * Upstream: containernetworking/plugins plugins/main/bridge/bridge.go — `setupBridge` calls
 * `ensureBridge`, which `netlink.LinkAdd`s the bridge (default name `cni0`) and ignores EEXIST,
 * so a bridge no NNCP created is silently made on the node, with no uplink port; `bridgeByName`
 * then fails `"%q already exists but is not a bridge"` when the name is another link type.
 */
export function checkBridgesCreated(ctx: RuleContext): void {
  const { model, findings } = ctx;
  if (model.nncps.length === 0) return;
  for (const nad of model.nads) {
    if (nad.flavour !== 'bridge' || nad.bridge === undefined) continue;
    const path = joinPath(nad.mainPath, 'bridge');
    const all = model.ifacesByName.get(nad.bridge) ?? [];
    const present = all.filter((d) => !d.absent);
    const other = present.find((d) => d.type !== undefined && d.type !== 'linux-bridge');
    if (other) {
      findings.add(
        'TOPOLOGY_BRIDGE_NOT_LINUX_BRIDGE',
        nad.ref,
        path,
        `bridge ${JSON.stringify(nad.bridge)} is created by ${who(other.policy.ref)} (${other.path}) as type ${JSON.stringify(other.type)}, not linux-bridge; the ${nad.main?.type} plugin fails with "already exists but is not a bridge"`,
        other.type === 'ovs-bridge'
          ? 'use an OVS NAD (ovs-cni) or an OVN localnet for an OVS bridge, or create a linux-bridge for this NAD'
          : `create ${JSON.stringify(nad.bridge)} as type linux-bridge, or point the NAD at a Linux bridge`,
      );
      continue;
    }
    if (present.some((d) => d.type === 'linux-bridge')) continue;
    // Only removed: TOPOLOGY_BRIDGE_ABSENT_IN_USE reports it on the NNCP when VMs still use it.
    if (all.length > 0 && present.length === 0 && presentUsers(ctx, nad).length > 0) continue;
    findings.add(
      'TOPOLOGY_BRIDGE_NOT_CREATED',
      nad.ref,
      path,
      all.length > 0 && present.length === 0
        ? `bridge ${JSON.stringify(nad.bridge)} is only set state: absent by ${policies(all)}, yet this NAD still points at it; the next pod using the NAD makes the ${nad.main?.type} plugin create an empty, isolated bridge with no uplink`
        : `bridge ${JSON.stringify(nad.bridge)}${nad.main?.bridge === undefined ? ' (the plugin default)' : ''} is not created by any of the ${model.nncps.length} NodeNetworkConfigurationPolicies of the set; the ${nad.main?.type} plugin will create an empty, isolated bridge with no uplink on whatever node the pod lands`,
      all.length > 0 && present.length === 0
        ? 'remove the NAD together with its bridge (network state: absent drops both), or keep the bridge'
        : `add a linux-bridge ${JSON.stringify(nad.bridge)} with its uplink port to an NNCP, or point the NAD at a bridge an NNCP creates`,
    );
  }
}

function capMessage(nad: NadInfo, cap: MtuCap): string {
  return `mtu ${nad.mtu} is above the MTU ${cap.mtu} that ${who(cap.def.policy.ref)} declares on ${JSON.stringify(cap.iface)} (${cap.def.path}.mtu), below the NAD's ${nad.flavour === 'bridge' ? `bridge ${JSON.stringify(nad.bridge)}` : `master ${JSON.stringify(nad.master)}`}; the guest sends frames the uplink drops`;
}

/**
 * TOPOLOGY_MTU_ABOVE_UPLINK: NAD `mtu` above the MTU declared on the bridge/master chain.
 * Upstream: bridge.go `setupVeth` gives the pod veth the NAD `mtu`; KubeVirt passes the pod
 * interface MTU to the guest NIC (kubevirt/kubevirt#18845).
 */
export function checkNadMtu(ctx: RuleContext): void {
  const { model, findings } = ctx;
  const memo = new Map<NncpIface, MtuCap | null>();
  for (const nad of model.nads) {
    if (nad.mtu === undefined) continue;
    const tops =
      nad.flavour === 'bridge' && nad.bridge !== undefined
        ? bridgeDefs(model, nad.bridge)
        : (nad.flavour === 'macvlan' || nad.flavour === 'ipvlan') && nad.master !== undefined
          ? presentDefs(model, nad.master)
          : [];
    let low: MtuCap | undefined;
    for (const d of tops) {
      const cap = mtuCap(model, d, memo);
      if (cap && (!low || cap.mtu < low.mtu)) low = cap;
    }
    if (low && nad.mtu > low.mtu) {
      findings.add('TOPOLOGY_MTU_ABOVE_UPLINK', nad.ref, joinPath(nad.mainPath, 'mtu'), capMessage(nad, low), `lower the NAD mtu to ${low.mtu} or less, or raise the MTU on ${JSON.stringify(low.iface)} and everything between it and the bridge in the same policy`);
    }
  }
}

/**
 * TOPOLOGY_MTU_ABOVE_LOWER: a VLAN MTU above the MTU another NNCP declares on its base (within
 * one policy it is the nmstate validator's business). Upstream: torvalds/linux
 * net/8021q/vlan_dev.c vlan_dev_change_mtu returns -ERANGE above the real device's MTU.
 */
export function checkVlanMtu(ctx: RuleContext): void {
  const { model, findings } = ctx;
  for (const p of model.nncps) {
    for (const v of p.ifaces) {
      if (v.absent || v.mtu === undefined || v.vlanBase === undefined) continue;
      if (p.ifaces.some((i) => i.name === v.vlanBase && !i.absent)) continue;
      const base = presentDefs(model, v.vlanBase).find((b) => b.mtu !== undefined && b.mtu < v.mtu! && b.policy !== p && selectorsCompatible(b.policy.selector, p.selector));
      if (!base) continue;
      findings.add(
        'TOPOLOGY_MTU_ABOVE_LOWER',
        p.ref,
        joinPath(v.path, 'mtu'),
        `VLAN ${JSON.stringify(v.name)} asks for mtu ${v.mtu}, but ${who(base.policy.ref)} sets its base ${JSON.stringify(base.name)} to mtu ${base.mtu} (${base.path}.mtu); the kernel refuses a VLAN MTU above its parent's`,
        `raise the MTU of ${JSON.stringify(base.name)} to ${v.mtu} or lower the VLAN's; set both in one policy`,
      );
    }
  }
}

/**
 * TOPOLOGY_HOST_LOCAL_MULTI_NODE (only when the set has NNCPs): a bridge NAD with host-local IPAM
 * whose bridge is not pinned to one node. Upstream: containernetworking/plugins
 * plugins/ipam/host-local/backend/disk keeps the allocations in a per-node directory.
 */
export function checkHostLocal(ctx: RuleContext): void {
  const { model, findings } = ctx;
  if (model.nncps.length === 0) return;
  for (const nad of model.nads) {
    if (nad.flavour !== 'bridge' || nad.bridge === undefined || nad.ipamType !== 'host-local') continue;
    const defs = bridgeDefs(model, nad.bridge);
    if (defs.length > 0 && defs.every((d) => selectsOneNode(d.policy.selector))) continue;
    findings.add(
      'TOPOLOGY_HOST_LOCAL_MULTI_NODE',
      nad.ref,
      joinPath(nad.mainPath, 'ipam', 'type'),
      defs.length > 0
        ? `host-local IPAM keeps its allocations per node, and bridge ${JSON.stringify(nad.bridge)} is on every node matching ${policies(defs)}; two nodes hand out the same address on one L2 (and a migrated VM gets a new one)`
        : `host-local IPAM keeps its allocations per node, and no NNCP of the set pins bridge ${JSON.stringify(nad.bridge)} to one node; several nodes can hand out the same address on one L2`,
      'use whereabouts (cluster-wide), an L2-only NAD ("ipam": {}) with addresses from cloud-init or DHCP, or pin the bridge to one node',
    );
  }
}

/**
 * TOPOLOGY_MACSPOOFCHK_OFF: bridge NADs used by a VM without macspoofchk. Upstream: bridge.go
 * `NetConf.MacSpoofChk` defaults to false; `link.NewSpoofChecker` runs only when it is set.
 */
export function checkMacSpoofCheck(ctx: RuleContext): void {
  const { model, findings } = ctx;
  for (const nad of model.nads) {
    if (nad.flavour !== 'bridge' || nad.macspoofchk === true) continue;
    const users = presentUsers(ctx, nad);
    if (users.length === 0) continue;
    findings.add(
      'TOPOLOGY_MACSPOOFCHK_OFF',
      nad.ref,
      joinPath(nad.mainPath, 'macspoofchk'),
      `macspoofchk is ${nad.macspoofchk === false ? 'false' : 'not set (default false)'} while ${users.map((u) => `${who(u.vm.ref)} (${u.nic.name})`).slice(0, 3).join(', ')}${users.length > 3 ? ` and ${users.length - 3} more` : ''} use the NAD; a guest can send frames with any source MAC`,
      'set "macspoofchk": true (needs nftables on the nodes)',
    );
  }
}
