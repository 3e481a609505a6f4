import type { IpConfig } from '../nmstate/types';
import { isAddressList, isPerNodeForm } from './host-addresses';
import type { Cidr, HostIpSpec } from './model';

/** Splits `10.0.0.1/24` into nmstate's `{ip, prefix-length}`. */
export function cidrToAddress(cidr: Cidr): { ip: string; 'prefix-length': number } {
  const slash = cidr.lastIndexOf('/');
  return slash < 0 ? { ip: cidr, 'prefix-length': cidr.includes(':') ? 128 : 32 } : { ip: cidr.slice(0, slash), 'prefix-length': Number(cidr.slice(slash + 1)) };
}

/** The `ipv4`/`ipv6` blocks of a host interface (either may be left out). */
export interface HostIpBlocks {
  ipv4?: IpConfig;
  ipv6?: IpConfig;
}

function ipv4Block(v4: readonly Cidr[], dhcp: boolean | undefined): IpConfig {
  return v4.length > 0 || dhcp ? { enabled: true, dhcp: dhcp ?? false, ...(v4.length ? { address: v4.map(cidrToAddress) } : {}) } : { enabled: false };
}

function ipv6Block(v6: readonly Cidr[], dhcp: boolean | undefined): IpConfig | undefined {
  return v6.length > 0 || dhcp ? { enabled: true, ...(dhcp ? { dhcp: true, autoconf: true } : {}), ...(v6.length ? { address: v6.map(cidrToAddress) } : {}) } : undefined;
}

/**
 * nmstate `ipv4`/`ipv6` blocks for a host interface in the policy every node of the group gets;
 * `enabled: false` when nothing is configured. A family given per node (a map or a pool) is left
 * out: the per-node policies set it ({@link nodeIpBlocks}), and nmstate keeps what a desired state
 * leaves out, so re-applying the group's policy does not remove a node's address.
 */
export function hostIpBlocks(ip: HostIpSpec | undefined): HostIpBlocks {
  const ipv4 = isPerNodeForm(ip?.ipv4) ? undefined : ipv4Block(isAddressList(ip?.ipv4) ? ip!.ipv4 : [], ip?.dhcp4);
  const ipv6 = isPerNodeForm(ip?.ipv6) ? undefined : ipv6Block(isAddressList(ip?.ipv6) ? ip!.ipv6 : [], ip?.dhcp6);
  return { ...(ipv4 ? { ipv4 } : {}), ...(ipv6 ? { ipv6 } : {}) };
}

/**
 * The blocks of the families `ip` gives per node, with one node's addresses (`ipv4`/`ipv6` of
 * that node): what a per-node policy declares. Families given as a plain list are left out (the
 * group's policy sets them).
 */
export function nodeIpBlocks(ip: HostIpSpec, addresses: { readonly ipv4: readonly Cidr[]; readonly ipv6: readonly Cidr[] }): HostIpBlocks {
  const out: HostIpBlocks = {};
  if (isPerNodeForm(ip.ipv4)) out.ipv4 = ipv4Block(addresses.ipv4, ip.dhcp4);
  if (isPerNodeForm(ip.ipv6)) out.ipv6 = ipv6Block(addresses.ipv6, ip.dhcp6) ?? { enabled: false };
  return out;
}
