/**
 * Intent problems in construct terms: a problem about `vms[1].attachments[0].ipv4[0]` of the
 * environment becomes a problem about the `MultihomedVM` at `prod/web-2`, prop
 * `attachments[0].ipv4[0]`, with the construct call that sets it appended to the fix
 * (lib/core/topology/construct-terms.ts computes the view; this applies it with construct ids).
 */
import { Construct } from 'constructs';
import { Problem } from '../core/errors';
import { constructCall, constructKindOf, constructProp, IntentList, IntentLocation, intentLocation, originAt } from '../core/topology/construct-terms';
import { Topology } from '../core/topology/model';
import { Origin, OriginKind } from '../core/topology/origin';

const DATA_FORM = new WeakSet<Construct>();

/** Marks a construct as made from the data form (`environment:` prop): its problems keep data-form paths. */
export function markDataForm<T extends Construct>(c: T): T {
  DATA_FORM.add(c);
  return c;
}

/** The origin kind of each intent list. */
const KIND_OF_LIST: Readonly<Record<IntentList, OriginKind>> = { vms: 'vm', nodeGroups: 'nodeGroup', uplinks: 'uplink', networks: 'network', hostPolicies: 'hostPolicy' };

/** Which construct declared what: by origin, and per origin kind in declaration order (the topology's order). */
export interface ConstructOwners {
  /** The construct that declared `origin` first. */
  readonly ownerOf: (o: Origin) => Construct | undefined;
  /** The constructs that declared specs of `kind`, in declaration order (duplicates included). */
  readonly declared: (kind: OriginKind) => readonly Construct[];
}

/** The construct of the spec at `loc`: by position (two specs may share a name), else by origin. */
function ownerAt(t: Topology, loc: IntentLocation, owners: ConstructOwners): Construct | undefined {
  const origin = originAt(t, loc);
  if (!origin) return undefined;
  const byPosition = owners.declared(KIND_OF_LIST[loc.list]);
  const positional = byPosition.length === listLength(t, loc.list) ? byPosition[loc.index] : undefined;
  const owner = positional ?? owners.ownerOf(origin);
  return owner && !DATA_FORM.has(owner) ? owner : undefined;
}

function listLength(t: Topology, list: IntentList): number {
  return (t[list] ?? []).length;
}

/** Intent references in a text (`vms[0]`, `networks[1].vlan`) as construct paths and props. */
function rewriteReferences(text: string, t: Topology, owners: ConstructOwners): string {
  return text.replace(/\b(nodeGroups|uplinks|networks|hostPolicies|vms)\[(\d+)\]((?:\.[\w-]+|\[\d+\])*)/g, (whole: string, list: string, index: string, rest: string) => {
    const loc = intentLocation(`${list}[${index}]${rest}`);
    const owner = loc ? ownerAt(t, loc, owners) : undefined;
    if (!loc || !owner) return whole;
    const prop = constructProp(loc);
    return prop ? `${owner.node.path} ${prop}` : owner.node.path;
  });
}

/**
 * `p` as the construct that declared its spec reports it; unchanged when it is not an intent
 * problem or its spec has no construct (a spec loaded from an environment file keeps the data
 * form's path, which is the user's own term there).
 */
export function inConstructTerms(p: Problem, t: Topology, owners: ConstructOwners): Problem {
  if (p.resource.kind !== 'Environment') return p;
  const loc = intentLocation(p.path);
  const origin = loc ? originAt(t, loc) : undefined;
  const owner = loc ? ownerAt(t, loc, owners) : undefined;
  if (!loc || !origin || !owner) return p;
  const vm = loc.list === 'vms' ? t.vms[loc.index] : undefined;
  const call = constructCall(t, loc, (o) => owners.ownerOf(o)?.node.id, owner.node.id);
  const fix = rewriteReferences(p.fix, t, owners);
  return {
    ...p,
    resource: { kind: constructKindOf(t, loc), name: vm ? vm.name : origin.name, ...(vm ? { namespace: vm.namespace } : {}), constructPath: owner.node.path },
    path: constructProp(loc) || 'props',
    message: rewriteReferences(p.message, t, owners),
    fix: call ? `${fix}; in code: ${call}` : fix,
  };
}
