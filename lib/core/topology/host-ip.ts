import type { IpConfig } from '../nmstate/types';
import type { Cidr, HostIpSpec } from './model';

/** Splits `10.0.0.1/24` into nmstate's `{ip, prefix-length}`. */
export function cidrToAddress(cidr: Cidr): { ip: string; 'prefix-length': number } {
  const slash = cidr.lastIndexOf('/');
  return slash < 0 ? { ip: cidr, 'prefix-length': cidr.includes(':') ? 128 : 32 } : { ip: cidr.slice(0, slash), 'prefix-length': Number(cidr.slice(slash + 1)) };
}

/** nmstate `ipv4`/`ipv6` blocks for a host interface; `enabled: false` when nothing is configured. */
export function hostIpBlocks(ip: HostIpSpec | undefined): { ipv4: IpConfig; ipv6?: IpConfig } {
  const v4 = ip?.ipv4 ?? [];
  const v6 = ip?.ipv6 ?? [];
  const ipv4: IpConfig =
    v4.length > 0 || ip?.dhcp4
      ? { enabled: true, dhcp: ip?.dhcp4 ?? false, ...(v4.length ? { address: v4.map(cidrToAddress) } : {}) }
      : { enabled: false };
  const ipv6: IpConfig | undefined =
    v6.length > 0 || ip?.dhcp6
      ? { enabled: true, ...(ip?.dhcp6 ? { dhcp: true, autoconf: true } : {}), ...(v6.length ? { address: v6.map(cidrToAddress) } : {}) }
      : undefined;
  return ipv6 ? { ipv4, ipv6 } : { ipv4 };
}
