/**
 * `npm run bench:agent`: converge K (default 256) VLAN bridges in user-mode-linux through the
 * bundled agent, against one hand-written `ip -batch` of the same commands (the floor) and one
 * `ip` process per command, in the same boot; plus the no-op reconcile. The intent is synthesized
 * by multihome (K vlan-bridge networks on `dummy0` through the NNCP renderer).
 * Env: K (default 256), REPS (default 3). Prints min/median and the agent/batch ratio.
 */
import * as fs from 'fs';
import * as path from 'path';
import { NetworkSpec, Topology } from '../lib/core/topology/model';
import { nodeDesiredStateOf } from '../test/lab/intents';
import { bootUml, buildAgentBundle, ensureLabPackages, makeLabDir, ROOT } from '../test/lab/uml';

async function main(): Promise<void> {
  const k = Number(process.env.K ?? 256);
  const reps = Number(process.env.REPS ?? 3);
  ensureLabPackages((s) => console.error(s));
  const agentBundle = await buildAgentBundle();
  const dir = makeLabDir('multihome-bench-');
  const networks: NetworkSpec[] = Array.from({ length: k }, (_, i) => ({
    name: `v${100 + i}`, pattern: 'vlan-bridge', uplink: 'dummy0', vlan: 100 + i, bridge: `br${100 + i}`, namespaces: ['default'],
  }));
  const topology: Topology = { name: 'bench', nodeGroups: [{ name: 'nodes', nodeSelector: {} }], uplinks: [{ name: 'dummy0', nodeGroup: 'nodes', interface: 'dummy0' }], networks, vms: [] };
  const config = path.join(dir, 'agent.json');
  fs.writeFileSync(config, JSON.stringify({ apiVersion: 'multihome.io/v1alpha1', kind: 'AgentConfig', desiredState: nodeDesiredStateOf(topology, {}) }));
  fs.writeFileSync(path.join(dir, 'plan.json'), JSON.stringify({ agentBundle, config, k, reps }));
  const boot = await bootUml(path.join(ROOT, 'test', 'lab', 'umlinit.sh'), { LAB_DIR: dir, DRIVER: path.join(ROOT, 'bench', 'agent-uml-driver.js') }, 1800000);
  const file = path.join(dir, 'bench.json');
  if (!fs.existsSync(file)) throw new Error(`no bench results; console:\n${boot.console.slice(-3000)}`);
  const r = JSON.parse(fs.readFileSync(file, 'utf8')) as { samples: Record<string, number[]>; info: Record<string, unknown>; error?: string };
  if (r.error) throw new Error(r.error);
  const stat = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const med = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    return { min: s[0], median: med, n: s.length };
  };
  console.log(`K=${k} VLAN bridges (${r.info.commands} commands), ${reps} rep(s), one UML boot (${boot.durationMs} ms)`);
  for (const [name, xs] of Object.entries(r.samples)) {
    const s = stat(xs);
    console.log(`${name.padEnd(10)} min ${s.min.toFixed(0).padStart(7)} ms   median ${s.median.toFixed(0).padStart(7)} ms   n=${s.n}`);
  }
  const ratio = r.samples.agent.map((a, i) => a / r.samples.batch[i]);
  console.log(`agent/batch ratio per rep: ${ratio.map((x) => x.toFixed(2)).join(' ')}`);
  if (r.samples.naive) console.log(`naive/batch ratio (rep 1): ${(r.samples.naive[0] / r.samples.batch[0]).toFixed(1)}`);
  console.log(`agent info: ${JSON.stringify(r.info)}`);
  fs.writeFileSync(path.join(dir, 'summary.txt'), JSON.stringify(r, null, 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
