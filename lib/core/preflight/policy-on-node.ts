/**
 * One policy seen on one node: its desired state (captures resolved with that node's state) and
 * the lookups every rule needs — which current interface a desired entry or a port reference is,
 * and what the node's interfaces will be after the change.
 */
import { ResourceRef } from '../errors';
import { DesiredInterface, DesiredState, VIRTUAL_TYPES } from './desired';
import { CurrentInterface, NetworkStateFacts, NodeFacts } from './node-facts';
import { addTo } from '../multimap';

/** A policy read from the input (NNCP), with what pre-flight needs of it. */
export interface PolicyInput {
  readonly resource: ResourceRef;
  readonly spec: Readonly<Record<string, unknown>>;
  /** The desired state read without captures (used as is when the policy has none). */
  readonly desired: DesiredState;
  readonly usesCapture: boolean;
  /** The object as given, for locating problems. */
  readonly object: unknown;
}

/** Lookup of interfaces other policies on a node declare. */
export interface DeclaredElsewhere {
  get(name: string): DesiredInterface | undefined;
  has(name: string): boolean;
}

const NOWHERE: DeclaredElsewhere = { get: () => undefined, has: () => false };

/** Every non-absent interface the policies on one node declare, by name, with the policy declaring it. */
export class NodeDeclarations {
  private readonly byName = new Map<string, Array<{ readonly policy: PolicyInput; readonly d: DesiredInterface }>>();

  /** Adds a policy's desired interfaces. */
  add(policy: PolicyInput, desired: DesiredState): void {
    for (const d of desired.interfaces) {
      if (d.state === 'absent') continue;
      addTo(this.byName, d.name, { policy, d });
    }
  }

  /** The view of `policy`: what the other policies declare. */
  except(policy: PolicyInput): DeclaredElsewhere {
    const get = (name: string) => this.byName.get(name)?.find((e) => e.policy !== policy)?.d;
    return { get, has: (name) => get(name) !== undefined };
  }
}

/** A policy on a node. */
export interface PolicyOnNode {
  readonly policy: PolicyInput;
  readonly node: NodeFacts;
  readonly state: NetworkStateFacts;
  readonly desired: DesiredState;
  /** Desired entries by name. */
  readonly declared: ReadonlyMap<string, DesiredInterface>;
  /**
   * Interfaces the other policies selecting this node create or configure (not absent), by name:
   * kubernetes-nmstate applies each policy on its own, in name order, and retries one that failed
   * (issue 1346, retry with backoff PR 1370), so a VLAN on a bond another policy creates converges.
   */
  readonly elsewhere: DeclaredElsewhere;
  /** The current interface a desired entry is (by `identifier`, else by name). */
  current(d: DesiredInterface): CurrentInterface | undefined;
  /** The current interface a name refers to (a declared entry's, else the node's interface of that name). */
  currentByName(name: string): CurrentInterface | undefined;
  /** True when the entry makes an interface nmstate creates (a virtual type not on the node yet). */
  creates(d: DesiredInterface): boolean;
}

const declarations = new WeakMap<DesiredState, ReadonlyMap<string, DesiredInterface>>();

/** A desired state's entries by name (the first of a name), built once per desired state. */
function declaredIn(desired: DesiredState): ReadonlyMap<string, DesiredInterface> {
  let declared = declarations.get(desired);
  if (!declared) {
    const m = new Map<string, DesiredInterface>();
    for (const d of desired.interfaces) if (!m.has(d.name)) m.set(d.name, d);
    declarations.set(desired, (declared = m));
  }
  return declared;
}

/** {@link PolicyOnNode} as one object per policy and node (its lookups are methods, not closures). */
class PolicyOnNodeView implements PolicyOnNode {
  readonly declared: ReadonlyMap<string, DesiredInterface>;

  constructor(
    readonly policy: PolicyInput,
    readonly node: NodeFacts,
    readonly state: NetworkStateFacts,
    readonly desired: DesiredState,
    readonly elsewhere: DeclaredElsewhere,
  ) {
    this.declared = declaredIn(desired);
  }

  current(d: DesiredInterface): CurrentInterface | undefined {
    // nmstate yaml_api.md: `identifier: mac-address` matches mac-address or permanent-mac-address
    // (2.2.34 prefers the permanent one); `identifier: pci-address` matches pci-address (2.2.47)
    if (d.identifier === 'mac-address') return d.mac ? this.state.byMac.get(d.mac) : undefined;
    if (d.identifier === 'pci-address') return d.pciAddress ? this.state.byPci.get(d.pciAddress) : undefined;
    return this.state.interfaces.get(d.name);
  }

  currentByName(name: string): CurrentInterface | undefined {
    const d = this.declared.get(name);
    return d ? this.current(d) : this.state.interfaces.get(name);
  }

  creates(d: DesiredInterface): boolean {
    return d.type !== undefined && VIRTUAL_TYPES.has(d.type) && this.current(d) === undefined;
  }
}

/** Builds the per-node view of a policy whose desired state is `desired`. */
export function policyOnNode(policy: PolicyInput, node: NodeFacts, state: NetworkStateFacts, desired: DesiredState, elsewhere: DeclaredElsewhere = NOWHERE): PolicyOnNode {
  return new PolicyOnNodeView(policy, node, state, desired, elsewhere);
}
