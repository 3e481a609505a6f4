/** The OVN-Kubernetes secondary-network plugin (ovn-kubernetes/ovn-kubernetes go-controller). */
import { Rec } from '../../../field-reader';
import { joinPath } from '../../../path';
import { isRecord, show } from '../../../problems';
import { cidrContainsCidr, Cidr, formatCidr, parseCidr } from '../../addr';
import { checkMtu } from '../common-fields';
import { NadContext } from '../context';

const TOPOLOGIES = ['layer3', 'layer2', 'localnet'];
const LAYER2_ONLY = ['infrastructureSubnets', 'reservedSubnets', 'defaultGatewayIPs'];
const LOCALNET_ONLY = ['vlanID', 'physicalNetworkName'];
const TRANSPORTS = ['no-overlay', 'evpn'];

/**
 * An ovn-k8s-cni-overlay config: topology, network name, netAttachDefName, the fields each
 * topology allows, subnets and mtu (ovn-kubernetes go-controller pkg/config/cni.go,
 * pkg/util/multi_network.go).
 */
export function checkOvnOverlay(ctx: NadContext, p: Rec, path: string, top: Rec): void {
  const topology = p.topology;
  // ovn-kubernetes go-controller/pkg/config/cni.go ParseNetConf: no topology = the default
  // network's NAD; pkg/util/multi_network.go newNetInfo "topology %s not supported".
  if (typeof topology !== 'string' || !TOPOLOGIES.includes(topology)) {
    ctx.add('CNI_OVN_TOPOLOGY_INVALID', joinPath(path, 'topology'), topology === undefined || topology === ''
      ? 'topology is missing; OVN-Kubernetes then treats the NAD as its default cluster network, not a secondary network'
      : `topology is ${show(topology)}; allowed: ${TOPOLOGIES.join(', ')}`, 'set "topology": "localnet" (physical network), "layer2" or "layer3"');
    return;
  }
  // config/cni.go ValidateNetConfNameFields: name must be set and not "default"/"ovn-kubernetes"
  // (the conflist name when the plugin sits in a list).
  const name = (p === top ? p.name : top.name) ?? p.name;
  const namePath = joinPath(p === top ? path : 'spec.config', 'name');
  if (typeof name !== 'string' || name === '' || name === 'default' || name === 'ovn-kubernetes') {
    ctx.add('CNI_OVN_NAME_INVALID', namePath, `name is ${show(name)}; an OVN secondary network needs a name other than "default" and "ovn-kubernetes" (it is the cluster-wide network identity)`, `set "name" to the network name shared by every NAD of this network`);
  }
  // multi_network.go ValidateNetConf "net-attach-def name (%s) is inconsistent with config (%s)".
  const nadRef = p.netAttachDefName;
  const expected = ctx.namespace !== undefined ? `${ctx.namespace}/${ctx.nadName}` : undefined;
  const ok = typeof nadRef === 'string' && (expected !== undefined ? nadRef === expected : /^[^/]+\//.test(nadRef) && nadRef.split('/')[1] === ctx.nadName && nadRef.split('/').length === 2);
  if (!ok) {
    const want = expected ?? `<namespace>/${ctx.nadName}`;
    ctx.add('CNI_OVN_NAD_NAME_MISMATCH', joinPath(path, 'netAttachDefName'), `netAttachDefName is ${show(nadRef)}; OVN-Kubernetes requires ${show(want)} (namespace/name of this NAD)`, `set "netAttachDefName": "${want}"`);
  }
  const reject = (key: string, msg: string, fix: string): void => ctx.add('CNI_OVN_FIELD_NOT_FOR_TOPOLOGY', joinPath(path, key), msg, fix);
  const role = p.role;
  // multi_network.go ValidateNetConf: role value set, role on localnet, persistent IPs on
  // layer3, joinSubnet on localnet, ipam key, primary layer2 without subnets, layer2-only keys.
  if (typeof role === 'string' && role !== '' && role !== 'primary' && role !== 'secondary') reject('role', `role is ${show(role)}; allowed: primary, secondary`, 'use "secondary" (default) or "primary"');
  else if (topology === 'localnet' && typeof role === 'string' && role !== '' && role !== 'secondary') reject('role', `role is ${show(role)} on a localnet network; localnet is always secondary`, 'drop role');
  if (topology === 'layer3' && p.allowPersistentIPs === true) reject('allowPersistentIPs', 'allowPersistentIPs is true on layer3; OVN-Kubernetes allows persistent IPs only on layer2 and localnet', 'drop allowPersistentIPs or use layer2/localnet');
  if (topology === 'localnet' && typeof p.joinSubnet === 'string' && p.joinSubnet !== '') reject('joinSubnet', `joinSubnet is ${show(p.joinSubnet)} on localnet; localnet has no services, so no join subnet`, 'drop joinSubnet');
  if (role === 'primary' && topology === 'layer2' && (typeof p.subnets !== 'string' || p.subnets.trim() === '')) reject('subnets', 'a primary layer2 network needs subnets', 'set "subnets"');
  for (const k of LAYER2_ONLY) {
    if (topology !== 'layer2' && typeof p[k] === 'string' && p[k] !== '') reject(k, `${k} is only supported for layer2 topology (this is ${topology})`, `drop ${k}`);
  }
  // multi_network.go ValidateNetConf: "invalid transport %q: must be one of [no-overlay evpn]",
  // "outboundSNAT is only valid when transport is \"no-overlay\"", "invalid outboundSNAT %q".
  const transport = p.transport;
  if (typeof transport === 'string' && transport !== '' && !TRANSPORTS.includes(transport)) {
    ctx.add('CNI_OVN_TRANSPORT_INVALID', joinPath(path, 'transport'), `transport is ${show(transport)}; allowed: ${TRANSPORTS.join(', ')} (absent = the Geneve overlay)`, 'use "no-overlay" or "evpn", or drop transport');
  }
  const snat = p.outboundSNAT;
  if (typeof snat === 'string' && snat !== '') {
    if (transport !== 'no-overlay') ctx.add('CNI_OVN_TRANSPORT_INVALID', joinPath(path, 'outboundSNAT'), `outboundSNAT is ${show(snat)} but transport is ${show(transport ?? '(unset)')}: "outboundSNAT is only valid when transport is \"no-overlay\""`, 'drop outboundSNAT, or set "transport": "no-overlay"');
    else if (snat !== 'enabled' && snat !== 'disabled') ctx.add('CNI_OVN_TRANSPORT_INVALID', joinPath(path, 'outboundSNAT'), `outboundSNAT is ${show(snat)}; allowed: enabled, disabled`, 'use "enabled" or "disabled"');
  }
  const ipam = p.ipam;
  if (isRecord(ipam) && typeof ipam.type === 'string' && ipam.type !== '') {
    reject('ipam', `ipam.type is ${show(ipam.type)}; OVN-Kubernetes refuses an ipam block ("IPAM key is not supported. Use OVN-K provided IPAM via the subnets attribute")`, 'drop ipam and set "subnets"');
  }
  // Only newLocalnetNetConfInfo reads vlanID / physicalNetworkName.
  if (topology !== 'localnet') {
    for (const k of LOCALNET_ONLY) {
      if (p[k] !== undefined && p[k] !== null && p[k] !== 0 && p[k] !== '') {
        ctx.add('CNI_OVN_LOCALNET_ONLY_FIELD', joinPath(path, k), `${k} is ${show(p[k])} on a ${topology} network; only localnet reads it, so it is ignored`, `drop ${k} or use topology localnet`);
      }
    }
  }
  if (topology === 'localnet') checkLocalnetFields(ctx, p, path);
  const subnets = checkOvnSubnets(ctx, p, path, topology);
  checkMtu(ctx, p, path);
  checkOvnMtu(ctx, p, path, subnets);
  // multi-homing.md: allowPersistentIPs "Only makes sense if the subnets attribute is also defined"
  if (topology !== 'layer3' && p.allowPersistentIPs === true && subnets?.length === 0) {
    ctx.add('CNI_OVN_PERSISTENT_IPS_WITHOUT_SUBNETS', joinPath(path, 'allowPersistentIPs'), 'allowPersistentIPs is true but the network has no subnets; OVN-Kubernetes allocates no address, so there is nothing to persist (guests configure their own addresses)', 'set "subnets" for OVN IPAM, or drop allowPersistentIPs');
  }
}

/** `vlanID` and `physicalNetworkName` of a localnet. */
function checkLocalnetFields(ctx: NadContext, p: Rec, path: string): void {
  // types.go VLANID int (a string or fraction is CNI_FIELD_TYPE, profiles.ts); the localnet
  // controller tags the localnet port when non-zero (TagRequest); cudn.go AccessVLANConfig: 1..4094.
  const vlan = p.vlanID;
  if (typeof vlan === 'number' && Number.isInteger(vlan) && (vlan < 0 || vlan > 4094)) {
    ctx.add('CNI_OVN_VLAN_ID_INVALID', joinPath(path, 'vlanID'), `vlanID is ${show(vlan)}; allowed: an integer 1..4094 (0 or absent = untagged)`, 'set "vlanID" to the VLAN of the physical network (1..4094), or drop it for untagged traffic');
  }
  // nmstate rust/src/lib/ovn.rs: ovn-bridge-mappings is "<localnet>:<bridge>,…"; cudn.go: no ',' or ':'.
  const physnet = p.physicalNetworkName;
  if (typeof physnet === 'string' && /[,:]/.test(physnet)) {
    ctx.add('CNI_OVN_PHYSICAL_NETWORK_INVALID', joinPath(path, 'physicalNetworkName'), `physicalNetworkName is ${show(physnet)}; it may not contain "," or ":", the separators of the node's ovn-bridge-mappings ("<localnet>:<bridge>,…")`, 'use a name without "," and ":" (e.g. "physnet-400"), the same as the NNCP ovn.bridge-mappings localnet');
  }
}

/** mtu ≥ 1280 when a subnet is IPv6 (cudn.go LocalnetConfig/shared.go CEL; linux net/ipv6/addrconf.c IPV6_MIN_MTU). */
function checkOvnMtu(ctx: NadContext, p: Rec, path: string, subnets: Cidr[] | undefined): void {
  const mtu = p.mtu;
  if (typeof mtu !== 'number' || mtu <= 0 || mtu >= 1280 || !subnets?.some((c) => c.ip.kind() === 'ipv6')) return;
  ctx.add('CNI_OVN_MTU_INVALID', joinPath(path, 'mtu'), `mtu is ${mtu} on a network with an IPv6 subnet; IPv6 needs at least 1280 (the kernel disables IPv6 on the pod interface below it)`, 'raise mtu to 1280 or more, or drop the IPv6 subnet');
}

/** `subnets` and `excludeSubnets` (layer3 subnets may carry a host prefix); the parsed subnets, undefined when invalid. */
function checkOvnSubnets(ctx: NadContext, p: Rec, path: string, topology: string): Cidr[] | undefined {
  // config/utils.go ParseClusterSubnetEntriesWithDefaults; util/multi_network.go parseSubnets.
  const parse = (key: string, hostLenAllowed: boolean): Cidr[] | undefined => {
    const v = p[key];
    if (typeof v !== 'string' || v.trim() === '') return [];
    const out: Cidr[] = [];
    for (const raw of v.split(',')) {
      const entry = raw.trim();
      const parts = entry.split('/');
      const c = parts.length >= 2 && parts.length <= 3 ? parseCidr(`${parts[0]}/${parts[1]}`) : undefined;
      let err: string | undefined;
      if (!c) err = `${show(entry)} is not a CIDR`;
      else if (parts.length === 3) {
        const hl = /^[0-9]+$/.test(parts[2]) ? Number(parts[2]) : NaN;
        const v6 = c.ip.kind() === 'ipv6';
        if (!hostLenAllowed) err = `${show(entry)} has a host prefix, which only layer3 subnets may have`;
        else if (Number.isNaN(hl)) err = `${show(entry)} has a non-numeric host prefix`;
        else if (v6 && hl !== 64) err = `${show(entry)}: IPv6 only supports /64 host subnets`;
        else if (!v6 && hl > 32) err = `${show(entry)}: the IPv4 host prefix must be ≤ 32`;
        else if (hl <= c.prefix) err = `${show(entry)}: the host prefix must be longer than the subnet prefix ${c.prefix}`;
      } else if (hostLenAllowed) {
        const hl = c.ip.kind() === 'ipv6' ? 64 : 24;
        if (hl <= c.prefix) err = `${show(entry)}: layer3 assumes a /${hl} per node, which must be longer than the subnet prefix (write "${entry}/<host prefix>")`;
      }
      if (err) {
        ctx.add('CNI_OVN_SUBNETS_INVALID', joinPath(path, key), `${key} ${err}; allowed: comma-separated CIDRs${hostLenAllowed ? ' with an optional host prefix (10.128.0.0/14/23)' : ''}`, `fix ${key}`);
        return undefined;
      }
      out.push(c!);
    }
    return out;
  };
  const subnets = parse('subnets', topology === 'layer3');
  const excludes = topology === 'layer3' ? [] : parse('excludeSubnets', false);
  if (!subnets || !excludes) return subnets;
  // multi_network.go newLocalnetNetConfInfo/newLayer2NetConfInfo: validateSubnetContainment(excludes, subnets)
  // fails for every exclude when there are no subnets (NewExcludedSubnetNotContainedError)
  for (const ex of excludes) {
    if (!subnets.some((s) => cidrContainsCidr(s, ex))) {
      const why = subnets.length === 0 ? 'but the network has no subnets (OVN-Kubernetes rejects excludeSubnets without them)' : `is not inside any of subnets ${show(p.subnets)}`;
      ctx.add('CNI_OVN_SUBNETS_INVALID', joinPath(path, 'excludeSubnets'), `excludeSubnets entry ${formatCidr(ex)} ${why}`, subnets.length === 0 ? 'set "subnets" (OVN IPAM) or drop excludeSubnets' : 'exclude only addresses inside subnets');
      return subnets;
    }
  }
  return subnets;
}
