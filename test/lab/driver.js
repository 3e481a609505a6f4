/* eslint-disable */
// The real-kernel lab's scenario driver: runs INSIDE the user-mode-linux guest as one node
// process (each process start costs ~33 ms there, node ~0.8 s), reads the inputs multihome
// synthesized on the host ($LAB_DIR/plan.json, written by test/lab/lab.test.ts), drives the
// bundled agent (required in-process, plus one real CLI process) and the real bridge CNI plugin,
// proves every scenario with traffic, and writes $LAB_DIR/results.json for the jest test.
//
// Topology (all network namespaces inside the guest, joined by veth pairs):
//   sw        the "switch": bridge swbr (no VLAN filtering: it carries every tag), plus gateway
//             VLAN interfaces swbr.<id> with the addresses the scenarios ping
//   node01/02 seed 004 nodes, eth1 <-> swbr;  c7000: eno49 <-> swbr (seed 001)
//   bondnode  seed 002: ens161, ens256 <-> swbr (two cables into the same switch)
//   vma..vmd, pxe-vm   "VMs": namespaces the bridge CNI plugin plugs into the nodes' bridges with
//             the MAC and NAD config multihome rendered, addressed from their cloud-init networkData
'use strict';
const fs = require('fs');
const path = require('path');

const LAB = process.env.LAB_DIR;
const plan = JSON.parse(fs.readFileSync(path.join(LAB, 'plan.json'), 'utf8'));
const agent = require(plan.agentBundle);
const results = { ok: false, kernel: '', scenarios: {}, notes: [], processes: 0, timingsMs: {} };
const t0 = Date.now();

const { labUtil, diff } = require('./lab-util');
const { run, must, batch, sleep, ping, dump, settled, cni } = labUtil({ results, agent, cniPath: plan.cniPath });

/** Applies a node's synthesized config through the bundled agent, in-process (`agent apply --once`). */
/** With RECORD=1 on the UML command line: saves the agent's raw reads as unit-test fixtures. */
async function record(label, ns) {
  if (!process.env.RECORD) return;
  const { raw } = await agent.createIprouteBackend(agent.execFileExec, ns).read({ ipv6Routes: true, bridgeVlans: true });
  fs.mkdirSync(path.join(LAB, 'fixtures'), { recursive: true });
  fs.writeFileSync(path.join(LAB, 'fixtures', `${label}.json`), JSON.stringify(raw, null, 1));
}
async function apply(nodeNs, configFile) {
  const a = agent.createAgent({ configPath: configFile, netns: nodeNs, mode: 'apply', markBridges: false }, { logger: agent.silentLogger });
  const r = await a.apply();
  results.processes += r.processes;
  return r;
}
async function observe(nodeNs, configFile) {
  const a = agent.createAgent({ configPath: configFile, netns: nodeNs, mode: 'observe', markBridges: false }, { logger: agent.silentLogger });
  const r = await a.observe();
  results.processes += r.processes;
  return r;
}
const brief = (r) => ({ result: r.result, commands: r.commands, processes: r.processes, durationMs: Math.round(r.durationMs), timingsMs: r.timingsMs, error: r.error, problems: r.problems, probes: r.probes, rollback: r.rollback, verify: r.verify });

/**
 * Plugs a VM NIC as Multus and KubeVirt would: the NAD's config through the real plugins with the
 * VM's rendered MAC, then cloud-init's part: the VM's networkData addresses go on the guest
 * interface whose MAC is the networkData's `match.macaddress`. No fallback: a plugin that fails
 * (macspoofchk's nftables included) fails the scenario. Records what it found as checks of `s`.
 */
function plug(s, vm) {
  const r = cni('ADD', vm.node, vm.name, 'net1', vm.cni, vm.mac);
  if (!r.ok) throw new Error(`CNI ADD for ${vm.name} on ${vm.node} failed (${r.plugin}): ${r.error}`);
  vm.plugged = vm.cni;
  if (results.macspoofchk === undefined && JSON.stringify(vm.cni).includes('"macspoofchk":true')) results.macspoofchk = { supported: true };
  const links = JSON.parse(must('ip', ['-n', vm.name, '-j', 'link', 'show']).stdout);
  const nic = links.find((l) => l.address === vm.networkData.match);
  check(s, `${vm.name}: net1 has the rendered MAC ${vm.mac}, and cloud-init's match (${vm.networkData.match}) finds it`, nic && nic.ifname === 'net1' && nic.address === vm.mac, links.map((l) => `${l.ifname} ${l.address}`));
  if (nic) batch(vm.name, [...vm.networkData.addresses.map((a) => `address add ${a} dev ${nic.ifname}`), `link set dev ${nic.ifname} up`]);
}

function writeConfig(name, doc) {
  const f = path.join(LAB, 'configs', `${name}.json`);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, JSON.stringify(doc, null, 2));
  return f;
}

async function scenario(name, fn) {
  const start = Date.now();
  const s = { name, ok: false, checks: [] };
  results.scenarios[name] = s;
  try {
    await fn(s);
    s.ok = s.checks.every((c) => c.ok);
  } catch (e) {
    s.error = String((e && e.stack) || e);
  }
  s.durationMs = Date.now() - start;
  fs.writeFileSync(path.join(LAB, 'results.json'), JSON.stringify(results, null, 2));
}
const check = (s, what, ok, detail) => s.checks.push({ what, ok: !!ok, ...(detail === undefined ? {} : { detail }) });

async function main() {
  results.kernel = must('uname', ['-r']).stdout.trim();
  const I = plan.intents;
  const vmNames = [...I.seed004.vms.map((v) => v.name), ...I.seed001.vms.map((v) => v.name)];
  // ---- scaffolding: namespaces, cables, switch (lab furniture, not the agent's input) ----------
  const nodes = { node01: ['eth1'], node02: ['eth1'], c7000: ['eno49'], bondnode: I.seed002.ports };
  const top = ['netns add sw', ...Object.keys(nodes).map((n) => `netns add ${n}`), ...[...new Set(vmNames)].map((v) => `netns add ${v}`)];
  const swPorts = [];
  for (const [n, nics] of Object.entries(nodes))
    for (const nic of nics) {
      const peer = `s-${n.slice(0, 6)}-${nic}`.slice(0, 15);
      swPorts.push(peer);
      top.push(`link add ${nic} netns ${n} type veth peer name ${peer} netns sw`);
    }
  batch(null, top);
  const gw = [];
  for (const seg of I.seed002.segments) {
    const dev = seg.vlan ? `swbr.${seg.vlan}` : 'swbr';
    if (seg.vlan) gw.push(`link add link swbr name ${dev} up type vlan id ${seg.vlan}`);
    for (const a of seg.gateway) gw.push(`address add ${a} dev ${dev}${a.includes(':') ? ' nodad' : ''}`);
  }
  batch('sw', [
    'link set lo up',
    'link add swbr up type bridge stp_state 0',
    ...swPorts.flatMap((p) => [`link set ${p} master swbr`, `link set ${p} up`]),
    `link add link swbr name swbr.${I.seed001.vlan} up type vlan id ${I.seed001.vlan}`,
    `address add ${I.seed001.gateway} dev swbr.${I.seed001.vlan}`,
    ...gw,
  ]);
  // NICs: uplinks are up (cabled, as on a provisioned host); the bond's ports are down but have
  // been up once (as after boot), so the kernel already gave them a qdisc
  for (const [n, nics] of Object.entries(nodes))
    batch(n, [
      'link set lo up',
      ...nics.map((x) => `link set ${x} up`),
      ...nics.filter((x) => I.seed002.ports.includes(x)).map((x) => `link set ${x} down`),
    ]);
  await settled(Object.keys(nodes));
  await record('node01-empty', 'node01');
  await record('bondnode-empty', 'bondnode');
  const baseline = Object.fromEntries(Object.keys(nodes).map((n) => [n, dump(n)]));
  const cfg = {};
  for (const n of I.seed004.nodes) cfg[n.netns] = writeConfig(`${n.netns}-present`, n.config);
  cfg.c7000 = writeConfig('c7000-present', I.seed001.node.config);
  cfg.bondnode = writeConfig('bondnode-present', I.seed002.node.config);
  results.timingsMs.setup = Date.now() - t0;

  await scenario('seed004-trunk-bridge', async (s) => {
    for (const n of I.seed004.nodes) {
      const r = await apply(n.netns, cfg[n.netns]);
      s[`apply-${n.netns}`] = brief(r);
      check(s, `agent applied br0 trunk on ${n.netns}`, r.result === 'applied', r.error);
    }
    for (const vm of I.seed004.vms) plug(s, vm);
    const byName = Object.fromEntries(I.seed004.vms.map((v) => [v.name, v]));
    const ipOf = (v) => byName[v].networkData.addresses[0].split('/')[0];
    s.pings = [
      ping('vma', ipOf('vmb')),
      ping('vmb', ipOf('vma')),
      ping('vmc', ipOf('vmd')),
      ping('vmc', ipOf('vma'), { expect: false }),
      ping('vmd', ipOf('vmb'), { expect: false }),
    ];
    for (const p of s.pings) check(s, `${p.from} -> ${p.to} ${p.expect ? 'answers' : 'is isolated'}`, p.ok === p.expect, p.detail);
    // macspoofchk: frames from vma with another source MAC are dropped at its bridge port. The
    // neighbour caches are flushed first so that, without macspoofchk, vmb would ARP for vma and
    // answer the forged MAC (the ping would succeed): only the drop makes it fail.
    must('ip', ['-n', 'vma', 'link', 'set', 'dev', 'net1', 'address', '02:00:00:00:0b:ad']);
    must('ip', ['-n', 'vmb', 'neigh', 'flush', 'all']);
    must('ip', ['-n', 'vma', 'neigh', 'flush', 'all']);
    const spoofed = ping('vma', ipOf('vmb'), { expect: false });
    must('ip', ['-n', 'vma', 'link', 'set', 'dev', 'net1', 'address', byName.vma.mac]);
    const restored = ping('vma', ipOf('vmb'));
    s.macspoofchk = { spoofed, restored };
    check(s, 'macspoofchk: vma with a forged MAC gets no answer from vmb', !spoofed.ok, spoofed.detail);
    check(s, 'macspoofchk: vma with its own MAC again gets answers', restored.ok, restored.detail);
    if (results.macspoofchk) results.macspoofchk.enforced = !spoofed.ok && restored.ok;
    const again = await apply('node01', cfg.node01);
    s.reapply = brief(again);
    check(s, 'second apply on node01 is converged with zero commands', again.result === 'converged' && again.commands.length === 0);
    const obs = await observe('node02', cfg.node02);
    s.observe = brief(obs);
    check(s, 'observe on node02 reports no drift (CNI ports are not drift)', obs.result === 'converged' && obs.commands.length === 0, obs.commands);
    await record('node01-trunk-with-vms', 'node01');
    s.bridgeVlans = JSON.parse(must('bridge', ['-n', 'node01', '-j', 'vlan', 'show']).stdout);
  });

  await scenario('seed001-vlan-bridge', async (s) => {
    const r = await apply('c7000', cfg.c7000);
    s.apply = brief(r);
    check(s, 'agent applied eno49.1085 + bridge-1085', r.result === 'applied', r.error);
    await record('c7000-vlan-bridge', 'c7000');
    for (const vm of I.seed001.vms) plug(s, vm);
    const gwIp = I.seed001.gateway.split('/')[0];
    s.pings = I.seed001.vms.map((vm) => ping(vm.name, gwIp));
    for (const p of s.pings) check(s, `${p.from} reaches the VLAN ${I.seed001.vlan} gateway ${p.to} in the switch`, p.ok, p.detail);
  });

  await scenario('seed002-bond-failover', async (s) => {
    const r = await apply('bondnode', cfg.bondnode);
    s.apply = brief(r);
    check(s, 'agent applied bond0 + VLANs 144/145 and its probe passed', r.result === 'applied' && (r.probes || []).every((p) => p.ok), r.error);
    const targets = I.seed002.segments.flatMap((seg) => seg.gateway.map((g) => ({ seg: seg.vlan, ip: g.split('/')[0] })));
    const active = () => JSON.parse(must('ip', ['-n', 'bondnode', '-j', '-d', 'link', 'show', 'bond0']).stdout)[0].linkinfo.info_data.active_slave;
    s.before = targets.map((t) => ping('bondnode', t.ip));
    for (const p of s.before) check(s, `before the cut: ${p.to} answers`, p.ok, p.detail);
    s.activeBefore = active();
    await record('bondnode-bond-vlans', 'bondnode');
    const cut = `s-bondno-${s.activeBefore}`.slice(0, 15);
    must('ip', ['-n', 'sw', 'link', 'set', cut, 'down']);
    await sleep(600);
    s.activeAfter = active();
    check(s, `the bond failed over from ${s.activeBefore} to another port`, s.activeAfter && s.activeAfter !== s.activeBefore, s.activeAfter);
    s.after = targets.map((t) => ping('bondnode', t.ip));
    for (const p of s.after) check(s, `after cutting ${s.activeBefore}: ${p.to} still answers`, p.ok, p.detail);
    must('ip', ['-n', 'sw', 'link', 'set', cut, 'up']);
    await sleep(300);
  });

  await scenario('rollback', async (s) => {
    await settled(['bondnode']);
    const before = dump('bondnode');
    const f = writeConfig('bondnode-breaking', I.rollback.breaking.config);
    const r = await apply('bondnode', f);
    s.apply = brief(r);
    await settled(['bondnode']);
    const after = dump('bondnode');
    s.differences = diff(before, after);
    check(s, 'the breaking intent was applied, failed its probe and was rolled back', r.result === 'rolled-back' && r.rollback && r.rollback.ok, r.error);
    check(s, 'the probe failed after the change', (r.probes || []).some((p) => !p.ok));
    check(s, 'host state after equals state before (ip -j -d addr, route table all, -6 route, bridge vlan)', s.differences.length === 0, s.differences);
    s.rollbackMs = r.rollback ? Math.round(r.rollback.durationMs) : undefined;
    const p = ping('bondnode', '172.144.0.1', { dev: 'bond0.144' });
    check(s, 'the probe target answers again after the rollback', p.ok, p.detail);
  });

  await scenario('decommission', async (s) => {
    for (const vm of [...I.seed004.vms, ...I.seed001.vms]) {
      if (!vm.plugged) continue;
      const r = cni('DEL', vm.node, vm.name, 'net1', vm.plugged, vm.mac);
      check(s, `VM ${vm.name} unplugged (CNI DEL) before its network is removed`, r.ok, r.error);
    }
    const absent = [...I.seed004.decommission, I.seed001.decommission, I.seed002.decommission];
    s.applies = {};
    for (const n of absent) {
      const f = writeConfig(`${n.netns}-absent`, n.config);
      const r = await apply(n.netns, f);
      s.applies[n.netns] = brief(r);
      check(s, `${n.netns}: state absent applied`, r.result === 'applied', r.error);
      await settled([n.netns]);
      const d = diff(baseline[n.netns], dump(n.netns));
      check(s, `${n.netns}: no trace left (ip -j dumps equal the pre-lab baseline)`, d.length === 0, d);
      n.file = f;
    }
    // the second apply of a converged state, through the real CLI process of the bundle
    const first = absent[0];
    const cli = run('node', [plan.agentBundle, 'agent', 'apply', '--once', '--json', '--config', first.file, '--netns', first.netns]);
    let rep;
    try {
      rep = JSON.parse(cli.stdout);
    } catch (e) {
      rep = { result: 'unparsable', raw: cli.stdout + cli.stderr };
    }
    s.secondApplyCli = rep;
    check(s, `second apply on ${first.netns} (CLI process) is converged and runs zero commands`, cli.code === 0 && rep.result === 'converged' && rep.commands.length === 0, rep);
    for (const n of absent.slice(1)) {
      const r = await apply(n.netns, n.file);
      check(s, `second apply on ${n.netns} runs zero commands`, r.result === 'converged' && r.commands.length === 0, r.commands);
    }
  });

  results.ok = Object.values(results.scenarios).every((s) => s.ok);
}

main()
  .catch((e) => {
    results.error = String((e && e.stack) || e);
  })
  .finally(() => {
    results.timingsMs.total = Date.now() - t0;
    fs.writeFileSync(path.join(LAB, 'results.json'), JSON.stringify(results, null, 2));
  });
