/**
 * What the NNCP comparison needs to know about one side of the diff: which interfaces carry a
 * default route, and which VMs depend on an interface (through the NADs on a bridge, a macvlan
 * master or a localnet mapping, following VLANs and bridge ports down to the NIC).
 */
import { isRecord } from '../problems';
import type { SetModel, VmInfo } from '../topology/rules/model';
import { nncpRoutes } from '../topology/rules/read-nncp';

/** Destinations of a default route (nmstate writes them in full). */
const DEFAULT_DESTINATIONS: ReadonlySet<string> = new Set(['0.0.0.0/0', '::/0']);

/** True when an ipv4/ipv6 block takes a default gateway from DHCP/autoconf (nmstate `auto-gateway` defaults to true). */
function dynamicGateway(v: unknown): boolean {
  if (!isRecord(v) || v.enabled === false) return false;
  if (v.dhcp !== true && v.autoconf !== true) return false;
  return v['auto-gateway'] !== false && v['auto-routes'] !== false;
}

/** One side's host facts, computed once. */
export class HostSide {
  /** Interfaces a default route leaves through (static routes, or DHCP/autoconf with a gateway). */
  public readonly defaultRouteIfaces = new Set<string>();
  /** Interfaces some present entry defines. */
  public readonly defined = new Set<string>();
  private readonly upper = new Map<string, Set<string>>();

  constructor(public readonly model: SetModel) {
    for (const p of model.nncps) {
      for (const i of p.ifaces) {
        if (i.absent) continue;
        this.defined.add(i.name);
        if (dynamicGateway(i.raw.ipv4) || dynamicGateway(i.raw.ipv6)) this.defaultRouteIfaces.add(i.name);
        for (const port of i.ports) this.link(port.name, i.name);
        if (i.vlanBase) this.link(i.vlanBase, i.name);
      }
      for (const { route: r } of nncpRoutes(p.manifest)) {
        if (r.state !== 'absent' && typeof r.destination === 'string' && DEFAULT_DESTINATIONS.has(r.destination) && typeof r['next-hop-interface'] === 'string') this.defaultRouteIfaces.add(r['next-hop-interface']);
      }
    }
  }

  private link(lower: string, upper: string): void {
    const s = this.upper.get(lower) ?? new Set<string>();
    s.add(upper);
    this.upper.set(lower, s);
  }

  /** `name` and every interface stacked on it (bridges it is a port of, VLANs on it, and so on). */
  public stackedOn(name: string): Set<string> {
    const seen = new Set<string>([name]);
    const todo = [name];
    while (todo.length) {
      for (const u of this.upper.get(todo.pop()!) ?? []) {
        if (!seen.has(u)) {
          seen.add(u);
          todo.push(u);
        }
      }
    }
    return seen;
  }

  /** True when `name` or an interface it is a port/base of carries a default route. */
  public carriesDefaultRoute(name: string): boolean {
    for (const n of this.stackedOn(name)) if (this.defaultRouteIfaces.has(n)) return true;
    return false;
  }

  /** Running VMs whose NICs reach the wire through `name` (NAD bridge/master on it or on an interface stacked on it, or a localnet mapped to such a bridge). */
  public vmsThrough(name: string): VmInfo[] {
    const ifaces = this.stackedOn(name);
    const bridges = new Set(ifaces);
    for (const [localnet, maps] of this.model.mappingsByLocalnet) {
      if (maps.some((m) => !m.absent && m.bridge !== undefined && ifaces.has(m.bridge))) bridges.add(`localnet:${localnet}`);
    }
    const through = (nad: SetModel['nads'][number]) =>
      (nad.bridge !== undefined && nad.flavour === 'bridge' && bridges.has(nad.bridge)) || (nad.master !== undefined && bridges.has(nad.master)) || (nad.physicalNetwork !== undefined && bridges.has(`localnet:${nad.physicalNetwork}`));
    return runningUsers(this.model, this.model.nads.filter(through).map((n) => n.key));
  }
}

/** Running VMs of `model` whose (not unplugged) NICs name one of the NADs `nadKeys` (`namespace/name`), by namespace/name. */
export function runningUsers(model: SetModel, nadKeys: readonly string[]): VmInfo[] {
  const vms = new Map<string, VmInfo>();
  for (const key of nadKeys) for (const u of model.usersByNad.get(key) ?? []) if (u.vm.running && !u.nic.absent) vms.set(`${u.vm.namespace}/${u.vm.name}`, u.vm);
  return [...vms.values()].sort((a, b) => (`${a.namespace}/${a.name}` < `${b.namespace}/${b.name}` ? -1 : 1));
}

/** `ns/name, ns/name, … (+N more)` for messages. */
export function vmList(vms: readonly VmInfo[], max = 4): string {
  const names = vms.map((v) => `${v.namespace}/${v.name}`);
  return names.length > max ? `${names.slice(0, max).join(', ')} (+${names.length - max} more)` : names.join(', ');
}


