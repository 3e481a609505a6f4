/**
 * Which spec of a topology builds on which: a VM on the networks it attaches to, a network on its
 * uplink and node group, an uplink or host policy on its node group, the node agent on every
 * node group's host networking (not on VMs). A value that changes (or is not known yet) in a spec
 * can change what is rendered from every spec that builds on it.
 */
import { intentLocation, originAt } from './construct-terms';
import { Topology } from './model';
import { AGENT_ORIGIN, Origin, originKey, vmOrigin } from './origin';

/** The origin keys each origin key builds on directly. */
export type SpecGraph = ReadonlyMap<string, readonly string[]>;

/** The direct "builds on" edges of `t`, by origin key. */
export function specGraph(t: Topology): SpecGraph {
  const key = (o: Origin) => originKey(o);
  const g = new Map<string, string[]>();
  const group = (name: string | undefined) => (name === undefined ? [] : [key({ kind: 'nodeGroup', name })]);
  for (const u of t.uplinks ?? []) g.set(key({ kind: 'uplink', name: u.name }), group(u.nodeGroup));
  for (const h of t.hostPolicies ?? []) g.set(key({ kind: 'hostPolicy', name: h.name }), group(h.nodeGroup));
  for (const n of t.networks ?? []) g.set(key({ kind: 'network', name: n.name }), [...group(n.nodeGroup), ...(n.uplink !== undefined ? [key({ kind: 'uplink', name: n.uplink })] : [])]);
  const hostSide = [...g.keys(), ...(t.nodeGroups ?? []).map((n) => key({ kind: 'nodeGroup', name: n.name }))];
  for (const vm of t.vms ?? []) g.set(key(vmOrigin(vm)), (vm.attachments ?? []).map((a) => key({ kind: 'network', name: a.network })));
  g.set(key(AGENT_ORIGIN), hostSide);
  return g;
}

/** Every origin key `start` builds on, directly or not, `start` included. */
export function buildsOn(g: SpecGraph, start: string): Set<string> {
  const seen = new Set<string>([start]);
  const todo = [start];
  while (todo.length) {
    for (const a of g.get(todo.pop()!) ?? []) {
      if (seen.has(a)) continue;
      seen.add(a);
      todo.push(a);
    }
  }
  return seen;
}

/** The origin key of the spec an intent path is in (`vms[2].namespace` → that VM, `agent.image` → the agent); undefined for environment settings. */
export function originKeyOfPath(t: Topology, path: string): string | undefined {
  const loc = intentLocation(path);
  if (!loc) return path.startsWith('agent') ? originKey(AGENT_ORIGIN) : undefined;
  const o = originAt(t, loc);
  return o && originKey(o);
}
