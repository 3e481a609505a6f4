/**
 * Cross-resource validation of a set of manifests given together: what nmstate, the CNI plugins
 * and KubeVirt each accept alone but that breaks when the objects meet on a node (ARCHITECTURE.md,
 * Validation). Runs on the YAML files given to `multihome check` and on the rendered output of
 * synth alike; per-resource checks are `validateManifest`'s job.
 *
 * The set is read once into indexes (interfaces by name, NADs by namespace/name, NICs by NAD,
 * OVN mappings by localnet) and every rule is one pass plus lookups, so a set of 10,000 VMs, 500
 * NADs and 500 NNCPs validates in linear time.
 */
import { Problem } from '../errors';
import { Manifest } from '../manifest';
import { checkGuestAddresses, checkSubnetOverlap } from './rules/addresses';
import { checkBridgesCreated, checkHostLocal, checkMacSpoofCheck, checkNadMtu, checkVlanMtu } from './rules/bridges';
import { IsolationProfile, NamespaceIsolation, RuleContext, RuleOptions, SetRule } from './rules/context';
import { objectTargets } from '../render/targets';
import { checkInterfaceConflicts } from './rules/interface-conflict';
import { checkLifecycle } from './rules/lifecycle';
import { checkOvn } from './rules/ovn';
import { readSet } from './rules/read-set';
import { manifestOfRef } from './rules/refs';
import { Findings } from './rules/report';
import { checkDuplicateResources } from './rules/resources';
import { checkSccAdmission } from './rules/scc';
import { checkNadVlans, checkNncpConflicts } from './rules/vlans';
import { checkBridgeRemoval, checkMacs, checkVmNads, checkVmPlacement, MULTUS_DEFAULT_GLOBAL_NAMESPACES, OPENSHIFT_GLOBAL_NAMESPACES } from './rules/vms';

/** Options of {@link validateManifestSet}. */
export interface ManifestSetOptions {
  /**
   * Multus namespace isolation of the target cluster: `none` (upstream default: any namespace
   * may use any NAD), `multus` (`namespaceIsolation: true`: own namespace plus
   * {@link globalNamespaces}, `default` when none are given), `openshift` (what OpenShift's
   * cluster-network-operator configures: own namespace, `default`, `openshift-multus`,
   * `openshift-sriov-network-operator`, `openshift-cnv`, plus {@link globalNamespaces}).
   * @default - each VM's `multihome.io/isolation` annotation (lib/core/render/targets.ts), else 'none'
   */
  isolation?: IsolationProfile;
  /**
   * Multus `globalNamespaces`: namespaces whose NADs every namespace may use under isolation.
   * @default [] (`multus` then falls back to `default`, as Multus does)
   */
  globalNamespaces?: readonly string[];
  /**
   * The previously synthesized (or applied) set, to catch interfaces, policies, NADs and VM NICs
   * removed without the `state: absent` step.
   * @default - no lifecycle comparison
   */
  previous?: readonly Manifest[];
}

/** The rules, in report order. */
const RULES: readonly SetRule[] = [
  checkBridgesCreated,
  checkNadVlans,
  checkNadMtu,
  checkVlanMtu,
  checkNncpConflicts,
  checkInterfaceConflicts,
  checkOvn,
  checkVmNads,
  checkVmPlacement,
  checkBridgeRemoval,
  checkMacs,
  checkGuestAddresses,
  checkSubnetOverlap,
  checkHostLocal,
  checkMacSpoofCheck,
  checkLifecycle,
];

function globals(isolation: IsolationProfile, extra: readonly string[]): string[] {
  if (isolation === 'openshift') return [...new Set([...OPENSHIFT_GLOBAL_NAMESPACES, ...extra])];
  if (isolation === 'multus') return extra.length ? [...extra] : [...MULTUS_DEFAULT_GLOBAL_NAMESPACES];
  return [...extra];
}

/** Each VM's `multihome.io/isolation` annotation, with its global namespaces. */
function annotatedIsolation(extra: readonly string[]): (vm: Manifest) => NamespaceIsolation | undefined {
  const resolved = new Map<IsolationProfile, NamespaceIsolation>();
  return (vm) => {
    const isolation = objectTargets(vm).isolation;
    if (isolation === undefined) return undefined;
    let r = resolved.get(isolation);
    if (!r) resolved.set(isolation, (r = { isolation, globalNamespaces: globals(isolation, extra) }));
    return r;
  };
}

/**
 * Every cross-resource problem of a manifest set (errors and warnings), each reported on the
 * manifest it is about with a field path from that manifest's root; the message names the other
 * resources involved. Rules that need a kind the set lacks are skipped: bridge and OVN-mapping
 * rules run only when the set contains at least one NNCP, and "NAD not found" only when it
 * contains at least one NAD (a set of VMs alone says nothing about where their NADs live).
 * Objects of other kinds are ignored; malformed objects are read as far as possible (their own
 * problems come from `validateManifest`).
 */
export function validateManifestSet(manifests: readonly Manifest[], options: ManifestSetOptions = {}): Problem[] {
  const isolation = options.isolation ?? 'none';
  const extra = options.globalNamespaces ?? [];
  const resolved: RuleOptions = {
    isolation,
    globalNamespaces: globals(isolation, extra),
    // without an explicit isolation, each VM's multihome.io/isolation annotation (what synth validated under)
    ...(options.isolation === undefined ? { isolationOf: annotatedIsolation(extra) } : {}),
  };
  const ctx: RuleContext = {
    model: readSet(manifests),
    ...(options.previous ? { previous: readSet(options.previous) } : {}),
    findings: new Findings(),
    options: resolved,
  };
  checkDuplicateResources(ctx, manifests);
  for (const rule of RULES) rule(ctx);
  checkSccAdmission(ctx, manifests);
  return ctx.findings.problems;
}

/**
 * The manifest (of the set or of `previous`) a problem of {@link validateManifestSet} is
 * reported on — by identity, so `multihome check` can point at the right document even when two
 * share kind, namespace and name. Undefined for problems from elsewhere.
 */
export function manifestOfProblem(p: Problem): Manifest | undefined {
  return manifestOfRef(p.resource);
}
