/**
 * The multihome node agent's ConfigMaps in the diff. A group's `agent.yaml` holds the host state
 * the agent applies (apply mode: it converges the host like nmstate, and like nmstate leaves what
 * its config stops mentioning) or only reports (observe mode). In apply mode its desiredState is
 * compared like an NNCP's (nncp-diff.ts) — a released port or lowered MTU there interrupts the
 * host as much — and the records are reported on the ConfigMap, under `data["agent.yaml"]`.
 */
import { AGENT_RUNTIME_DEFAULTS } from '../agent-defaults';
import { AGENT_CONFIG_MOUNT } from '../topology/agent-deployment';
import { API, Manifest } from '../manifest';
import { joinPath } from '../path';
import { isRecord } from '../problems';
import { parseYamlBounded } from '../source/bounded-yaml';
import type { NncpInfo } from '../topology/rules/model';
import { readNncp } from '../topology/rules/read-nncp';
import { Change } from './change';
import { AGENT_CONFIG_KIND } from '../topology/agent-config';

/** The ConfigMap key the agent reads. */
const CONFIG_KEY = AGENT_CONFIG_MOUNT.key;
const HOSTNAME = 'kubernetes.io/hostname';

/** One agent ConfigMap read: its desired states as policies, and the mode its DaemonSet runs. */
export interface AgentConfigView {
  readonly manifest: Manifest;
  readonly mode: string;
  /** The group's desiredState and each node's, as NNCPs named after the ConfigMap (`<cm>`, `<cm>/<node>`). */
  readonly policies: NncpInfo[];
}

/** `--mode X` of the DaemonSet of the same name and namespace (the render names both `<name>-<group>`). */
function modeOf(cm: Manifest, all: readonly Manifest[]): string {
  const ds = all.find((m) => m.kind === 'DaemonSet' && m.metadata?.name === cm.metadata.name && m.metadata?.namespace === cm.metadata.namespace);
  const containers = isRecord(ds?.spec) && isRecord(ds!.spec.template) && isRecord(ds!.spec.template.spec) ? ds!.spec.template.spec.containers : undefined;
  for (const c of Array.isArray(containers) ? containers : []) {
    const args = isRecord(c) && Array.isArray(c.args) ? c.args : [];
    const at = args.indexOf('--mode');
    if (at >= 0 && typeof args[at + 1] === 'string') return args[at + 1] as string;
  }
  return AGENT_RUNTIME_DEFAULTS.mode;
}

function asPolicy(name: string, desiredState: unknown, selector: Record<string, string>): NncpInfo | undefined {
  if (!isRecord(desiredState)) return undefined;
  return readNncp({ ...API.nncp, metadata: { name }, spec: { nodeSelector: selector, desiredState } });
}

/** Reads the agent ConfigMaps of a set (those whose `agent.yaml` is an AgentConfig); others are left to the generic comparison. */
export function agentConfigsOf(all: readonly Manifest[]): Map<string, AgentConfigView> {
  const out = new Map<string, AgentConfigView>();
  for (const m of all) {
    if (m.kind !== 'ConfigMap' || m.apiVersion !== 'v1' || !isRecord(m.data) || typeof m.data[CONFIG_KEY] !== 'string') continue;
    const parsed = parseYamlBounded(m.data[CONFIG_KEY] as string);
    const doc = parsed.value;
    if (!isRecord(doc) || doc.kind !== AGENT_CONFIG_KIND.kind) continue;
    const name = String(m.metadata.name);
    const policies: NncpInfo[] = [];
    const group = asPolicy(name, doc.desiredState, {});
    if (group) policies.push(group);
    for (const n of Array.isArray(doc.nodes) ? doc.nodes : []) {
      if (!isRecord(n) || typeof n.name !== 'string') continue;
      const p = asPolicy(`${name}/${n.name}`, n.desiredState, { [HOSTNAME]: n.name });
      if (p) policies.push(p);
    }
    out.set(`${m.metadata.namespace ?? ''}/${name}`, { manifest: m, mode: modeOf(m, all), policies });
  }
  return out;
}

/**
 * A record the NNCP comparison made about an agent's pseudo-policy, moved onto its ConfigMap:
 * path under `data["agent.yaml"]` (the node's under `nodes[<name>]`), message prefixed with the
 * group or node it is about.
 */
export function ontoConfigMap(c: Change, cm: Manifest): Change {
  const node = c.name.includes('/') ? c.name.slice(c.name.indexOf('/') + 1) : undefined;
  const inside = c.path.replace(/^spec\./, '');
  const base = joinPath('data', CONFIG_KEY);
  const path = node !== undefined ? `${base}.nodes[${JSON.stringify(node)}]${inside ? `.${inside}` : ''}` : `${base}${inside ? `.${inside}` : ''}`;
  return {
    ...c,
    kind: 'ConfigMap',
    ...(cm.metadata.namespace ? { namespace: cm.metadata.namespace } : {}),
    name: String(cm.metadata.name),
    path,
    message: `agent (apply mode)${node !== undefined ? ` on node ${node}` : ''}: ${c.message.replace(/kubernetes-nmstate/g, 'the agent')}`,
  };
}
