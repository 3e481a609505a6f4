/**
 * The agent bench: converge K (default 256) VLAN bridges in user-mode-linux through the bundled
 * agent, against one hand-written `ip -batch` of the same commands (the floor) and one `ip`
 * process per command, in the same boot; the no-op reconcile against the bare `ip -j` state read;
 * and a rollback (the same intent with a probe that fails) against the bare deletion of the same
 * links (its floor). The intent is synthesized by
 * multihome (K vlan-bridge networks on `dummy0` through the NNCP renderer).
 *
 * `npm run bench -- --only agent` runs it as suite `agent` (bench/suites/agent.ts);
 * `npm run bench:agent` runs it alone. Env (alone): K (default 256), REPS (default 5).
 */
import * as fs from 'fs';
import * as path from 'path';
import { NetworkSpec, Topology } from '../lib/core/topology/model';
import { AGENT_NODE_FLAGS } from '../lib/core/topology/agent-runtime';
import { nodeDesiredStateOf } from '../scripts/lab/intents';
import { bootUml, buildAgentBundle, ensureLabPackages, LAB_INIT, makeLabDir, ROOT } from '../scripts/lab/uml';

/** Options of {@link runAgentBench}. */
export interface AgentBenchOptions {
  /** VLAN bridges. @default 256 */
  readonly k?: number;
  /** Counted repetitions in the boot (after one warm-up rep). @default 5 */
  readonly reps?: number;
  readonly log?: (s: string) => void;
}

/** What the driver measured inside the guest, ms per sample. */
export interface AgentBenchResult {
  readonly k: number;
  readonly reps: number;
  readonly bootMs: number;
  /** agent, noop, read, read-agent, noop-cli, rollback, rollback-total, delete, delete-group, agent-cli, batch, naive. */
  readonly samples: Record<string, number[]>;
  readonly info: Record<string, unknown>;
}

/** A probe that cannot answer (TEST-NET-1, no route in the bench namespace): the apply rolls back. */
const FAILING_PROBE = { name: 'unreachable', target: '192.0.2.1', timeoutSeconds: 0.5 };

/** Boots UML once and runs bench/agent-uml-driver.js in it. */
export async function runAgentBench(options: AgentBenchOptions = {}): Promise<AgentBenchResult> {
  const k = options.k ?? 256;
  const reps = options.reps ?? 5;
  const log = options.log ?? ((s: string) => console.error(s));
  ensureLabPackages(log);
  const agentBundle = await buildAgentBundle();
  const dir = makeLabDir('multihome-bench-');
  try {
    const networks: NetworkSpec[] = Array.from({ length: k }, (_, i) => ({
      name: `v${100 + i}`, pattern: 'vlan-bridge', uplink: 'dummy0', vlan: 100 + i, bridge: `br${100 + i}`, namespaces: ['default'],
    }));
    const topology: Topology = { name: 'bench', nodeGroups: [{ name: 'nodes', nodeSelector: {} }], uplinks: [{ name: 'dummy0', nodeGroup: 'nodes', interface: 'dummy0' }], networks, vms: [] };
    const doc = { apiVersion: 'multihome.io/v1alpha1', kind: 'AgentConfig', desiredState: nodeDesiredStateOf(topology, {}) };
    const config = path.join(dir, 'agent.json');
    fs.writeFileSync(config, JSON.stringify(doc));
    const rollbackConfig = path.join(dir, 'agent-rollback.json');
    fs.writeFileSync(rollbackConfig, JSON.stringify({ ...doc, probes: [FAILING_PROBE], defaultGatewayProbe: false }));
    fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify({ agentBundle, config, rollbackConfig, k, reps, nodeFlags: AGENT_NODE_FLAGS }));
    log(`[agent] booting user-mode-linux: K=${k} VLAN bridges, ${reps} rep(s)`);
    const boot = await bootUml(LAB_INIT, { LAB_DIR: dir, DRIVER: path.join(ROOT, 'bench', 'agent-uml-driver.js') }, 1800000);
    const file = path.join(dir, 'bench.json');
    if (!fs.existsSync(file)) {
      const driverLog = path.join(dir, 'driver.log');
      throw new Error(`no agent bench results; console:\n${boot.console.slice(-3000)}\n${fs.existsSync(driverLog) ? fs.readFileSync(driverLog, 'utf8').slice(-3000) : ''}`);
    }
    const r = JSON.parse(fs.readFileSync(file, 'utf8')) as { samples: Record<string, number[]>; info: Record<string, unknown>; error?: string };
    if (r.error) throw new Error(`agent bench driver: ${r.error}`);
    return { k, reps, bootMs: boot.durationMs, samples: r.samples, info: r.info };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const r = await runAgentBench({ k: Number(process.env.K ?? 256), reps: Number(process.env.REPS ?? 5) });
  const stat = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const med = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    return { min: s[0], median: med, n: s.length };
  };
  console.log(`K=${r.k} VLAN bridges (${String(r.info.commands)} commands), ${r.reps} rep(s), one UML boot (${r.bootMs} ms)`);
  for (const [name, xs] of Object.entries(r.samples)) {
    const s = stat(xs);
    console.log(`${name.padEnd(14)} min ${s.min.toFixed(0).padStart(7)} ms   median ${s.median.toFixed(0).padStart(7)} ms   n=${s.n}`);
  }
  const ratio = r.samples.agent.map((a, i) => a / r.samples.batch[i]);
  console.log(`agent/batch ratio per rep: ${ratio.map((x) => x.toFixed(2)).join(' ')}`);
  if (r.samples.naive) console.log(`naive/batch ratio (rep 1): ${(r.samples.naive[0] / r.samples.batch[0]).toFixed(1)}`);
  console.log(`agent info: ${JSON.stringify(r.info)}`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
