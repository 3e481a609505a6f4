/**
 * Intent problems in the terms of the code that declared them: a problem about
 * `vms[1].attachments[0].ipv4[0]` of the environment becomes a problem about the `MultihomedVM`
 * at `prod/web-2` (a cdk8s construct path, or a Pulumi component name), prop
 * `attachments[0].ipv4[0]`, with the call that sets it appended to the fix (construct-terms.ts
 * computes the view; this applies it with the declarers an adapter knows). Framework-free: the
 * cdk8s constructs and the Pulumi components hand their declarers in as {@link Declarer}s.
 */
import { Problem } from '../errors';
import { constructCall, constructKindOf, constructProp, Home, IntentList, IntentLocation, intentLocation, originAt } from './construct-terms';
import { Topology } from './model';
import { Origin, OriginKind } from './origin';

/** The construct or component that declared a spec. */
export interface Declarer {
  /** Where it is: the construct path (`prod/web-2`) or the component's name. */
  readonly path: string;
  /** Its id in calls: the construct id or the component's name. */
  readonly id: string;
  /** Made from the data form (`environment:` prop): its problems keep data-form paths, the user's own terms there. */
  readonly dataForm?: boolean;
}

/** Which declarer declared what: by origin, and per origin kind in declaration order (the topology's order). */
export interface Declarers {
  /** The declarer of `origin` (the first, when several declared one name). */
  readonly ownerOf: (o: Origin) => Declarer | undefined;
  /** The declarers of specs of `kind`, in declaration order (duplicates included). */
  readonly declared: (kind: OriginKind) => readonly Declarer[];
  /** Whose calls the fixes name. */
  readonly home: Home;
}

/** The origin kind of each intent list. */
const KIND_OF_LIST: Readonly<Record<IntentList, OriginKind>> = { vms: 'vm', nodeGroups: 'nodeGroup', uplinks: 'uplink', networks: 'network', hostPolicies: 'hostPolicy' };

/** The declarer of the spec at `loc`: by position (two specs may share a name), else by origin. */
function ownerAt(t: Topology, loc: IntentLocation, owners: Declarers): Declarer | undefined {
  const origin = originAt(t, loc);
  if (!origin) return undefined;
  const byPosition = owners.declared(KIND_OF_LIST[loc.list]);
  const positional = byPosition.length === (t[loc.list] ?? []).length ? byPosition[loc.index] : undefined;
  const owner = positional ?? owners.ownerOf(origin);
  return owner && !owner.dataForm ? owner : undefined;
}

/** Intent references in a text (`vms[0]`, `networks[1].vlan`) as declarer paths and props. */
function rewriteReferences(text: string, t: Topology, owners: Declarers): string {
  return text.replace(/\b(nodeGroups|uplinks|networks|hostPolicies|vms)\[(\d+)\]((?:\.[\w-]+|\[\d+\])*)/g, (whole: string, list: string, index: string, rest: string) => {
    const loc = intentLocation(`${list}[${index}]${rest}`);
    const owner = loc ? ownerAt(t, loc, owners) : undefined;
    if (!loc || !owner) return whole;
    const prop = constructProp(loc);
    return prop ? `${owner.path} ${prop}` : owner.path;
  });
}

/**
 * `p` as the declarer of its spec reports it; unchanged when it is not an intent problem or its
 * spec has no declarer of its own (a spec loaded from the data form keeps the data form's path).
 */
export function inDeclarerTerms(p: Problem, t: Topology, owners: Declarers): Problem {
  if (p.resource.kind !== 'Environment') return p;
  const loc = intentLocation(p.path);
  const origin = loc ? originAt(t, loc) : undefined;
  const owner = loc ? ownerAt(t, loc, owners) : undefined;
  if (!loc || !origin || !owner) return p;
  const vm = loc.list === 'vms' ? t.vms[loc.index] : undefined;
  const call = constructCall(t, loc, (o) => owners.ownerOf(o)?.id, owner.id, owners.home);
  const fix = rewriteReferences(p.fix, t, owners);
  return {
    ...p,
    resource: { kind: constructKindOf(t, loc), name: vm ? vm.name : origin.name, ...(vm ? { namespace: vm.namespace } : {}), constructPath: owner.path },
    path: constructProp(loc) || 'props',
    message: rewriteReferences(p.message, t, owners),
    fix: call ? `${fix}; in code: ${call}` : fix,
  };
}
