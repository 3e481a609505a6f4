/* eslint-disable */
// Runs INSIDE user-mode-linux (booted by bench/agent-uml.ts through scripts/lab/umlinit.sh): converges
// K VLAN bridges (dummy0.<v> -> br<v>) in a namespace three ways in the same boot and times them:
//   agent      the bundled agent in-process: read, plan, one ip -batch, verify read
//   agent-cli  the same as a whole `node multihome-agent.js agent apply --once` process
//   batch      one hand-written `ip -batch` of exactly the commands the agent planned (the floor)
//   naive      one `ip` process per command (first rep only: ~1 min)
//   noop       the running agent's next reconcile on the converged host (read + plan, no command; the
//              unchanged config is not validated again); noop-fresh a new agent (config load included); noop-cli a CLI process
//   read       the bare state read on the converged host (`ip -j -d link show` + `ip -j addr show`,
//              shared/reference/baseline.md C(3)); read-agent: the agent's own read command, bare (no
//              bridge VLAN dump: no port of the intent has a vlan block, no bridge filters VLANs)
//   rollback   the agent applying the same intent with a probe that fails: the rollback's own time
//              (report.rollback.durationMs) and the whole apply → probe → rollback
//   delete     the rollback's floor: the same links created by the hand batch and left up as long as
//              the agent's were, then one `link del dev` per link as one hand-written ip -batch;
//              delete-group the same with the rollback's own lines (one group deletion)
// Rep 0 is a warm-up (not recorded); every timed section starts after a settle pause; the agent
// and the hand batch run back to back, the order alternating per rep.
// The driver, and every agent process it starts, runs with the agent's V8 flags (AGENT_NODE_FLAGS).
// Every program after the start runs through one spawn helper, as under `agent run` (the agent's
// and the driver's own: a fork of this process would make the agent's next writes fault, see
// lib/agent/spawn-helper.ts), so the floors are programs forked by a small process, like a shell's.
// Writes $LAB_DIR/bench.json.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const LAB = process.env.LAB_DIR;
const plan = JSON.parse(fs.readFileSync(path.join(LAB, 'plan.json'), 'utf8'));
// The agent in this process runs under the V8 flags its image starts it with (plan.nodeFlags,
// AGENT_NODE_FLAGS): umlinit.sh starts the driver without them, so it runs itself again with them.
if (!plan.nodeFlags.every((f) => process.execArgv.includes(f))) {
  const again = spawnSync(process.execPath, [...plan.nodeFlags, ...process.execArgv, __filename], { stdio: 'inherit' });
  process.exit(again.status === null ? 1 : again.status);
}
const agent = require(plan.agentBundle);
const REPS = plan.reps;
const NS = 'bench';
const out = { reps: REPS, k: plan.k, samples: {}, info: { faultsPerRep: { agent: [], noop: [] } } };
const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6;
// Each timed section starts on a settled kernel (the previous teardown's deferred work done),
// whichever side of a ratio it is. No forced GC before a section: tried, it made the agent's
// sections slower under UML (converge 1.54× vs 1.25× in back-to-back runs), not steadier.
const SETTLE_MS = 1000;
const sleep = (t) => new Promise((resolve) => setTimeout(resolve, t));
async function start() {
  await sleep(SETTLE_MS);
  return process.hrtime.bigint();
}
// the driver's GC pauses, to tell the agent's own work from the collection of a heap it shares
// with the driver: each section's window, and every GC entry, summed per window at the end
const { performance, PerformanceObserver } = require('perf_hooks');
const gcs = [];
new PerformanceObserver((list) => gcs.push(...list.getEntries().map((e) => [e.startTime, e.duration]))).observe({ entryTypes: ['gc'] });
const windows = {};
const gcWithin = ([a, b]) => Math.round(gcs.filter(([t]) => t >= a && t <= b).reduce((sum, [, d]) => sum + d, 0));
// minor page faults of this process (the agent's, in-process): under UML each costs ~0.2 ms, and
// after a fork every page the parent writes faults once (lib/core/topology/agent-runtime.ts)
const faults = () => process.resourceUsage().minorPageFault;
let warm = false; // rep 0 warms the driver's JIT up and is not recorded
const rec = (k, v) => warm && (out.samples[k] = out.samples[k] || []).push(Math.round(v * 10) / 10);
const helper = agent.startSpawnHelper();
const viaHelper = agent.spawnHelperDeps(helper);
async function run(file, args, input) {
  const r = await viaHelper.exec(file, args, { input: input || '', timeoutMs: 600000 });
  if (r.code !== 0) throw new Error(`${file} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
const linkList = async () => JSON.parse(await run('ip', ['-n', NS, '-j', 'link', 'show']));
const links = async () => (await linkList()).length;
async function main() {
  await run('ip', ['netns', 'add', NS]);
  await run('ip', ['-n', NS, '-batch', '-'], 'link add dummy0 type dummy\nlink set dummy0 up\n');
  const base = await links();
  const mkWith = (configPath) => agent.createAgent({ configPath, netns: NS, mode: 'apply', markBridges: false }, { logger: agent.silentLogger, ...viaHelper });
  const mk = () => mkWith(plan.config);
  let commands = [];
  const del = async () => {
    const names = (await linkList()).map((l) => l.ifname).filter((n) => /^br\d+$/.test(n) || /^dummy0\.\d+$/.test(n));
    await run('ip', ['-n', NS, '-batch', '-'], names.sort((a, b) => (a.startsWith('br') ? -1 : 1)).map((n) => `link del dev ${n}`).join('\n') + '\n');
  };
  const lines = () => commands.map((c) => c.replace(/^ip /, '')).join('\n') + '\n';
  for (let rep = 0; rep <= REPS; rep++) {
    warm = rep > 0;
    // the agent and its floor back to back, the order alternating per rep (the boot drifts: a
    // fixed order would hand one side the slower half); rep 0 runs the agent first, whose
    // commands the hand batch replays
    let running;
    const converge = async () => {
      const t0 = await start();
      const p0 = performance.now();
      const f0 = faults();
      running = mk();
      const r = await running.apply();
      rec('agent', ms(t0));
      if (warm) out.info.faultsPerRep.agent.push(faults() - f0);
      if (warm) (windows.agent = windows.agent || []).push([p0, performance.now()]);
      if (r.result !== 'applied') throw new Error(`agent apply: ${r.result} ${r.error}`);
      commands = r.commands;
      out.info.agentTimings = r.timingsMs;
      if (warm) (out.info.agentTimingsPerRep = out.info.agentTimingsPerRep || []).push(r.timingsMs);
      out.info.agentProcesses = r.processes;
      out.info.links = await links();
    };
    const handBatch = async () => {
      const text = lines();
      const t0 = await start();
      await run('ip', ['-n', NS, '-batch', '-'], text);
      rec('batch', ms(t0));
      if ((await links()) !== out.info.links) throw new Error('hand batch produced a different link count');
    };
    if (rep % 2 === 0) {
      await converge();
      await del();
      await handBatch();
    } else {
      await handBatch();
      await del();
      await converge();
    }
    let t;
    // the no-op reconcile of the running agent (the DaemonSet's periodic reconcile: same agent,
    // config unchanged, so it is not parsed and validated again); noop-fresh: a new agent, config load included
    t = await start();
    const pn = performance.now();
    const fn = faults();
    const n = await running.apply();
    rec('noop', ms(t));
    if (warm) out.info.faultsPerRep.noop.push(faults() - fn);
    if (warm) (windows.noop = windows.noop || []).push([pn, performance.now()]);
    if (n.result !== 'converged' || n.commands.length) throw new Error('no-op apply ran commands');
    out.info.noopProcesses = n.processes;
    t = await start();
    const fresh = await mk().apply();
    rec('noop-fresh', ms(t));
    if (fresh.result !== 'converged' || fresh.commands.length) throw new Error('no-op apply (new agent) ran commands');
    t = await start();
    await run('ip', ['-n', NS, '-j', '-d', 'link', 'show']);
    await run('ip', ['-n', NS, '-j', 'addr', 'show']);
    rec('read', ms(t));
    t = await start();
    await run('ip', ['-n', NS, '-j', '-d', '-batch', '-'], 'addr show\nroute show table main\n');
    rec('read-agent', ms(t));
    t = await start();
    await run(process.execPath, [...plan.nodeFlags, plan.agentBundle, 'agent', 'apply', '--once', '--config', plan.config, '--netns', NS]);
    rec('noop-cli', ms(t));
    await del();
    if (plan.rollbackConfig) {
      t = await start();
      const rb = await mkWith(plan.rollbackConfig).apply();
      rec('rollback-total', ms(t));
      if (rb.result !== 'rolled-back' || !rb.rollback || !rb.rollback.ok) throw new Error(`rollback run: ${rb.result} ${rb.error} ${JSON.stringify(rb.rollback && rb.rollback.remaining)}`);
      rec('rollback', rb.rollback.durationMs);
      out.info.rollbackTimings = rb.timingsMs;
      out.info.rollbackCommands = rb.rollback.commands.length;
      out.info.rollbackProcesses = rb.processes;
      if ((await links()) !== base) throw new Error('rollback left links behind');
      // the floors of the rollback: the same links created by a hand batch, left up as long as the
      // agent's were before its rollback (verifying read + probe), then deleted by hand in one
      // ip -batch — `delete`: one `link del dev` per link, what a person writes; `delete-group`:
      // the rollback's own lines (the links into one group, one `link del group`)
      const deleted = rb.rollback.commands.flatMap((c) => { const m = /^ip link (?:set dev (\S+) group \d+|del dev (\S+))$/.exec(c); return m ? [m[1] || m[2]] : []; });
      const handDeletions = [
        ['delete', deleted.map((n) => `link del dev ${n}`)],
        ['delete-group', rb.rollback.commands.filter((c) => c.startsWith('ip ')).map((c) => c.replace(/^ip /, ''))],
      ];
      for (const [label, delLines] of handDeletions) {
        await run('ip', ['-n', NS, '-batch', '-'], lines());
        await new Promise((resolve) => setTimeout(resolve, (rb.timingsMs.verifyMs || 0) + (rb.timingsMs.probeMs || 0)));
        t = process.hrtime.bigint();
        await run('ip', ['-n', NS, '-batch', '-'], delLines.join('\n') + '\n');
        rec(label, ms(t));
        if ((await links()) !== base) throw new Error(`the hand deletion (${label}) left links behind`);
      }
      out.info.deleteCommands = deleted.length;
    }
    t = await start();
    await run(process.execPath, [...plan.nodeFlags, plan.agentBundle, 'agent', 'apply', '--once', '--config', plan.config, '--netns', NS]);
    rec('agent-cli', ms(t));
    await del();
    if (rep === 1) {
      t = await start();
      for (const c of commands) await run('ip', ['-n', NS, ...c.replace(/^ip /, '').split(' ')]);
      rec('naive', ms(t));
      await del();
    }
    if ((await links()) !== base) throw new Error('teardown left links behind');
  }
  out.info.commands = commands.length;
  out.info.nodeFlags = process.execArgv;
  await sleep(100); // the last GC entries
  out.info.gcMsPerRep = Object.fromEntries(Object.entries(windows).map(([k, ws]) => [k, ws.map(gcWithin)]));
}
main()
  .catch((e) => (out.error = String(e.stack || e)))
  .finally(() => {
    helper.close();
    fs.writeFileSync(path.join(LAB, 'bench.json'), JSON.stringify(out, null, 2));
  });
