/**
 * What a VM's guest configures on each NIC, read from its cloud-init networkData: static
 * addresses and DHCP, matched to the VM interface by `match.macaddress` (as cloud-init does),
 * else by the guest name `eth<n>` of the n-th interface (KubeVirt's virtio order).
 */
import { normalizeMac, parseNetworkData } from '../kubevirt';
import { isRecord } from '../problems';
import type { VmInfo } from '../topology/rules/model';

/** Guest-side addressing of one VM interface. */
export interface GuestNic {
  /** Static addresses in CIDR form, as written. */
  readonly addresses: readonly string[];
  /** `dhcp4`, `dhcp6` when enabled. */
  readonly dhcp: readonly string[];
}

interface Entry {
  readonly mac?: string;
  readonly name?: string;
  readonly nic: GuestNic;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function v2Entries(raw: Record<string, unknown>): Entry[] {
  const eths = isRecord(raw.ethernets) ? raw.ethernets : {};
  return Object.entries(eths).map(([id, v]) => {
    const e = isRecord(v) ? v : {};
    const match = isRecord(e.match) ? e.match : {};
    const mac = match.macaddress !== undefined ? normalizeMac(String(match.macaddress)) : undefined;
    const dhcp = (['dhcp4', 'dhcp6'] as const).filter((k) => e[k] === true || e[k] === 'true' || e[k] === 'yes');
    const name = typeof e['set-name'] === 'string' ? e['set-name'] : id;
    return { mac, name, nic: { addresses: strings(e.addresses), dhcp } };
  });
}

function v1Entries(raw: Record<string, unknown>): Entry[] {
  const config = Array.isArray(raw.config) ? raw.config : [];
  return config.filter(isRecord).filter((c) => c.type === 'physical').map((c) => {
    const subnets = Array.isArray(c.subnets) ? c.subnets.filter(isRecord) : [];
    const addresses = subnets.filter((s) => typeof s.address === 'string').map((s) => (typeof s.netmask === 'string' ? `${s.address}/${s.netmask}` : String(s.address)));
    const dhcp = subnets.map((s) => s.type).filter((t): t is string => t === 'dhcp' || t === 'dhcp4' || t === 'dhcp6').map((t) => (t === 'dhcp' ? 'dhcp4' : t));
    return {
      mac: typeof c.mac_address === 'string' ? normalizeMac(c.mac_address) : undefined,
      name: typeof c.name === 'string' ? c.name : undefined,
      nic: { addresses, dhcp: [...new Set(dhcp)] },
    };
  });
}

/**
 * Guest addressing of every interface of `vm` that its networkData configures, by interface
 * name. Unreadable networkData yields an empty map (its problem is reported by validation).
 */
export function guestNics(vm: VmInfo): Map<string, GuestNic> {
  const out = new Map<string, GuestNic>();
  if (!vm.networkData) return out;
  let raw: Record<string, unknown>;
  try {
    raw = parseNetworkData(vm.networkData.text).raw;
  } catch {
    return out;
  }
  const entries = raw.version === 1 ? v1Entries(raw) : v2Entries(raw);
  for (const e of entries) {
    const byMac = e.mac ? vm.nics.find((n) => n.mac === e.mac) : undefined;
    const position = e.name?.match(/^eth(\d+)$/);
    const byName = !e.mac && position ? vm.nics.find((n) => n.index === Number(position[1])) : undefined;
    const nic = byMac ?? byName;
    if (nic && !out.has(nic.name)) out.set(nic.name, e.nic);
  }
  return out;
}
