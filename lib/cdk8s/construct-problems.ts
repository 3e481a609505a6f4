/**
 * Intent problems in construct terms: a problem about `vms[1].attachments[0].ipv4[0]` of the
 * environment becomes a problem about the `MultihomedVM` at `prod/web-2`, prop
 * `attachments[0].ipv4[0]`, with the construct call that sets it appended to the fix
 * (lib/core/topology/construct-terms.ts computes the view; this applies it with construct ids).
 */
import { Construct } from 'constructs';
import { Problem } from '../core/errors';
import { constructCall, constructKindOf, constructProp, intentLocation, originAt } from '../core/topology/construct-terms';
import { Topology } from '../core/topology/model';
import { Origin } from '../core/topology/origin';

const DATA_FORM = new WeakSet<Construct>();

/** Marks a construct as made from the data form (`environment:` prop): its problems keep data-form paths. */
export function markDataForm<T extends Construct>(c: T): T {
  DATA_FORM.add(c);
  return c;
}

/**
 * `p` as the construct that declared its spec reports it; unchanged when it is not an intent
 * problem or its spec has no construct (a spec loaded from an environment file keeps the data
 * form's path, which is the user's own term there).
 */
export function inConstructTerms(p: Problem, t: Topology, ownerOf: (o: Origin) => Construct | undefined): Problem {
  if (p.resource.kind !== 'Environment') return p;
  const loc = intentLocation(p.path);
  const origin = loc ? originAt(t, loc) : undefined;
  const owner = origin ? ownerOf(origin) : undefined;
  if (!loc || !origin || !owner || DATA_FORM.has(owner)) return p;
  const vm = loc.list === 'vms' ? t.vms[loc.index] : undefined;
  const call = constructCall(t, loc, (o) => ownerOf(o)?.node.id);
  return {
    ...p,
    resource: { kind: constructKindOf(t, loc), name: vm ? vm.name : origin.name, ...(vm ? { namespace: vm.namespace } : {}), constructPath: owner.node.path },
    path: constructProp(loc) || 'props',
    fix: call ? `${p.fix}; in code: ${call}` : p.fix,
  };
}
