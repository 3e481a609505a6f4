/**
 * Order between the NNCPs of an environment, derived from the rendered policies alone: a policy
 * that uses an interface another policy creates on nodes both may select (a VLAN's base-iface, a
 * bridge or bond port, a `controller`, a route's next-hop-interface, a mac-vlan/vxlan base) is
 * applied after it. kubernetes-nmstate applies every policy on its own and merges nothing
 * (nmstate/kubernetes-nmstate controllers/handler/nodenetworkconfigurationpolicy_controller.go,
 * kubernetes-nmstate#1101 "RFE: Precedence for applying NNCPs"), so the order must come from
 * the tools that apply them: Argo CD sync waves and Pulumi `dependsOn` (render.ts).
 *
 * A policy that defines again an interface another policy creates, on a strict subset of that
 * policy's nodes (its selector has every label of the other's and more: multihome's per-node
 * address policies, `<policy>-<node>` with `kubernetes.io/hostname`), is applied after it too:
 * the narrower policy refines the wider one's interface on its node.
 */
import { Manifest } from '../manifest';
import { joinPath } from '../path';
import { isRecord } from '../problems';
import { PlannedPolicy, planPolicies, policyNncp } from './render-nncp';
import { ResolvedTopology } from './resolve';
import { NncpInfo } from './rules/model';
import { readNncp } from './rules/read-nncp';
import { selectorImplies, selectorsCompatible } from './rules/selectors';
import { addTo } from '../multimap';

/** One policy a policy builds on: the policy, the interface it uses from it and where. */
export interface PolicyDependency {
  /** Name of the policy that creates the interface. */
  readonly policy: string;
  /** The interface used. */
  readonly iface: string;
  /** Field path of the use in the dependent policy (`spec.desiredState.interfaces[0].vlan.base-iface`). */
  readonly path: string;
}

/** The order between the policies of an environment. */
export interface PolicyOrder {
  /** 0 for a policy that builds on no other, else 1 + the depth of the deepest policy it builds on. */
  readonly depth: ReadonlyMap<string, number>;
  /** The policies each policy builds on, by policy name then interface (one entry per policy). */
  readonly after: ReadonlyMap<string, readonly PolicyDependency[]>;
  /** Every cycle once, as the policy names along it, starting at the smallest name. */
  readonly cycles: ReadonlyArray<readonly string[]>;
  /** The largest depth (0 without dependencies). */
  readonly maxDepth: number;
}

/**
 * Interface types an NNCP does not create (they exist on the node, or refer to one that does);
 * any other present interface with a type is created (or owned) by the policy that lists it.
 */
const NOT_CREATED: ReadonlySet<string> = new Set(['ethernet', 'unknown', 'infiniband', 'loopback']);

/** Interface types whose `<type>.base-iface` names the interface they are built on (nmstate schema). */
const BASE_IFACE_TYPES: readonly string[] = ['vlan', 'mac-vlan', 'mac-vtap', 'vxlan', 'ipvlan', 'infiniband'];

/** The interfaces a policy creates. */
function createdBy(p: NncpInfo): Set<string> {
  const out = new Set<string>();
  for (const i of p.ifaces) if (!i.absent && i.type !== undefined && !NOT_CREATED.has(i.type)) out.add(i.name);
  return out;
}

/** Every interface a policy uses by name, with the path of the use (only of interfaces it keeps up). */
function usesOf(p: NncpInfo): Array<{ iface: string; path: string }> {
  const out: Array<{ iface: string; path: string }> = [];
  for (const i of p.ifaces) {
    if (i.absent) continue;
    for (const port of i.ports) out.push({ iface: port.name, path: port.path });
    if (i.controller !== undefined) out.push({ iface: i.controller, path: joinPath(i.path, 'controller') });
    for (const t of BASE_IFACE_TYPES) {
      const block = i.raw[t];
      if (isRecord(block) && typeof block['base-iface'] === 'string') out.push({ iface: block['base-iface'], path: joinPath(i.path, t, 'base-iface') });
    }
  }
  const ds = isRecord(p.manifest.spec) && isRecord(p.manifest.spec.desiredState) ? p.manifest.spec.desiredState : undefined;
  const routes = ds && isRecord(ds.routes) && Array.isArray(ds.routes.config) ? ds.routes.config : [];
  routes.forEach((r, k) => {
    if (isRecord(r) && r.state !== 'absent' && typeof r['next-hop-interface'] === 'string') {
      out.push({ iface: r['next-hop-interface'], path: joinPath('spec.desiredState.routes.config', k, 'next-hop-interface') });
    }
  });
  return out;
}

/** True when `a` selects a strict subset of the nodes `b` selects, as far as the labels tell. */
function narrower(a: NncpInfo['selector'], b: NncpInfo['selector']): boolean {
  return selectorImplies(a, b) && !selectorImplies(b, a);
}

/** Policies by name: the edges between them, from their interfaces and node selectors. */
function dependencies(policies: readonly NncpInfo[]): Map<string, PolicyDependency[]> {
  const creators = new Map<string, NncpInfo[]>();
  const created = new Map<NncpInfo, Set<string>>();
  for (const p of policies) {
    const c = createdBy(p);
    created.set(p, c);
    for (const name of c) {
      addTo(creators, name, p);
    }
  }
  const out = new Map<string, PolicyDependency[]>();
  for (const p of policies) {
    const own = created.get(p)!;
    const found = new Map<string, PolicyDependency>();
    for (const use of usesOf(p)) {
      if (own.has(use.iface)) continue;
      for (const q of creators.get(use.iface) ?? []) {
        if (q === p || q.name === p.name || found.has(q.name) || !selectorsCompatible(p.selector, q.selector)) continue;
        found.set(q.name, { policy: q.name, iface: use.iface, path: use.path });
      }
    }
    // a narrower policy redefining an interface a wider one creates refines it: after it
    for (const i of p.ifaces) {
      if (!own.has(i.name)) continue;
      for (const q of creators.get(i.name) ?? []) {
        if (q === p || q.name === p.name || found.has(q.name) || !narrower(p.selector, q.selector)) continue;
        found.set(q.name, { policy: q.name, iface: i.name, path: i.path });
      }
    }
    out.set(p.name, [...found.values()].sort((a, b) => (a.policy < b.policy ? -1 : a.policy > b.policy ? 1 : 0)));
  }
  return out;
}

/** The order between NNCP manifests (other kinds are ignored). Deterministic: names are visited sorted. */
export function policyOrder(manifests: readonly Manifest[]): PolicyOrder {
  const policies: NncpInfo[] = [];
  for (const m of manifests) {
    if (m.kind !== 'NodeNetworkConfigurationPolicy') continue;
    const p = readNncp(m);
    if (p && p.name !== '') policies.push(p);
  }
  const after = dependencies(policies);
  const depth = new Map<string, number>();
  const cycles = new Map<string, string[]>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  // longest path by DFS; an edge back onto the stack is a cycle, reported and not followed
  const visit = (name: string): number => {
    const known = depth.get(name);
    if (known !== undefined) return known;
    stack.push(name);
    onStack.add(name);
    let d = 0;
    for (const dep of after.get(name) ?? []) {
      if (onStack.has(dep.policy)) {
        const cycle = stack.slice(stack.indexOf(dep.policy));
        const start = cycle.indexOf([...cycle].sort()[0]);
        const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
        cycles.set(rotated.join('\u0000'), rotated);
        continue;
      }
      if (after.has(dep.policy)) d = Math.max(d, visit(dep.policy) + 1);
    }
    stack.pop();
    onStack.delete(name);
    depth.set(name, d);
    return d;
  };
  for (const name of [...after.keys()].sort()) visit(name);
  let maxDepth = 0;
  for (const d of depth.values()) maxDepth = Math.max(maxDepth, d);
  return { depth, after, cycles: [...cycles.keys()].sort().map((k) => cycles.get(k)!), maxDepth };
}

/** The policies of a resolved topology in apply order (dependency depth, then name) and the order itself. */
export function planPoliciesInOrder(t: ResolvedTopology): { readonly policies: PlannedPolicy[]; readonly order: PolicyOrder } {
  const planned = planPolicies(t);
  const order = policyOrder(planned.map((p) => policyNncp(p, t.resolvedTarget)));
  const depthOf = (p: PlannedPolicy): number => order.depth.get(p.name) ?? 0;
  const policies = planned.sort((a, b) => depthOf(a) - depthOf(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { policies, order };
}
