import { sortJsonKeys } from './json';
import { DhcpIpamConfig, HostLocalIpamConfig, IpamConfig, JsonObject, StaticIpamConfig, WhereaboutsIpamConfig } from './types';

/** A route handed out by IPAM (`{dst, gw?}`, containernetworking/cni `pkg/types/types.go` Route). */
export interface IpamRoute {
  /** Destination CIDR, e.g. `0.0.0.0/0`. */
  readonly dst: string;
  /** Next hop; @default - the IPAM gateway */
  readonly gw?: string;
}

/** Options of {@link Ipam.static}. */
export interface StaticIpamOptions {
  /**
   * Fixed addresses (CIDR) with optional gateway.
   * @default - none: addresses come from the selection element's `ips` (`capabilities.ips`)
   */
  readonly addresses?: ReadonlyArray<{ readonly address: string; readonly gateway?: string }>;
  /** @default - no routes */
  readonly routes?: readonly IpamRoute[];
  /** Resolver settings; @default - none */
  readonly dns?: { readonly nameservers?: readonly string[]; readonly domain?: string; readonly search?: readonly string[] };
}

/** Options of {@link Ipam.hostLocal}. */
export interface HostLocalIpamOptions {
  /** Network address in CIDR form, e.g. `10.1.0.0/24`. */
  readonly subnet: string;
  /** @default - the first address after the network address */
  readonly rangeStart?: string;
  /** @default - the last address before broadcast */
  readonly rangeEnd?: string;
  /** @default - the first address of the subnet */
  readonly gateway?: string;
  /** @default - no routes */
  readonly routes?: readonly IpamRoute[];
  /** @default - /var/lib/cni/networks */
  readonly dataDir?: string;
}

/** Options of {@link Ipam.whereabouts}. */
export interface WhereaboutsIpamOptions {
  /** @default - the first usable address of the range */
  readonly rangeStart?: string;
  /** @default - the last usable address of the range */
  readonly rangeEnd?: string;
  /** CIDRs or single IPs never handed out. @default - none */
  readonly exclude?: readonly string[];
  /** @default - no gateway */
  readonly gateway?: string;
  /** Separate pool per network name (same range in several networks). @default - one pool per range */
  readonly networkName?: string;
  /** @default - no routes */
  readonly routes?: readonly IpamRoute[];
}

/** Options of {@link Ipam.dhcp}. */
export interface DhcpIpamOptions {
  /** @default "/run/cni/dhcp.sock" (the plugin's default) */
  readonly daemonSocketPath?: string;
}

const routes = (r: readonly IpamRoute[] | undefined): JsonObject[] | undefined =>
  r && r.length > 0 ? r.map((x) => ({ dst: x.dst, ...(x.gw !== undefined ? { gw: x.gw } : {}) })) : undefined;

function compact<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

/**
 * The IPAM block of a CNI config. Build one with a static factory — `Ipam.none()` (L2 only,
 * `{}`: the KubeVirt default for bridge-bound NICs), `Ipam.static(...)`, `Ipam.hostLocal(...)`,
 * `Ipam.whereabouts(range)`, `Ipam.dhcp()` — or wrap a parsed block with `Ipam.fromConfig`.
 * @see https://www.cni.dev/plugins/current/ipam/
 */
export class Ipam {
  /** No IPAM (`"ipam": {}`): the attachment is L2 only; the guest configures its own addresses. */
  static none(): Ipam {
    return new Ipam({});
  }

  /** Static addresses (plugins/ipam/static). */
  static static(options: StaticIpamOptions = {}): Ipam {
    const cfg: StaticIpamConfig = compact({
      type: 'static',
      addresses: options.addresses?.map((a) => compact({ address: a.address, gateway: a.gateway })),
      routes: routes(options.routes) as StaticIpamConfig['routes'],
      dns: options.dns
        ? (compact({ nameservers: options.dns.nameservers ? [...options.dns.nameservers] : undefined, domain: options.dns.domain, search: options.dns.search ? [...options.dns.search] : undefined }) as JsonObject)
        : undefined,
    });
    return new Ipam(cfg);
  }

  /**
   * Per-node allocation from a subnet (plugins/ipam/host-local). Validation warns about it on
   * shared L2 networks: every node allocates independently (kubevirt/kubevirt#7967).
   */
  static hostLocal(options: HostLocalIpamOptions): Ipam {
    const cfg: HostLocalIpamConfig = compact({
      type: 'host-local',
      subnet: options.subnet,
      rangeStart: options.rangeStart,
      rangeEnd: options.rangeEnd,
      gateway: options.gateway,
      routes: routes(options.routes) as HostLocalIpamConfig['routes'],
      dataDir: options.dataDir,
    });
    return new Ipam(cfg);
  }

  /** Cluster-wide allocation from `range` (CIDR) with k8snetworkplumbingwg/whereabouts. */
  static whereabouts(range: string, options: WhereaboutsIpamOptions = {}): Ipam {
    const cfg: WhereaboutsIpamConfig = compact({
      type: 'whereabouts',
      range,
      range_start: options.rangeStart,
      range_end: options.rangeEnd,
      exclude: options.exclude ? [...options.exclude] : undefined,
      gateway: options.gateway,
      network_name: options.networkName,
      routes: routes(options.routes) as WhereaboutsIpamConfig['routes'],
    });
    return new Ipam(cfg);
  }

  /** Leases from a DHCP server on the attached network (needs the CNI dhcp daemon on every node). */
  static dhcp(options: DhcpIpamOptions = {}): Ipam {
    const cfg: DhcpIpamConfig = compact({ type: 'dhcp', daemonSocketPath: options.daemonSocketPath });
    return new Ipam(cfg);
  }

  /** Wraps an IPAM block read from an existing config (every key kept). */
  static fromConfig(config: IpamConfig): Ipam {
    return new Ipam(sortJsonKeys(config) as IpamConfig);
  }

  private constructor(private readonly config: IpamConfig) {}

  /** The IPAM plugin type; undefined for {@link Ipam.none}. */
  get type(): string | undefined {
    return typeof this.config.type === 'string' ? this.config.type : undefined;
  }

  /** The JSON block to put under `ipam` (a fresh copy). */
  toConfig(): IpamConfig {
    return JSON.parse(JSON.stringify(this.config)) as IpamConfig;
  }
}
