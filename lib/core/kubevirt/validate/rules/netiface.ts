/** Interfaces and their networks: `pkg/network/admitter/netiface.go`. */
import * as ipaddr from 'ipaddr.js';
import { joinPath } from '../../../path';
import { show } from '../../../problems';
import { isUnicast, macAddressError } from '../../mac';
import { VmInterfaceModel, VmPortProtocol } from '../../types';
import { VmContext } from '../context';
import { ifaceLabel, IfaceView, netLabel } from '../views';

const MODELS: readonly string[] = Object.values(VmInterfaceModel);
const PROTOCOLS: readonly string[] = ['', ...Object.values(VmPortProtocol)];

/** `pkg/network/admitter/netiface.go` validateInterfaceNameFormat. */
const INTERFACE_NAME = /^[A-Za-z0-9-_]+$/;
/** `pkg/util/hardware/hw_utils.go` PCI_ADDRESS_PATTERN. */
const PCI_ADDRESS = /^([\da-fA-F]{4}):([\da-fA-F]{2}):([\da-fA-F]{2})\.([0-7]{1})$/;

/** k8s.io/apimachinery `validation.IsValidPortName` (IANA service name); returns why not, or undefined. */
function portNameError(name: string): string | undefined {
  if (name.length > 15) return 'must be no more than 15 characters';
  if (!/^[-a-z0-9]+$/.test(name)) return 'must contain only lowercase alphanumerics and hyphens';
  if (!/[a-z]/.test(name)) return 'must contain at least one letter';
  if (name.includes('--')) return 'must not contain consecutive hyphens';
  if (name.startsWith('-') || name.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

/** Go `net.ParseIP(s).To4() != nil`: dotted IPv4 without leading zeros, or IPv4-mapped IPv6. */
function isGoIPv4(s: string): boolean {
  const octet = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
  if (new RegExp(`^${octet}(\\.${octet}){3}$`).test(s)) return true;
  if (!s.includes(':') || !ipaddr.IPv6.isValid(s)) return false;
  return ipaddr.IPv6.parse(s).isIPv4MappedAddress();
}

/** netiface.go validateNetworkNameUnique / validateInterfaceNameUnique. */
export function checkUniqueNames(ctx: VmContext): void {
  const seenNet = new Set<string>();
  for (const n of ctx.nets) {
    if (n.name === undefined) continue;
    if (seenNet.has(n.name)) ctx.add('KUBEVIRT_DUPLICATE_NETWORK_NAME', joinPath(n.path, 'name'), `network name ${show(n.name)} is used twice; every network must have a unique name`, 'rename one of the networks (and its interface)');
    seenNet.add(n.name);
  }
  const seenIface = new Set<string>();
  for (const i of ctx.ifaces) {
    if (i.name === undefined) continue;
    if (seenIface.has(i.name)) ctx.add('KUBEVIRT_DUPLICATE_INTERFACE_NAME', joinPath(i.path, 'name'), `interface name ${show(i.name)} is used twice; only one interface can be connected to one specific network`, 'give each interface its own network');
    seenIface.add(i.name);
  }
}

/** netiface.go validateNetworksAssignedToInterfaces / validateInterfacesAssignedToNetworks: pairs by name. */
export function checkInterfaceNetworkPairs(ctx: VmContext): void {
  for (const n of ctx.nets) {
    if (n.name !== undefined && !ctx.ifaceByName.has(n.name)) {
      ctx.add('KUBEVIRT_NETWORK_WITHOUT_INTERFACE', joinPath(n.path, 'name'), `${netLabel(n)} has no interface of the same name in domain.devices.interfaces`, `add an interface named ${show(n.name)} (e.g. bridge: {}), or remove the network`);
    }
  }
  for (const i of ctx.ifaces) {
    if (i.name !== undefined && !ctx.netByName.has(i.name)) {
      ctx.add('KUBEVIRT_INTERFACE_WITHOUT_NETWORK', joinPath(i.path, 'name'), `${ifaceLabel(i)} has no network of the same name in networks`, `add a network named ${show(i.name)} (pod: {} or multus: {networkName}), or remove the interface`);
    }
  }
}

/** netiface.go validateInterfacesFields: name format, model, MAC, PCI address, ports, DHCP options, per interface. */
export function checkInterfaceFields(ctx: VmContext): void {
  for (const i of ctx.ifaces) {
    checkNameFormat(ctx, i);
    checkModel(ctx, i);
    checkMacAddress(ctx, i);
    checkPciAddress(ctx, i);
    checkPorts(ctx, i);
    checkDhcpOptions(ctx, i);
  }
}

// validateInterfaceNameFormat
function checkNameFormat(ctx: VmContext, i: IfaceView): void {
  if (i.name !== undefined && !INTERFACE_NAME.test(i.name)) {
    ctx.add('KUBEVIRT_INTERFACE_NAME_INVALID', joinPath(i.path, 'name'), `interface name ${show(i.name)} may only contain letters, digits, dashes (-) and underscores (_)`, 'rename the interface and its network, e.g. to [a-z0-9-]{1,63}');
  }
}

// validateInterfaceModel; igb is in validInterfaceModels since v1.4 (commit 2f58d9ca9f, PR #11754)
function checkModel(ctx: VmContext, i: IfaceView): void {
  if (i.model === undefined || i.model === '') return;
  const models = ctx.has('igbModel') ? MODELS : MODELS.filter((m) => m !== VmInterfaceModel.IGB);
  if (!models.includes(i.model)) {
    const why = MODELS.includes(i.model) ? ` (igb is admitted since KubeVirt v1.4; the target is v${ctx.version.text})` : '';
    ctx.add('KUBEVIRT_INTERFACE_MODEL_INVALID', joinPath(i.path, 'model'), `${ifaceLabel(i)} has model ${show(i.model)}; allowed: ${models.join(', ')}${why}`, 'use virtio (the default) unless the guest lacks drivers');
  }
}

// validateMacAddress (link.ValidateMacAddress); multicast: libvirt virDomainNetDefParseXML
function checkMacAddress(ctx: VmContext, i: IfaceView): void {
  if (i.macAddress !== undefined && i.macAddress !== '') {
    const err = macAddressError(i.macAddress);
    if (err) {
      ctx.add('KUBEVIRT_MAC_INVALID', joinPath(i.path, 'macAddress'), `${ifaceLabel(i)} has ${err}; expected 6 bytes like 02:4a:be:00:00:01, 02-4A-BE-00-00-01 or 024a.be00.0001`, 'write a 6-byte MAC, e.g. from MacAllocator');
    } else if (!isUnicast(i.macAddress)) {
      ctx.add('KUBEVIRT_MAC_MULTICAST', joinPath(i.path, 'macAddress'), `${ifaceLabel(i)} has macAddress ${show(i.macAddress)}, a multicast address (lowest bit of the first byte set); libvirt refuses it and the VM does not start`, 'use a unicast, locally administered MAC: first byte x2, x6, xA or xE (e.g. 02:…)');
    }
  }
}

// validatePciAddress (hardware.ParsePciAddress)
function checkPciAddress(ctx: VmContext, i: IfaceView): void {
  if (i.pciAddress !== undefined && i.pciAddress !== '' && !PCI_ADDRESS.test(i.pciAddress)) {
    ctx.add('KUBEVIRT_PCI_ADDRESS_INVALID', joinPath(i.path, 'pciAddress'), `${ifaceLabel(i)} has malformed PCI address ${show(i.pciAddress)}; expected dddd:bb:ss.f (hex domain, bus, slot; function 0-7)`, 'write it like 0000:81:01.0');
  }
}

// validatePortConfiguration: only for interfaces on the pod network, and only when ports is set.
function checkPorts(ctx: VmContext, i: IfaceView): void {
  const net = ctx.networkOf(i);
  if (!net?.pod || !i.ports) return;
  const names = new Set<string>();
  for (const p of i.ports) {
    if (p.name !== undefined && p.name !== '') {
      if (names.has(p.name)) ctx.add('KUBEVIRT_PORT_NAME_DUPLICATE', joinPath(p.path, 'name'), `${ifaceLabel(i)} has two ports named ${show(p.name)}`, 'give each forwarded port its own name');
      const why = portNameError(p.name);
      if (why) ctx.add('KUBEVIRT_PORT_NAME_INVALID', joinPath(p.path, 'name'), `${ifaceLabel(i)} port name ${show(p.name)} is not a valid IANA service name: it ${why}`, 'use up to 15 lowercase letters, digits and single hyphens, e.g. http');
      names.add(p.name);
    }
    if (p.port === undefined || p.port === 0) {
      ctx.add('KUBEVIRT_PORT_INVALID', joinPath(p.path, 'port'), `${ifaceLabel(i)} forwarded port has no port number`, 'set port to 1..65535');
    } else if (p.port < 0 || p.port >= 65536) {
      ctx.add('KUBEVIRT_PORT_INVALID', joinPath(p.path, 'port'), `${ifaceLabel(i)} forwards port ${p.port}; allowed 1..65535`, 'set port to 1..65535');
    }
    if (p.protocol !== undefined && !PROTOCOLS.includes(p.protocol)) {
      ctx.add('KUBEVIRT_PORT_PROTOCOL_INVALID', joinPath(p.path, 'protocol'), `${ifaceLabel(i)} port protocol ${show(p.protocol)}; only TCP or UDP allowed`, 'use TCP (the default) or UDP, upper case');
    }
  }
}

// validateDHCPOptions
function checkDhcpOptions(ctx: VmContext, i: IfaceView): void {
  if (!i.dhcp) return;
  const seen = new Set<number>();
  for (const o of i.dhcp.privateOptions) {
    const op = joinPath(o.path, 'option');
    const v = o.option ?? 0;
    if (seen.has(v)) ctx.add('KUBEVIRT_DHCP_PRIVATE_OPTION_DUPLICATE', op, `${ifaceLabel(i)} repeats DHCP private option ${v}`, 'list each private option once');
    seen.add(v);
    if (v < 224 || v > 254) ctx.add('KUBEVIRT_DHCP_PRIVATE_OPTION_INVALID', op, `${ifaceLabel(i)} DHCP private option ${v} is out of range; must be 224..254`, 'use a site-specific option number 224..254');
  }
  for (const s of i.dhcp.ntpServers) {
    if (!isGoIPv4(s.value)) ctx.add('KUBEVIRT_DHCP_NTP_SERVER_INVALID', s.path, `${ifaceLabel(i)} NTP server ${show(s.value)} is not an IPv4 address`, 'list NTP servers as IPv4 addresses');
  }
}
