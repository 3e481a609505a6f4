/**
 * NAD ↔ NNCP rules about the bridge a NAD plugs into: that an NNCP creates it (as a Linux
 * bridge), that the NAD's MTU fits the uplink below it, and the warnings about where the bridge
 * exists (resourceName, host-local IPAM) and how VMs use it (macspoofchk).
 */
import { joinPath } from '../../path';
import { BRIDGE_RESOURCE_PREFIX } from '../../cni';
import { bridgeDefs, mtuCap, MtuCap, presentDefs, RuleContext } from './context';
import { NadInfo } from './model';
import { who } from './report';
import { formatSelector, selectsOneNode } from './selectors';

function policies(defs: ReadonlyArray<{ policy: { ref: { kind: string; name?: string } } }>): string {
  return [...new Set(defs.map((d) => who(d.policy.ref)))].join(', ');
}

/** TOPOLOGY_BRIDGE_NOT_CREATED, TOPOLOGY_BRIDGE_NOT_LINUX_BRIDGE (only when the set has NNCPs). */
export function checkBridgesCreated(ctx: RuleContext): void {
  const { model, findings } = ctx;
  if (model.nncps.length === 0) return;
  for (const nad of model.nads) {
    if (nad.flavour !== 'bridge' || nad.bridge === undefined) continue;
    const path = joinPath(nad.mainPath, 'bridge');
    const all = model.ifacesByName.get(nad.bridge) ?? [];
    const present = all.filter((d) => !d.absent);
    if (all.length === 0) {
      findings.add(
        'TOPOLOGY_BRIDGE_NOT_CREATED',
        nad.ref,
        path,
        `bridge ${JSON.stringify(nad.bridge)} is not created by any of the ${model.nncps.length} NodeNetworkConfigurationPolicies of the set; the ${nad.main?.type} plugin will create an empty, isolated bridge with no uplink on whatever node the pod lands`,
        `add a linux-bridge ${JSON.stringify(nad.bridge)} with its uplink port to an NNCP, or point the NAD at a bridge an NNCP creates`,
      );
      continue;
    }
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
    }
  }
}

function capMessage(nad: NadInfo, cap: MtuCap): string {
  return `mtu ${nad.mtu} is above the MTU ${cap.mtu} that ${who(cap.def.policy.ref)} declares on ${JSON.stringify(cap.iface)} (${cap.def.path}.mtu), below the NAD's ${nad.flavour === 'bridge' ? `bridge ${JSON.stringify(nad.bridge)}` : `master ${JSON.stringify(nad.master)}`}; the guest sends frames the uplink drops`;
}

/** TOPOLOGY_MTU_ABOVE_UPLINK: NAD `mtu` above the MTU declared on the bridge/master chain. */
export function checkNadMtu(ctx: RuleContext): void {
  const { model, findings } = ctx;
  const memo = new Map<string, MtuCap | null>();
  for (const nad of model.nads) {
    if (nad.mtu === undefined) continue;
    const top = nad.flavour === 'bridge' ? nad.bridge : nad.flavour === 'macvlan' || nad.flavour === 'ipvlan' ? nad.master : undefined;
    if (top === undefined) continue;
    const cap = mtuCap(model, top, memo);
    if (cap && nad.mtu > cap.mtu) {
      findings.add('TOPOLOGY_MTU_ABOVE_UPLINK', nad.ref, joinPath(nad.mainPath, 'mtu'), capMessage(nad, cap), `lower the NAD mtu to ${cap.mtu} or less, or raise the MTU on ${JSON.stringify(cap.iface)} and everything between it and the bridge in the same policy`);
    }
  }
}

/** TOPOLOGY_MTU_ABOVE_LOWER: a VLAN MTU above the MTU another NNCP declares on its base. */
export function checkVlanMtu(ctx: RuleContext): void {
  const { model, findings } = ctx;
  for (const p of model.nncps) {
    for (const v of p.ifaces) {
      if (v.absent || v.mtu === undefined || v.vlanBase === undefined) continue;
      if (p.ifaces.some((i) => i.name === v.vlanBase && !i.absent)) continue; // same policy: the nmstate validator's business
      for (const base of presentDefs(model, v.vlanBase)) {
        if (base.mtu !== undefined && base.mtu < v.mtu) {
          findings.add(
            'TOPOLOGY_MTU_ABOVE_LOWER',
            p.ref,
            joinPath(v.path, 'mtu'),
            `VLAN ${JSON.stringify(v.name)} asks for mtu ${v.mtu}, but ${who(base.policy.ref)} sets its base ${JSON.stringify(base.name)} to mtu ${base.mtu} (${base.path}.mtu); the kernel refuses a VLAN MTU above its parent's`,
            `raise the MTU of ${JSON.stringify(base.name)} to ${v.mtu} or lower the VLAN's; set both in one policy`,
          );
          break;
        }
      }
    }
  }
}

/** TOPOLOGY_RESOURCE_NAME_MISSING and TOPOLOGY_HOST_LOCAL_MULTI_NODE (only when the set has NNCPs). */
export function checkBridgePlacementHints(ctx: RuleContext): void {
  const { model, findings } = ctx;
  if (model.nncps.length === 0) return;
  for (const nad of model.nads) {
    if (nad.flavour !== 'bridge' || nad.bridge === undefined) continue;
    const defs = bridgeDefs(model, nad.bridge);
    if (nad.resourceName === undefined && defs.length > 0 && defs.every((d) => Object.keys(d.policy.selector).length > 0)) {
      findings.add(
        'TOPOLOGY_RESOURCE_NAME_MISSING',
        nad.ref,
        'metadata.annotations',
        `bridge ${JSON.stringify(nad.bridge)} exists only on the nodes of ${defs.map((d) => `${who(d.policy.ref)} (${formatSelector(d.policy.selector)})`).join(', ')}, and the NAD has no k8s.v1.cni.cncf.io/resourceName, so nothing keeps pods using it off the other nodes`,
        `annotate the NAD with k8s.v1.cni.cncf.io/resourceName: ${BRIDGE_RESOURCE_PREFIX}${nad.bridge} (bridge-marker publishes it on nodes that have the bridge)`,
      );
    }
    if (nad.ipamType === 'host-local' && !(defs.length > 0 && defs.every((d) => selectsOneNode(d.policy.selector)))) {
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
}

/** TOPOLOGY_MACSPOOFCHK_OFF: bridge NADs used by a VM without macspoofchk. */
export function checkMacSpoofCheck(ctx: RuleContext): void {
  const { model, findings } = ctx;
  for (const nad of model.nads) {
    if (nad.flavour !== 'bridge' || nad.macspoofchk === true) continue;
    const users = (model.usersByNad.get(nad.key) ?? []).filter((u) => !u.nic.absent);
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
