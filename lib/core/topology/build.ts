/**
 * The environment pipeline, the one path every entry point takes (ARCHITECTURE.md, Data flow):
 * topology → resolve defaults once → plan (policies, agent, MACs) → render tagged manifests →
 * validate intent, agent options and manifests → report. The cdk8s `NetworkEnvironment`, the
 * Pulumi `NetworkEnvironment`, `multihome synth` and `multihome diagram --env` call
 * {@link buildEnvironment} and only translate its result.
 */
import { Change, diffManifests } from '../diff';
import { Problem } from '../errors';
import { Manifest, objectKey } from '../manifest';
import { Topology } from './model';
import { AGENT_ORIGIN, Origin, PREREQUISITES_ORIGIN, vmOrigin } from './origin';
import { layerWaves, planEnvironment, RenderedManifest, RenderInput, renderEnvironment } from './render';
import { readPreviousOutput } from './previous-output';
import { planRemovals, withRemovals } from './removals';
import { PlannedPolicy, policyNncp } from './render-nncp';
import { resolveAgentDeploymentOf } from './agent-deployment';
import { ResolvedTopology, resolveTopology } from './resolve';
import { topologyName, topologyShapeGate } from './rules/shape';
import { EnvironmentJudgement, EnvironmentValidationOptions, judgePlannedEnvironment, unsilenced } from './validate-environment';
import { annotateTargets } from '../render/targets';

/** Options of {@link buildEnvironment}. */
export type BuildOptions = EnvironmentValidationOptions;

/** What {@link buildEnvironment} returns. */
export interface EnvironmentBuild {
  /** The topology with every default resolved. */
  readonly topology: ResolvedTopology;
  /** Every manifest in apply order, tagged with origin, layer, sync wave and dependencies. */
  readonly manifests: readonly RenderedManifest[];
  /** Every problem (intent, agent options, per resource, across resources); silenced warnings removed. */
  readonly problems: readonly Problem[];
  /** The problems that are errors: nothing may be written or applied while there is one. */
  readonly errors: readonly Problem[];
  /** The problems that are warnings. */
  readonly warnings: readonly Problem[];
  /** MAC of every VM NIC, keyed `namespace/vm/interface` (`macKey`). */
  readonly macs: ReadonlyMap<string, string>;
  /**
   * What applying the manifests changes, compared with the previous output (`previous` option):
   * the semantic diff (lib/core/diff), which the adapters print (cdk8s synth warnings, pulumi
   * preview diagnostics). Empty without a previous output.
   */
  readonly changes: readonly Change[];
  /** The spec a problem is about (the environment itself when it names none). */
  originOf(problem: Problem): Origin;
}

/** Builds an environment: renders and validates it once. Never writes anything. */
export function buildEnvironment(t: Topology, options: BuildOptions = {}): EnvironmentBuild {
  // The shape gate: a malformed topology (wrong JS types, unknown keys) renders nothing.
  const shape = topologyShapeGate(t);
  if (shape.length) return malformedBuild(t, shape);
  // the previous output (what the cluster has), read once: its removals are rendered absent
  // (removals.ts) before validation, so the lifecycle rules judge the output as it will be applied,
  // and its VMs' pod NICs keep their MACs (allocateMacs)
  const previous = readPreviousOutput(options.previous);
  const plan = withAgentRemovals(t, planEnvironment(t, previous.manifests), previous.manifests);
  const renderProblems: Problem[] = [];
  const ownRender = renderEnvironment(plan, renderProblems);
  const rendered = previous.manifests
    ? withRemovals(ownRender, previous.manifests, {
        environment: plan.topology.name,
        target: plan.topology.resolvedTarget,
        syncWave: plan.topology.syncWaves ? layerWaves(plan.topology, plan.order).nncp : undefined,
        depthOf: (name) => plan.order.depth.get(name) ?? 0,
      })
    : ownRender;
  const judged = judgePlannedEnvironment(
    t,
    plan,
    rendered.map((m) => m.manifest),
    { ...options, previous: previous.manifests },
  );
  const problems = [...renderProblems, ...unsilenced(t, previous.problems), ...judged.problems];
  annotateBuildTargets(rendered, judged);
  // A VM whose networkData had problems renders without it; its errors keep every writer from
  // writing (they write only error-free builds), and diagrams still show the VM.
  const manifests = rendered;
  const byKey = new Map(manifests.map((m) => [m.key, m.origin]));
  const environment: Origin = { kind: 'environment', name: t.name };
  return {
    topology: plan.topology,
    manifests,
    problems,
    errors: problems.filter((p) => p.severity === 'error'),
    warnings: problems.filter((p) => p.severity === 'warning'),
    macs: plan.macs,
    changes: previous.manifests ? diffManifests(previous.manifests, manifests.map((m) => m.manifest)) : [],
    originOf: (p) => byKey.get(objectKey(p.resource.kind, p.resource.name, p.resource.namespace)) ?? intentOrigin(t, p) ?? environment,
  };
}

/**
 * The plan with the removals in the node agent's configs too: hosts the agent applies (no
 * kubernetes-nmstate there) get the same `state: absent` interfaces and routes the removal NNCPs
 * carry (the agent deletes absent virtual interfaces and routes: lib/agent/plan.ts), so deleting a
 * network or uplink from code cleans those hosts as well. The plan as it is without a previous
 * output, an agent, or anything to remove.
 */
function withAgentRemovals(t: Topology, plan: RenderInput, previous: readonly Manifest[] | undefined): RenderInput {
  if (!previous || !t.agent || !plan.agent) return plan;
  const removals = planRemovals(previous, plan.policies.map((p) => policyNncp(p, plan.topology.resolvedTarget)));
  if (!removals.length) return plan;
  const environment: Origin = { kind: 'environment', name: t.name };
  const extra: PlannedPolicy[] = removals
    .filter((r) => r.interfaces.length || r.routes.length)
    .map((r) => ({ name: r.policy, origin: environment, nodeSelector: r.nodeSelector ?? plan.policies.find((p) => p.name === r.policy)?.nodeSelector ?? {}, interfaces: r.interfaces, ...(r.routes.length ? { routes: r.routes } : {}), networks: [], perNodeOf: r.previous }));
  return extra.length ? { ...plan, agent: resolveAgentDeploymentOf(plan.topology, [...plan.policies, ...extra], t.agent) } : plan;
}

/** The build of a topology that failed the shape gate: its problems, no manifests. */
function malformedBuild(t: Topology, problems: readonly Problem[]): EnvironmentBuild {
  const name = topologyName(t);
  const environment: Origin = { kind: 'environment', name };
  return {
    topology: resolveTopology({ name, nodeGroups: [], uplinks: [], networks: [], vms: [] }),
    manifests: [],
    problems,
    errors: problems,
    warnings: [],
    macs: new Map(),
    changes: [],
    originOf: (p) => {
      // the intent may be malformed anywhere: an origin it cannot give is the environment's
      try {
        return intentOrigin(t, p) ?? environment;
      } catch {
        return environment;
      }
    },
  };
}

/** Array fields of a topology whose entries are origins, with the origin of entry `i`. */
const INTENT_LISTS: Readonly<Record<string, (t: Topology, i: number) => Origin | undefined>> = {
  nodeGroups: (t, i) => named('nodeGroup', t.nodeGroups[i]),
  uplinks: (t, i) => named('uplink', t.uplinks[i]),
  networks: (t, i) => named('network', t.networks[i]),
  hostPolicies: (t, i) => named('hostPolicy', t.hostPolicies?.[i]),
  vms: (t, i) => (t.vms[i] ? vmOrigin(t.vms[i]) : undefined),
};

const named = (kind: Origin['kind'], spec: { readonly name: string } | undefined): Origin | undefined => (spec ? { kind, name: spec.name } : undefined);

/**
 * The origin of a problem about the intent rather than a manifest: `Environment` problems by the
 * spec their path starts in (`networks[2].vlan` → that network), the node agent's by its options.
 */
function intentOrigin(t: Topology, p: Problem): Origin | undefined {
  if (p.resource.kind === 'NetworkAgent' || p.resource.kind === 'AgentConfig') return AGENT_ORIGIN;
  if (p.resource.kind !== 'Environment') return undefined;
  const m = /^(\w+)\[(\d+)\]/.exec(p.path);
  if (m && INTENT_LISTS[m[1]]) return INTENT_LISTS[m[1]](t, Number(m[2]));
  if (p.path.startsWith('prerequisites')) return PREREQUISITES_ORIGIN;
  if (p.path.startsWith('agent')) return AGENT_ORIGIN;
  return undefined;
}

/**
 * Writes on the rendered manifests what they were validated against and which warnings were
 * silenced on each (lib/core/render/targets.ts), so `multihome check` of the output agrees.
 */
function annotateBuildTargets(rendered: readonly RenderedManifest[], judged: EnvironmentJudgement): void {
  const byKey = new Map(rendered.map((m) => [m.key, m.manifest]));
  const silenced = new Map<Manifest, Set<string>>();
  for (const p of judged.silenced) {
    const m = byKey.get(objectKey(p.resource.kind, p.resource.name, p.resource.namespace));
    if (m) silenced.set(m, (silenced.get(m) ?? new Set<string>()).add(p.code));
  }
  annotateTargets(
    rendered.map((m) => m.manifest),
    { pluginProfile: judged.pluginProfile, isolation: judged.isolation, target: judged.target, silenced },
    new Set(rendered.filter((m) => m.asGiven).map((m) => m.manifest)),
  );
}
