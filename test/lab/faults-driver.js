/* eslint-disable */
// The fault lab's driver: runs INSIDE the user-mode-linux guest as one node process (the agent is
// required in-process; the CLI runs as a child process where a signal must hit a real process),
// reads the inputs multihome synthesized on the host ($LAB_DIR/plan.json, written by
// test/lab/faults.test.ts from test/lab/fault-intents.ts), runs every fault scenario on its own
// node namespace and writes $LAB_DIR/results.json.
//
// Every scenario ends with one check "end state: ..." comparing the node's `ip -j` dump (addr,
// route table all, -6 route table all, bridge vlan) with the dump before the change or a post-change
// reference (the dump after a successful apply, or a clean apply of the same config in a fresh
// namespace whose NICs have the same MACs), and records which state the agent's report says it
// ended in. Around each fault, observe runs on the node and must change nothing (guard()).
//
// Topology: `sw` (bridge swbr carrying every tag, gateway VLAN interfaces swbr.<id>), one node
// namespace per scenario whose NICs are veths into swbr (deleted after the scenario, so nodes that
// use the same addresses never meet on the switch), `void` (peers of reference namespaces: carrier
// but no switch), VM namespaces plugged by the real bridge CNI plugin.
'use strict';
const { spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const path = require('path');
const { labUtil, diff } = require('./lab-util');
const { alive, childrenOf } = require('../support/processes');

const LAB = process.env.LAB_DIR;
const plan = JSON.parse(fs.readFileSync(path.join(LAB, 'plan.json'), 'utf8'));
const agent = require(plan.agentBundle);
const I = plan.intents;
const results = { ok: false, kernel: '', scenarios: {}, observeGuards: [], processes: 0, timingsMs: {}, notes: [] };
const { run, must, batch, sleep, ping, dump, settled, cni } = labUtil({ results, agent, cniPath: plan.cniPath });
const t0 = Date.now();
const JOURNAL_DIR = agent.DEFAULT_STATE_DIR;
const journalOf = (ns) => agent.journalPath(JOURNAL_DIR, ns);
const KILLED_JOURNAL = '/run/faults/killed-journal.json';
/** How long after the journal appears the SIGKILL comes (the batch of K VLAN bridges takes ~1 s in UML). */
const KILL_AFTER_JOURNAL_MS = 250;

// ---- lab furniture ------------------------------------------------------------------------------
// NIC MACs are fixed per (node, NIC), so a reference namespace can be given the very MACs of its node
const macOf = (ns, nic) => '02:fa:' + crypto.createHash('sha256').update(`${ns}/${nic}`).digest('hex').slice(0, 8).match(/../g).join(':');
let peerSeq = 0;
/**
 * Node namespaces whose NICs are veths (fixed MACs) into the switch (or `void`), in a few batches;
 * `down` NICs (bond ports) end down after having been up once. `macsOf` names the node whose MACs
 * a reference namespace copies.
 */
function makeNodes(specs) {
  const root = [];
  const far = { sw: [], void: [] };
  for (const n of specs) {
    root.push(`netns add ${n.ns}`);
    for (const nic of n.nics) {
      const peer = `p${++peerSeq}`;
      const side = n.void ? 'void' : 'sw';
      root.push(`link add ${nic} address ${macOf(n.macsOf || n.ns, nic)} netns ${n.ns} type veth peer name ${peer} netns ${side}`);
      far[side].push(...(side === 'sw' ? [`link set ${peer} master swbr`] : []), `link set ${peer} up`);
    }
  }
  batch(null, root);
  for (const side of ['sw', 'void']) if (far[side].length) batch(side, far[side]);
  for (const n of specs) {
    batch(n.ns, ['link set lo up', ...n.nics.map((x) => `link set ${x} up`), ...(n.down || []).map((x) => `link set ${x} down`)]);
    // duplicate address detection on, explicitly (the kernel's defaults, but a test of DAD must not depend on them)
    must('ip', ['netns', 'exec', n.ns, 'sysctl', '-q', '-w', 'net.ipv6.conf.all.accept_dad=1', 'net.ipv6.conf.default.accept_dad=1', 'net.ipv6.conf.default.dad_transmits=1']);
  }
}
function makeNode(ns, nics, o = {}) {
  makeNodes([{ ns, nics, ...o }]);
  return ns;
}
/** The scenarios' nodes, made and settled together before the first scenario. */
const NODES = {};
const node = (ns) => {
  if (!NODES[ns]) throw new Error(`node ${ns} is not declared in NODES`);
  return ns;
};
const dropNode = (ns) => run('ip', ['netns', 'del', ns]);
const linkCount = (ns) => must('ip', ['-n', ns, '-o', 'link', 'show']).stdout.split('\n').filter((l) => l.trim()).length;
const BOND = { nics: () => I.bond.ports, down: () => I.bond.ports };

function writeConfig(name, doc, dir = path.join(LAB, 'configs')) {
  const f = path.join(dir, `${name}.json`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(f, JSON.stringify(doc, null, 2));
  return f;
}
const noProbes = (doc) => ({ ...doc, probes: [], defaultGatewayProbe: false });

// ---- the agent ----------------------------------------------------------------------------------
const silent = agent.silentLogger;
let helper; // one spawn helper for the running agents, started with the first, as `agent run` does
function makeAgent(ns, file, mode, deps = {}, opts = {}) {
  // a running agent (one with a port) starts its programs in the spawn helper, as under `agent run`
  const viaHelper = opts.port !== undefined && !deps.exec && !deps.converse ? agent.spawnHelperDeps((helper = helper || agent.startSpawnHelper())) : {};
  return agent.createAgent({ configPath: file, netns: ns, mode, markBridges: false, stateDir: JOURNAL_DIR, ...opts }, { logger: silent, ...viaHelper, ...deps });
}
async function apply(ns, file, deps) {
  const r = await makeAgent(ns, file, 'apply', deps).apply();
  results.processes += r.processes;
  return r;
}
async function observe(ns, file) {
  const r = await makeAgent(ns, file, 'observe').observe();
  results.processes += r.processes;
  return r;
}
const brief = (r) =>
  r && { result: r.result, endedIn: r.endedIn, commands: r.commands, processes: r.processes, durationMs: Math.round(r.durationMs || 0), error: r.error, problems: r.problems, probes: r.probes, rollback: r.rollback, verify: r.verify, recovered: r.recovered, timingsMs: r.timingsMs };

/** Which state the report says the apply ended in (`report.endedIn`). */
function endedIn(r) {
  if (!r || !r.result) return 'no report';
  return r.endedIn || 'no endedIn in the report';
}

/** Do rollback `commands` delete `dev`: `link del dev <dev>`, or `dev` put in a link group that is then deleted. */
function deletes(commands, dev) {
  if (commands.includes(`ip link del dev ${dev}`)) return true;
  const grouped = commands.map((c) => new RegExp(`^ip link set dev ${dev.replace(/\./g, '\\.')} group (\\d+)$`).exec(c)).find(Boolean);
  return Boolean(grouped) && commands.includes(`ip link del group ${grouped[1]}`);
}

/**
 * An exec that runs `before(n)` before the n-th (1-based) write batch (`ip -batch`/`bridge -batch`
 * with lines other than the state read's, MAIN_READ_LINES; the verifying read may ride at its end) of the agent.
 * Given an exec, the agent runs every program through it (no held read process).
 */
function injecting(before, log = []) {
  let n = 0;
  return async (file, args, options) => {
    const isBatch = (file === 'ip' || file === 'bridge') && args.includes('-batch') && (options && options.input) !== agent.MAIN_READ_LINES;
    if (isBatch) {
      n++;
      log.push({ n, file, args: [...args], lines: (options && options.input ? options.input.trim().split('\n').length : 0) });
      await before(n, file, args);
    }
    return agent.execFileExec(file, args, options);
  };
}

// ---- dumps --------------------------------------------------------------------------------------
/**
 * A dump comparable across namespaces: which netns a veth peer sits in is furniture, and a
 * bridge's IPv6 link-local address comes from the random MAC the kernel gave it at creation
 * (before its first port lent it its MAC), so two clean applies never agree on it: those
 * addresses and their local-table routes are left out. Everything else is compared.
 */
function portable(d) {
  const links = {};
  const random = new Set();
  for (const [k, v] of Object.entries(d.links)) {
    const { link_netnsid: _n, ...rest } = v;
    if (rest.linkinfo && rest.linkinfo.info_kind === 'bridge' && rest.addr_info) {
      for (const a of rest.addr_info) if (a.family === 'inet6' && a.scope === 'link') random.add(a.local);
      rest.addr_info = rest.addr_info.filter((a) => !(a.family === 'inet6' && a.scope === 'link'));
    }
    links[k] = rest;
  }
  const keep = (r) => !random.has(r.dst);
  return { ...d, links, routes4: (d.routes4 || []).filter(keep), routes6: (d.routes6 || []).filter(keep) };
}
/** `d` without the named links and anything routed through them. */
function minusLinks(d, names) {
  const keep = (r) => !names.includes(r.dev);
  const links = Object.fromEntries(Object.entries(d.links).filter(([k]) => !names.includes(k)));
  const bridgeVlans = Object.fromEntries(Object.entries(d.bridgeVlans).filter(([k]) => !names.includes(k)));
  return { links, routes4: (d.routes4 || []).filter(keep), routes6: (d.routes6 || []).filter(keep), bridgeVlans };
}
/**
 * The post-change reference: `doc` (probes off: the reference has no switch to probe) applied
 * cleanly in a fresh namespace with the same NICs and MACs.
 */
async function reference(label, doc, from) {
  const ns = `ref-${label}`.slice(0, 15);
  makeNode(ns, NODES[from].nics, { void: true, down: NODES[from].down, macsOf: from });
  await settled([ns]);
  const r = await apply(ns, writeConfig(`ref-${label}`, noProbes(doc)));
  if (r.result !== 'applied') throw new Error(`reference apply of ${label} in a fresh namespace: ${r.result} ${r.error || ''} ${(r.problems || []).join('; ')}`);
  await settled([ns]);
  const d = dump(ns);
  dropNode(ns);
  return d;
}

// ---- scenarios ----------------------------------------------------------------------------------
const check = (s, what, ok, detail) => {
  s.checks.push({ what, ok: !!ok, atMs: Date.now() - s.start, ...(detail === undefined ? {} : { detail }) });
  console.error(`${s.name} +${Date.now() - s.start} ms: ${ok ? 'ok' : 'FAILED'} ${what}`);
};
async function scenario(name, fn) {
  const start = Date.now();
  const s = { name, ok: false, checks: [], start };
  console.error(`${name}: start`);
  results.scenarios[name] = s;
  try {
    await fn(s);
    s.ok = s.checks.every((c) => c.ok);
  } catch (e) {
    s.error = String((e && e.stack) || e);
  }
  s.durationMs = Date.now() - start;
  for (const ns of s.cleanup || []) dropNode(ns);
  fs.writeFileSync(path.join(LAB, 'results.json'), JSON.stringify(results, null, 2));
}
/** Observe on `ns` must not change it: the dumps right before and after are equal. */
async function guard(s, ns, file, when) {
  await settled([ns]);
  const before = dump(ns);
  const r = await observe(ns, file);
  const d = diff(before, dump(ns));
  results.observeGuards.push({ scenario: s.name, ns, when, result: r.result, drift: r.commands.length, equal: d.length === 0, diff: d });
  check(s, `observe ${when} the fault changed nothing on ${ns} (${r.result})`, d.length === 0, d);
  return r;
}
/**
 * The last check of every scenario: the node's dump equals the `expected` state (`pre` or
 * `post`), and the report says the agent ended there.
 */
async function end(s, ns, r, expected, reference, o = {}) {
  if (!o.now) await settled([ns]);
  let now = o.now || dump(ns);
  let ref = reference;
  if (o.baseCounters) {
    // a VLAN in a bridge makes its base promiscuous (allmulti too): counters on the base that
    // follow the named VLAN's state, not a change of the base itself
    const strip = (d) => ({ ...d, links: { ...d.links, ...Object.fromEntries(o.baseCounters.filter((b) => d.links[b]).map((b) => { const { promiscuity: _p, allmulti: _a, ...rest } = d.links[b]; return [b, rest]; })) } });
    now = strip(now);
    ref = strip(ref);
  }
  if (o.minus) {
    now = minusLinks(now, o.minus);
    ref = minusLinks(ref, o.minus);
  }
  if (o.portable) {
    now = portable(now);
    ref = portable(ref);
  }
  const d = diff(ref, now);
  const e = endedIn(r);
  s.endedIn = e;
  s.expectedEnd = expected;
  s.differences = d;
  const want = expected === 'pre' ? 'previous-state' : expected === 'post' ? 'new-state' : 'mixed-state';
  check(s, `end state: the dump equals the ${expected === 'post' ? 'post' : 'pre'}-change ${o.what || 'dump'}${o.minus ? ` except ${o.minus.join(', ')}` : ''}${o.baseCounters ? ` (and ${o.baseCounters.join(', ')}'s promiscuity/allmulti)` : ''} and the report says ${want}`, d.length === 0 && e === want, { differences: d, endedIn: e });
}

/** Plugs a rendered VM NIC into its node through the real CNI plugins and addresses it from its cloud-init networkData. */
function plug(s, vm, nodeNs) {
  const vmNs = vm.name;
  must('ip', ['netns', 'add', vmNs]);
  must('ip', ['-n', vmNs, 'link', 'set', 'lo', 'up']);
  const r = cni('ADD', nodeNs, vmNs, 'net1', vm.cni, vm.mac);
  if (!r.ok) throw new Error(`CNI ADD for ${vm.name} on ${nodeNs} failed (${r.plugin}): ${r.error}`);
  batch(vmNs, [...vm.networkData.addresses.map((a) => `address add ${a} dev net1`), 'link set dev net1 up']);
  (s.cleanup = s.cleanup || []).push(vmNs);
  return vmNs;
}

async function http200(port, p) {
  return new Promise((resolve) => {
    http
      .get({ host: '127.0.0.1', port, path: p, timeout: 5000 }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode, body }));
      })
      .on('error', (e) => resolve({ status: 0, body: String(e) }));
  });
}
/** One sample of a Prometheus text metric (labels as given, `{}` for none); undefined when absent. */
function metric(text, name, labels = {}) {
  const l = Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(',');
  const key = l ? `${name}{${l}}` : name;
  const line = text.split('\n').find((x) => x.startsWith(key + ' '));
  return line === undefined ? undefined : Number(line.slice(key.length + 1));
}
function capturingLogger(sink) {
  const log = (level) => (message, fields) => sink.push({ level, message, ...(fields || {}) });
  const l = { info: log('info'), warn: log('warn'), error: log('error'), child: () => l };
  return l;
}
const noWatch = () => ({ close: () => undefined });
async function waitFor(fn, maxMs, stepMs = 50) {
  const start = Date.now();
  while (Date.now() - start < maxMs) {
    const v = await fn();
    if (v) return v;
    await sleep(stepMs);
  }
  return fn();
}
function childExit(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve({ code: child.exitCode, signal: child.signalCode });
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
}
function cli(args, o = {}) {
  results.processes++;
  const child = spawn('node', [plan.agentBundle, 'agent', ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: !!o.group });
  child.out = '';
  child.err = '';
  child.stdout.on('data', (d) => (child.out += d));
  child.stderr.on('data', (d) => (child.err += d));
  return child;
}
const parse = (t) => {
  try {
    return JSON.parse(t);
  } catch (e) {
    return undefined;
  }
};

async function main() {
  results.kernel = must('uname', ['-r']).stdout.trim();
  results.bootId = fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  // geneve for the "NIC" of the MTU scenario
  const kv = fs.readdirSync('/usr/lib/uml/modules')[0];
  for (const m of ['net/ipv4/udp_tunnel', 'net/ipv6/ip6_udp_tunnel', 'drivers/net/geneve']) run('insmod', [path.join('/usr/lib/uml/modules', kv, 'kernel', `${m}.ko`)]);
  // ---- the switch: every gateway the scenarios ping
  const gw = [];
  for (const seg of I.bond.segments) {
    const dev = seg.vlan ? `swbr.${seg.vlan}` : 'swbr';
    if (seg.vlan) gw.push(`link add link swbr name ${dev} up type vlan id ${seg.vlan}`);
    for (const a of seg.gateway) gw.push(`address add ${a} dev ${dev}${a.includes(':') ? ' nodad' : ''}`);
  }
  // the guest's own loopback carries the run-mode agents' HTTP (/healthz, /readyz, /metrics)
  batch(null, ['link set lo up', 'netns add sw', 'netns add void']);
  batch('void', ['link set lo up']);
  batch('sw', [
    'link set lo up',
    'link add swbr up type bridge stp_state 0',
    `link add link swbr name swbr.${I.vlanBridge.vlan} up type vlan id ${I.vlanBridge.vlan}`,
    `address add ${I.vlanBridge.gateway} dev swbr.${I.vlanBridge.vlan}`,
    `link add link swbr name swbr.${I.trunk.vlan} up type vlan id ${I.trunk.vlan}`,
    `address add ${I.trunk.gateway} dev swbr.${I.trunk.vlan}`,
    'link add link swbr name swbr.146 up type vlan id 146',
    'address add 172.146.0.1/16 dev swbr.146',
    `address add ${I.bond.route.probe}/32 dev lo`,
    ...gw,
  ]);
  fs.mkdirSync(JOURNAL_DIR, { recursive: true });
  fs.mkdirSync(path.dirname(KILLED_JOURNAL), { recursive: true });
  results.timingsMs.setup = Date.now() - t0;
  const F = {
    vb: writeConfig('vlan-bridge', I.vlanBridge.node.config),
    vb1086: writeConfig('vlan-bridge-1086', I.vlanBridge.plus1086.config),
    vbMtu: writeConfig('vlan-bridge-1086-mtu9000', I.vlanBridge.plus1086Mtu9000.config),
    vbAbsent: writeConfig('vlan-bridge-absent', I.vlanBridge.absent.config),
    vbAbsentFailing: writeConfig('vlan-bridge-absent-failing', I.vlanBridge.absentFailing.config),
    vbMtu65535: writeConfig('vlan-bridge-mtu65535', I.vlanBridge.mtu65535.config),
    bond: writeConfig('bond', I.bond.node.config),
    bondDad: writeConfig('bond-dad', I.bond.dadConflict.config),
    bondRouted: writeConfig('bond-routed', I.bond.routed.config),
    bondRouteRemoved: writeConfig('bond-route-removed', I.bond.routeRemoved.config),
    trunk: writeConfig('trunk', I.trunk.node.config),
    dhcp: writeConfig('dhcp', I.dhcp.node.config),
    big: writeConfig('big', I.big.node.config),
    slow: writeConfig('slow', I.slowFailing.node.config),
  };
  const eno49 = I.vlanBridge.nic;
  const gw1085 = I.vlanBridge.gateway.split('/')[0];
  Object.assign(NODES, {
    big: { nics: [I.big.nic] },
    'big-run': { nics: [I.big.nic] },
    'c-eexist': { nics: [eno49] },
    'bond-noipv6': { nics: BOND.nics(), down: BOND.down() },
    c7000: { nics: [eno49] },
    bondnode: { nics: BOND.nics(), down: BOND.down() },
    'c-nouplink': { nics: ['eno50'] },
    bondlost: { nics: BOND.nics(), down: BOND.down() },
    dadnode: { nics: BOND.nics(), down: BOND.down() },
    'c-invalid': { nics: [eno49] },
    busynode: { nics: BOND.nics(), down: BOND.down() },
    'c-quick': { nics: [eno49] },
    'c-reboot': { nics: [eno49] },
    'c-stale': { nics: [eno49] },
    'c-gone': { nics: [eno49] },
    'c-rbfail': { nics: [eno49] },
    slow: { nics: [I.slowFailing.nic] },
    'c-metrics': { nics: [eno49] },
    [I.trunk.vm.node]: { nics: [I.trunk.nic] },
    'c-kind': { nics: [eno49] },
    'c-vlanuse': { nics: [eno49] },
    dhcpnode: { nics: [I.dhcp.nic] },
  });
  const tNodes = Date.now();
  makeNodes(Object.entries(NODES).map(([ns, n]) => ({ ns, ...n })));
  await settled(Object.keys(NODES));
  results.timingsMs.nodes = Date.now() - tNodes;

  /** The end of a kill scenario on a node of I.big (the node's name is its reference's label): observe changes nothing, the restarted agent recovers from the journal and applies, the host equals a clean apply's. */
  async function restartAfterKill(s, ns, pre) {
    await guard(s, ns, F.big, 'after the kill');
    const r = await apply(ns, F.big);
    s.restart = brief(r);
    check(s, 'the restarted agent recovered the interrupted apply (report.recovered, ok) and then applied', r.recovered && r.recovered.ok === true && r.result === 'applied', { recovered: r.recovered, result: r.result, error: r.error });
    check(s, 'the journal is gone after the apply', !fs.existsSync(journalOf(ns)));
    const ref = await reference(ns, I.big.node.config, ns);
    check(s, 'the pre-change dump differs from the reference (the change was real)', diff(pre, ref).length > 0);
    await end(s, ns, r, 'post', ref, { portable: true, what: 'reference (a clean apply in a fresh namespace)' });
  }

  await scenario('sigkill-mid-apply', async (s) => {
    const ns = node('big');
    s.cleanup = [ns];
    await settled([ns]);
    await guard(s, ns, F.big, 'before');
    const pre = dump(ns);
    const base = linkCount(ns);
    const full = base + 2 * I.big.k;
    // the CLI process in its own process group: a container's OOM kill or SIGKILL takes the agent and its `ip -batch` child together
    const child = cli(['apply', '--once', '--json', '--config', F.big, '--netns', ns, '--state-dir', JOURNAL_DIR], { group: true });
    // the journal is written right before the first batch command: kill a moment later, mid-batch
    // (polling the file costs no process; counting links would take ~33 ms a read, ~30 links' time)
    let killedAt;
    let journalBeforeKill = false;
    const deadline = Date.now() + 60000;
    while (Date.now() < deadline && child.exitCode === null && !journalBeforeKill) {
      journalBeforeKill = fs.existsSync(journalOf(ns));
      await sleep(2);
    }
    if (journalBeforeKill) {
      await sleep(KILL_AFTER_JOURNAL_MS);
      process.kill(-child.pid, 'SIGKILL');
      killedAt = Date.now();
    }
    const exit = await childExit(child);
    await sleep(200);
    const half = linkCount(ns);
    s.kill = { base, full, killedAt, half, exit, journalBeforeKill, stderr: child.err.slice(-500) };
    check(s, `the agent was killed (SIGKILL) mid-batch: ${half - base} of ${2 * I.big.k} links created (a half state)`, exit.signal === 'SIGKILL' && half > base && half < full, s.kill);
    check(s, 'the apply journal was written before the first batch command and survives the kill', journalBeforeKill && fs.existsSync(journalOf(ns)), { journalBeforeKill });
    // kept on tmpfs for the stale-journal scenario
    if (fs.existsSync(journalOf(ns))) fs.writeFileSync(KILLED_JOURNAL, fs.readFileSync(journalOf(ns)));
    await restartAfterKill(s, ns, pre);
  });

  await scenario('sigkill-agent-run', async (s) => {
    const ns = node('big-run');
    s.cleanup = [ns];
    await settled([ns]);
    await guard(s, ns, F.big, 'before');
    const pre = dump(ns);
    // `agent run` starts its programs in a spawn helper (lib/agent/spawn-helper.ts): the ip -batch
    // is the helper's child. SIGKILL to the agent alone (kill <pid>, not its group) leaves both.
    const child = cli(['run', '--mode', 'apply', '--config', F.big, '--netns', ns, '--state-dir', JOURNAL_DIR, '--port', '0', '--listen-address', '127.0.0.1', '--interval-seconds', '3600', '--no-mark-bridges']);
    const journal = await waitFor(() => (child.exitCode !== null ? 'exited' : fs.existsSync(journalOf(ns)) ? 'written' : undefined), 60000, 2);
    await sleep(KILL_AFTER_JOURNAL_MS);
    const helpers = childrenOf(child.pid);
    const programs = helpers.flatMap(childrenOf);
    const sent = child.exitCode === null && child.kill('SIGKILL');
    const exit = await childExit(child);
    const helperGone = await waitFor(() => helpers.every((p) => !alive(p)) || undefined, 10000, 20);
    const programsGone = await waitFor(() => programs.every((p) => !alive(p)) || undefined, 10000, 20);
    s.kill = { journal, sent, exit, helpers, programs, helperGone: !!helperGone, programsGone: !!programsGone, stderr: child.err.slice(-500) };
    check(s, 'the agent was killed (SIGKILL, the agent process alone) after its journal was written, while its one child, the spawn helper, ran the batch', journal === 'written' && sent && exit.signal === 'SIGKILL' && helpers.length === 1, s.kill);
    check(s, 'the spawn helper exited with the agent and the programs it started ended (none left behind)', !!helperGone && !!programsGone, s.kill);
    check(s, 'the apply journal survives the kill', fs.existsSync(journalOf(ns)));
    await restartAfterKill(s, ns, pre);
  });

  await scenario('batch-fails-eexist', async (s) => {
    const ns = node('c-eexist');
    s.cleanup = [ns];
    await settled([ns]);
    await guard(s, ns, F.vb, 'before');
    const pre = dump(ns);
    const log = [];
    const exec = injecting(async (n) => {
      if (n === 1) await agent.execFileExec('ip', ['-n', ns, 'link', 'add', 'bridge-1085', 'type', 'dummy']);
    }, log);
    const r = await apply(ns, F.vb, { exec });
    s.apply = brief(r);
    s.batches = log;
    check(s, 'the batch failed half-way (File exists) after creating eno49.1085, and was rolled back', r.result === 'rolled-back' && /File exists/.test(r.error || '') && r.rollback && r.rollback.ok && r.rollback.commands.some((c) => c.includes('eno49.1085')), s.apply);
    check(s, 'the conflicting interface (someone else\'s dummy) was left alone', linkCount(ns) === Object.keys(pre.links).length + 1);
    await guard(s, ns, F.vb, 'after');
    await end(s, ns, r, 'pre', pre, { minus: ['bridge-1085'], what: 'dump (the injected dummy aside)' });
  });

  await scenario('batch-fails-ipv6-disabled', async (s) => {
    // IPv6 disabled by sysctl for every new interface (a host setting the plan cannot see): the
    // batch creates bond0 and its VLANs, enslaves the ports, and fails at the first IPv6 address
    const ns = node('bond-noipv6');
    s.cleanup = [ns];
    must('ip', ['netns', 'exec', ns, 'sysctl', '-q', '-w', 'net.ipv6.conf.default.disable_ipv6=1']);
    await settled([ns]);
    await guard(s, ns, F.bond, 'before');
    const pre = dump(ns);
    const r = await apply(ns, F.bond);
    s.apply = brief(r);
    const failedAt = /Command failed -:(\d+)/.exec(r.error || '');
    s.failedLine = failedAt && Number(failedAt[1]);
    check(s, 'the batch failed half-way (Permission denied at an IPv6 address, after bond0 and its VLANs were created) and was rolled back', r.result === 'rolled-back' && /Permission denied/.test(r.error || '') && s.failedLine > 3 && r.rollback && r.rollback.ok && deletes(r.rollback.commands, 'bond0'), s.apply);
    await guard(s, ns, F.bond, 'after');
    await end(s, ns, r, 'pre', pre);
  });

  await scenario('vlan-mtu-above-base', async (s) => {
    const ns = node('c7000');
    s.cleanup = [ns];
    await settled([ns]);
    const first = await apply(ns, F.vb);
    check(s, 'seed 001 applied', first.result === 'applied', first.error);
    const vm = plug(s, I.vlanBridge.vm, ns);
    check(s, `${vm} reaches the VLAN ${I.vlanBridge.vlan} gateway before the change`, ping(vm, gw1085).ok);
    await guard(s, ns, F.vbMtu, 'before');
    const pre = dump(ns);
    const r = await apply(ns, F.vbMtu);
    s.apply = brief(r);
    check(s, 'eno49.1085 MTU 9000 above its base\'s 1500 (the kernel would say ERANGE) is refused before the batch: unsatisfiable, AGENT_HOST_MTU_RANGE, no command', r.result === 'unsatisfiable' && r.commands.length === 0 && (r.problems || []).some((p) => p.includes('AGENT_HOST_MTU_RANGE') && p.includes('eno49.1085')), s.apply);
    await guard(s, ns, F.vbMtu, 'after');
    const p = ping(vm, gw1085);
    check(s, `${vm} still reaches the gateway`, p.ok, p.detail);
    await end(s, ns, r, 'pre', pre);
  });

  await scenario('probe-fails-route-restored', async (s) => {
    const ns = node('bondnode');
    s.cleanup = [ns];
    await settled([ns]);
    const first = await apply(ns, F.bondRouted);
    s.first = brief(first);
    check(s, `bond + route ${I.bond.route.destination} via ${I.bond.route.via} applied, probes passed`, first.result === 'applied', first.error);
    check(s, `${I.bond.route.probe} answers through the route`, ping(ns, I.bond.route.probe).ok);
    await guard(s, ns, F.bondRouteRemoved, 'before');
    const pre = dump(ns);
    const r = await apply(ns, F.bondRouteRemoved);
    s.apply = brief(r);
    check(s, 'removing the route made the routed probe fail; rolled back', r.result === 'rolled-back' && r.rollback && r.rollback.ok && (r.probes || []).some((p) => p.name === 'routed' && !p.ok), s.apply);
    await guard(s, ns, F.bondRouteRemoved, 'after');
    await settled([ns]);
    const routes = dump(ns).routes4.filter((x) => x.dst === I.bond.route.destination);
    check(s, 'the route is back in the dump (dst, gateway, dev)', routes.length === 1 && routes[0].gateway === I.bond.route.via && routes[0].dev === I.bond.route.dev, routes);
    const p = ping(ns, I.bond.route.probe);
    check(s, `${I.bond.route.probe} answers again`, p.ok, p.detail);
    await end(s, ns, r, 'pre', pre);
  });

  await scenario('uplink-missing', async (s) => {
    const ns = node('c-nouplink');
    s.cleanup = [ns];
    await settled([ns]);
    await guard(s, ns, F.vb, 'before');
    const pre = dump(ns);
    const r = await apply(ns, F.vb);
    s.apply = brief(r);
    check(s, 'unsatisfiable: AGENT_HOST_MISSING names eno49; no command', r.result === 'unsatisfiable' && r.commands.length === 0 && (r.problems || []).some((p) => p.includes('AGENT_HOST_MISSING') && p.includes(eno49)), s.apply);
    check(s, 'only the read ran (no batch)', r.processes <= 3, r.processes);
    await guard(s, ns, F.vb, 'after');
    await end(s, ns, r, 'pre', pre);
  });

  await scenario('bond-port-lost', async (s) => {
    const ns = node('bondlost');
    s.cleanup = [ns];
    await settled([ns]);
    await guard(s, ns, F.bond, 'before');
    const pre = dump(ns);
    const lost = I.bond.ports[1];
    const exec = injecting(async (n) => {
      if (n === 1) await agent.execFileExec('ip', ['-n', ns, 'link', 'del', lost]);
    });
    const r = await apply(ns, F.bond, { exec });
    s.apply = brief(r);
    check(s, `${lost} vanished during the apply: rolled back, and the rollback verified`, r.result === 'rolled-back' && r.rollback && r.rollback.ok, s.apply);
    check(s, `rollback.external lists ${lost}`, r.rollback && Array.isArray(r.rollback.external) && r.rollback.external.includes(lost), r.rollback);
    await guard(s, ns, F.bond, 'after');
    const now = dump(ns);
    check(s, `${lost} is gone (someone else's doing), the agent did not re-create it`, !now.links[lost]);
    await end(s, ns, r, 'pre', minusLinks(pre, [lost]), { what: `dump minus ${lost}` });
  });

  await scenario('port-pulled-out-of-bridge', async (s) => {
    const ns = node(I.trunk.vm.node);
    s.cleanup = [ns];
    await settled([ns]);
    const first = await apply(ns, F.trunk);
    check(s, 'br0 trunk applied', first.result === 'applied', first.error);
    const vm = plug(s, I.trunk.vm, ns);
    const gwIp = I.trunk.gateway.split('/')[0];
    check(s, `${vm} (VLAN ${I.trunk.vlan}) reaches ${gwIp} through br0 and eth1`, ping(vm, gwIp).ok);
    await settled([ns]);
    const post = dump(ns);
    must('ip', ['-n', ns, 'link', 'set', I.trunk.nic, 'nomaster']);
    const cut = ping(vm, gwIp, { expect: false });
    check(s, `with ${I.trunk.nic} pulled out of br0, ${vm} is cut off (the fault is real)`, !cut.ok);
    const o = await guard(s, ns, F.trunk, 'after the pull');
    s.observe = brief(o);
    check(s, 'observe reports the drift: re-enslave eth1 and its trunk VLANs', o.result === 'drift' && o.commands.some((c) => c.includes(`${I.trunk.nic} master br0`)) && o.commands.some((c) => c.startsWith('bridge vlan add')), o.commands);
    const r = await apply(ns, F.trunk);
    s.apply = brief(r);
    check(s, 'apply repaired it', r.result === 'applied', r.error);
    const p = ping(vm, gwIp);
    check(s, `${vm} reaches ${gwIp} again`, p.ok, p.detail);
    await guard(s, ns, F.trunk, 'after the repair');
    await end(s, ns, r, 'post', post, { what: 'dump after the first apply' });
  });

  const refused = (name, nsName, file, setup, code, o = {}) =>
    scenario(name, async (s) => {
      const ns = o.make ? o.make(nsName) : node(nsName);
      s.cleanup = [ns];
      setup(ns, s);
      await settled([ns]);
      await guard(s, ns, file, 'before');
      const pre = dump(ns);
      const r = await apply(ns, file);
      s.apply = brief(r);
      check(s, `${o.result || 'unsatisfiable'}: ${code}, no command`, r.result === (o.result || 'unsatisfiable') && r.commands.length === 0 && (r.problems || []).some((p) => p.includes(code)), s.apply);
      await guard(s, ns, file, 'after');
      await end(s, ns, r, 'pre', pre);
    });

  await refused('unmanaged-name-taken', 'c-kind', F.vb, (ns) => must('ip', ['-n', ns, 'link', 'add', 'bridge-1085', 'type', 'dummy']), 'AGENT_HOST_KIND');

  await refused('mtu-above-nic-max', 'c-mtu', F.vbMtu65535, () => undefined, 'AGENT_HOST_MTU_RANGE', {
    // The lab's veths (and UML's bridges, VLANs, bonds, macvlans) accept MTUs up to 65535, the
    // validator's own bound, so no intent can exceed their max_mtu; a geneve device is an Ethernet
    // device (link/ether, a NIC to the agent) whose max_mtu is lower (65485). A tap (65521) needs
    // /dev/net/tun, which this hostfs guest does not provide (the boot hung on it).
    make: (ns) => {
      batch(null, [`netns add ${ns}`]);
      batch(ns, ['link set lo up', `link add ${eno49} address ${macOf(ns, eno49)} type geneve id 1085 remote 192.0.2.2`, `link set ${eno49} up`]);
      const l = JSON.parse(must('ip', ['-n', ns, '-j', '-d', 'link', 'show', eno49]).stdout)[0];
      results.scenarios['mtu-above-nic-max'].nic = { kind: l.linkinfo && l.linkinfo.info_kind, mtu: l.mtu, min_mtu: l.min_mtu, max_mtu: l.max_mtu };
      check(results.scenarios['mtu-above-nic-max'], `the NIC ${eno49} refuses MTU 65535 (max_mtu ${l.max_mtu})`, l.max_mtu > 0 && l.max_mtu < 65535, l.max_mtu);
      return ns;
    },
  });

  await refused('vlan-id-in-use', 'c-vlanuse', F.vb, (ns) => must('ip', ['-n', ns, 'link', 'add', 'link', eno49, 'name', 'vlan1085', 'type', 'vlan', 'id', String(I.vlanBridge.vlan)]), 'AGENT_HOST_VLAN_IN_USE');

  await scenario('ipv6-dad-fails', async (s) => {
    const ns = node('dadnode');
    s.cleanup = [ns];
    await settled([ns]);
    const first = await apply(ns, F.bond);
    check(s, 'seed 002 bond applied', first.result === 'applied', first.error);
    const sysctl = must('ip', ['netns', 'exec', ns, 'sysctl', '-n', 'net.ipv6.conf.bond0/145.accept_dad', 'net.ipv6.conf.bond0/145.dad_transmits']).stdout.trim().split('\n').map(Number);
    check(s, 'DAD is on for bond0.145 (accept_dad 1, dad_transmits >= 1)', sysctl[0] >= 1 && sysctl[1] >= 1, sysctl);
    await guard(s, ns, F.bondDad, 'before');
    const pre = dump(ns);
    const r = await apply(ns, F.bondDad);
    s.apply = brief(r);
    check(s, `${I.bond.duplicate} (held by the switch) failed DAD: rolled back`, r.result === 'rolled-back' && /duplicate address detection failed/.test(r.error || '') && r.rollback && r.rollback.ok, s.apply);
    await guard(s, ns, F.bondDad, 'after');
    const p = ping(ns, 'fd00:145::1', { dev: 'bond0.145' });
    check(s, 'the node reaches fd00:145::1 from its own address again', p.ok, p.detail);
    await end(s, ns, r, 'pre', pre);
  });

  await scenario('config-invalid-while-running', async (s) => {
    const ns = node('c-invalid');
    s.cleanup = [ns];
    await settled([ns]);
    const dir = '/run/faults/invalid';
    const file = writeConfig('agent', I.vlanBridge.node.config, dir);
    const a = makeAgent(ns, file, 'apply', { watch: noWatch }, { port: 0, intervalSeconds: 3600 });
    const running = await a.run();
    try {
      const port = running.address.port;
      check(s, 'the first reconcile applied seed 001', a.lastReport().result === 'applied', a.lastReport().error);
      const vm = plug(s, I.vlanBridge.vm, ns);
      // the VM's port (a veth the CNI plugin made, random MAC) is compared away at the end, but a
      // bridge without an address of its own takes its ports' lowest MAC: pinned above the NICs'
      // (02:fa:…), bridge-1085 keeps eno49.1085's, as in the reference without the port
      for (const port of Object.keys(dump(ns).links).filter((n) => n.startsWith('veth'))) must('ip', ['-n', ns, 'link', 'set', 'dev', port, 'address', '02:ff:ff:ff:ff:fe']);
      await settled([ns]);
      const good = dump(ns);
      const text = fs.readFileSync(file, 'utf8');
      fs.writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));
      const bad = await running.reconcileNow();
      s.invalid = brief(bad);
      check(s, 'a truncated config is reported invalid and nothing is applied', bad.result === 'invalid' && bad.commands.length === 0, s.invalid);
      const h = await http200(port, '/healthz');
      const rd = await http200(port, '/readyz');
      const m = (await http200(port, '/metrics')).body;
      s.http = { healthz: h, readyz: rd, configValid: metric(m, 'multihome_agent_config_valid') };
      check(s, '/healthz 200 with a body starting "degraded:"', h.status === 200 && h.body.startsWith('degraded:'), h);
      check(s, '/readyz 503 with the same text', rd.status === 503 && rd.body.startsWith('degraded:'), rd);
      check(s, 'multihome_agent_config_valid 0', metric(m, 'multihome_agent_config_valid') === 0, s.http.configValid);
      const stillUp = ping(vm, gw1085);
      check(s, 'the last good state carries traffic while the config is invalid', stillUp.ok, stillUp.detail);
      const d = diff(good, dump(ns));
      check(s, 'the host is the last good state', d.length === 0, d);
      fs.writeFileSync(file, JSON.stringify(I.vlanBridge.plus1086.config));
      const fixed = await running.reconcileNow();
      s.fixed = brief(fixed);
      check(s, 'the fixed config (VLAN 1086 added) applied', fixed.result === 'applied', fixed.error);
      const h2 = await http200(port, '/healthz');
      const rd2 = await http200(port, '/readyz');
      const m2 = (await http200(port, '/metrics')).body;
      check(s, 'healthy again: /healthz 200 ok, /readyz 200 ok, config_valid 1', h2.status === 200 && /^ok/.test(h2.body) && rd2.status === 200 && /^ok/.test(rd2.body) && metric(m2, 'multihome_agent_config_valid') === 1, { h2, rd2 });
      await guard(s, ns, file, 'after');
      const ref = await reference('invalid', I.vlanBridge.plus1086.config, ns);
      // the VM's port (a veth the CNI plugin made) is on the node, not in the reference
      const vmPort = Object.keys(dump(ns).links).filter((n) => n.startsWith('veth'));
      await end(s, ns, fixed, 'post', ref, { portable: true, minus: vmPort, what: 'reference of the fixed config (the VM port aside)' });
    } finally {
      await running.close();
    }
  });

  await scenario('config-changed-during-apply', async (s) => {
    const ns = node('busynode');
    s.cleanup = [ns];
    await settled([ns]);
    const dir = '/run/faults/busy';
    const file = writeConfig('agent', I.bond.node.config, dir);
    const events = [];
    // a slow probe keeps the first apply busy: each ping waits 1.5 s first
    const exec = async (f, args, o) => {
      if (args.includes('ping')) await sleep(1500);
      return agent.execFileExec(f, args, o);
    };
    const a = makeAgent(ns, file, 'apply', { exec, logger: capturingLogger(events) }, { port: 0, intervalSeconds: 3600 });
    const runningP = a.run();
    const inFlight = await waitFor(() => linkCount(ns) > 3, 15000);
    check(s, 'the first apply is in flight (bond0 created, probe running)', inFlight);
    fs.writeFileSync(file, JSON.stringify(I.bond.plus146.config));
    const running = await runningP;
    try {
      const firstReport = events.find((e) => e.message.startsWith('apply '));
      s.first = firstReport;
      check(s, 'the first apply completed (applied) with the config it started with', firstReport && firstReport.message === 'apply applied', firstReport);
      const second = await waitFor(() => Number(a.metrics.get('multihome_agent_reconciles_total')) >= 2 && a.lastReport(), 10000);
      s.second = brief(a.lastReport());
      check(s, 'the watcher ran a second reconcile for the new config: applied, VLAN 146 created', a.metrics.get('multihome_agent_reconciles_total') === 2 && second && second.result === 'applied' && second.commands.some((c) => c.includes('bond0.146')), s.second);
      const p = ping(ns, '172.146.0.1');
      check(s, 'bond0.146 carries traffic to its gateway', p.ok, p.detail);
      await guard(s, ns, file, 'after');
      const ref = await reference('busy', I.bond.plus146.config, ns);
      await end(s, ns, a.lastReport(), 'post', ref, { portable: true, what: 'reference of the second config' });
    } finally {
      await running.close();
    }
  });

  await scenario('two-quick-config-changes', async (s) => {
    const ns = node('c-quick');
    s.cleanup = [ns];
    await settled([ns]);
    const dir = '/run/faults/quick';
    const file = writeConfig('agent', I.vlanBridge.node.config, dir);
    const a = makeAgent(ns, file, 'apply', {}, { port: 0, intervalSeconds: 3600 });
    const running = await a.run();
    try {
      check(s, 'the first reconcile applied seed 001', a.lastReport().result === 'applied');
      fs.writeFileSync(file, JSON.stringify(I.vlanBridge.plus1086.config));
      await sleep(50);
      fs.writeFileSync(file, JSON.stringify(I.vlanBridge.plus1087.config));
      const settledReconciles = await waitFor(async () => {
        const n = a.metrics.get('multihome_agent_reconciles_total');
        await sleep(1200);
        return n >= 2 && a.metrics.get('multihome_agent_reconciles_total') === n ? n : undefined;
      }, 8000, 0);
      const m = (await http200(running.address.port, '/metrics')).body;
      s.metrics = { reconciles: metric(m, 'multihome_agent_reconciles_total'), applied: metric(m, 'multihome_agent_applies_total', { result: 'applied' }) };
      s.last = brief(a.lastReport());
      check(s, 'one reconcile for both changes (the watcher debounced them): reconciles_total 2, applies_total{applied} 2', s.metrics.reconciles === 2 && s.metrics.applied === 2, { settledReconciles, ...s.metrics });
      check(s, 'it applied the last config (VLANs 1086 and 1087)', a.lastReport().result === 'applied' && a.lastReport().commands.some((c) => c.includes('eno49.1087')), s.last);
      await guard(s, ns, file, 'after');
      const ref = await reference('quick', I.vlanBridge.plus1087.config, ns);
      await end(s, ns, a.lastReport(), 'post', ref, { portable: true, what: 'reference of the last config' });
    } finally {
      await running.close();
    }
  });

  await scenario('node-reboot', async (s) => {
    const ns = node('c-reboot');
    s.cleanup = [ns];
    await settled([ns]);
    const first = await apply(ns, F.vb);
    check(s, 'seed 001 applied', first.result === 'applied', first.error);
    await settled([ns]);
    const post = dump(ns);
    // the "reboot": every interface the agent made is gone, and /run is empty again
    batch(ns, ['link del bridge-1085', `link del ${eno49}.${I.vlanBridge.vlan}`]);
    if (fs.existsSync(journalOf(ns))) fs.rmSync(journalOf(ns));
    await guard(s, ns, F.vb, 'after the reboot');
    const r = await apply(ns, F.vb);
    s.apply = brief(r);
    check(s, 'the next reconcile rebuilt both interfaces, nothing to recover', r.result === 'applied' && r.commands.some((c) => c.includes('bridge-1085')) && !r.recovered, s.apply);
    // the end-state dump is taken before a VM is plugged (its port would lend bridge-1085 a lower MAC)
    await settled([ns]);
    const rebuilt = dump(ns);
    const vm = plug(s, I.vlanBridge.vm, ns);
    const p = ping(vm, gw1085);
    check(s, `${vm} reaches the VLAN ${I.vlanBridge.vlan} gateway`, p.ok, p.detail);
    // the rebuilt bridge-1085 is a new bridge: its link-local address is random again (portable())
    await end(s, ns, r, 'post', post, { now: rebuilt, portable: true, what: 'dump after the first apply (taken before the VM was plugged)' });
  });

  await scenario('journal-from-another-boot', async (s) => {
    const ns = node('c-stale');
    s.cleanup = [ns];
    await settled([ns]);
    const first = await apply(ns, F.vb);
    check(s, 'seed 001 applied', first.result === 'applied', first.error);
    await settled([ns]);
    const post = dump(ns);
    // the journal the SIGKILLed apply left (a real one), as if written before a reboot
    const j = JSON.parse(fs.readFileSync(KILLED_JOURNAL, 'utf8'));
    check(s, 'the killed apply\'s journal carries this boot\'s id', j.bootId === results.bootId, j.bootId);
    fs.writeFileSync(journalOf(ns), JSON.stringify({ ...j, bootId: '00000000-0000-4000-8000-000000000000', netns: ns }));
    await guard(s, ns, F.vb, 'with the stale journal');
    const r = await apply(ns, F.vb);
    s.apply = brief(r);
    check(s, 'the journal was discarded as from another boot, nothing restored, converged', r.result === 'converged' && r.recovered && r.recovered.skipped === 'rebooted' && r.recovered.commands.length === 0 && r.commands.length === 0, s.apply);
    check(s, 'the stale journal is gone', !fs.existsSync(journalOf(ns)));
    await end(s, ns, r, 'post', post, { what: 'dump after the first apply' });
  });

  await refused('dhcp-in-apply-mode', 'dhcpnode', F.dhcp, () => undefined, 'AGENT_UNSUPPORTED', { result: 'invalid', make: (ns) => node(ns) });

  await scenario('absent-already-gone', async (s) => {
    const ns = node('c-gone');
    s.cleanup = [ns];
    await settled([ns]);
    await guard(s, ns, F.vbAbsent, 'before');
    const pre = dump(ns);
    const r = await apply(ns, F.vbAbsent);
    s.apply = brief(r);
    check(s, 'converged with zero commands', r.result === 'converged' && r.commands.length === 0, s.apply);
    await guard(s, ns, F.vbAbsent, 'after');
    await end(s, ns, r, 'post', pre, { what: 'dump (nothing to change: pre = post)' });
  });

  await scenario('rollback-fails-on-one-command', async (s) => {
    const ns = node('c-rbfail');
    s.cleanup = [ns];
    await settled([ns]);
    const first = await apply(ns, F.vb);
    check(s, 'seed 001 applied', first.result === 'applied', first.error);
    await guard(s, ns, F.vbAbsentFailing, 'before');
    const pre = dump(ns);
    const log = [];
    const exec = injecting(async (n, file) => {
      // the rollback batch must re-create bridge-1085: someone takes the name first
      if (n === 2 && file === 'ip') await agent.execFileExec('ip', ['-n', ns, 'link', 'add', 'bridge-1085', 'type', 'dummy']);
    }, log);
    const r = await apply(ns, F.vbAbsentFailing, { exec });
    s.apply = brief(r);
    s.batches = log;
    const remaining = (r.rollback && r.rollback.remaining) || [];
    const names = [...new Set([...Object.keys(pre.links), ...Object.keys(dump(ns).links)])].filter((n) => remaining.some((x) => new RegExp(`(^|[\\s'"])${n.replace(/\./g, '\\.')}($|[\\s'":,])`).test(x)));
    s.named = names;
    check(s, 'reported: result failed, rollback.ok false, remaining names bridge-1085', r.result === 'failed' && r.rollback && r.rollback.ok === false && names.includes('bridge-1085'), s.apply);
    check(s, 'the rest of the rollback ran (ip -force -batch): eno49.1085 is back', !!dump(ns).links[`${eno49}.${I.vlanBridge.vlan}`]);
    check(s, 'the failing rollback batch ran with -force', log.some((b) => b.n === 2 && b.args.includes('-force')), log);
    await guard(s, ns, F.vbAbsentFailing, 'after');
    await end(s, ns, r, 'mixed', pre, { minus: names.length ? names : ['bridge-1085'], baseCounters: [eno49], what: 'dump' });
  });

  await scenario('sigterm-mid-apply', async (s) => {
    const ns = node('slow');
    s.cleanup = [ns];
    await settled([ns]);
    await guard(s, ns, F.slow, 'before');
    const pre = dump(ns);
    const base = linkCount(ns);
    const full = base + 2 * I.slowFailing.k;
    const child = cli(['apply', '--once', '--json', '--config', F.slow, '--netns', ns, '--state-dir', JOURNAL_DIR]);
    const batched = await waitFor(() => (child.exitCode !== null ? 'exited' : linkCount(ns) >= full ? 'batched' : undefined), 30000, 0);
    const sentAt = Date.now();
    const sent = child.exitCode === null && child.kill('SIGTERM');
    const exit = await childExit(child);
    const rep = parse(child.out);
    s.term = { batched, sent, exit, afterMs: Date.now() - sentAt, stderr: child.err.slice(-500) };
    s.apply = brief(rep);
    check(s, 'SIGTERM reached the agent while the probe of its applied batch was running', sent && batched === 'batched', s.term);
    check(s, 'the process finished the apply (probe failed, rolled back) before exiting with the report\'s code 1', exit.signal === null && exit.code === 1 && rep && rep.result === 'rolled-back' && rep.rollback && rep.rollback.ok, { exit, report: s.apply });
    await guard(s, ns, F.slow, 'after');
    await end(s, ns, rep, 'pre', pre);
  });

  await scenario('metrics-match', async (s) => {
    const ns = node('c-metrics');
    s.cleanup = [ns];
    await settled([ns]);
    const dir = '/run/faults/metrics';
    const file = writeConfig('agent', I.vlanBridge.node.config, dir);
    const a = makeAgent(ns, file, 'apply', { watch: noWatch }, { port: 0, intervalSeconds: 3600 });
    const running = await a.run();
    try {
      const reports = [a.lastReport()];
      await settled([ns]);
      const post = dump(ns);
      reports.push(await running.reconcileNow());
      fs.writeFileSync(file, JSON.stringify(I.vlanBridge.plus1086Failing.config));
      reports.push(await running.reconcileNow());
      fs.writeFileSync(file, '{"apiVersion": "multihome.io/v1alpha1", "kind": "AgentConfig", "desiredState": {"interfaces": [');
      reports.push(await running.reconcileNow());
      s.reports = reports.map(brief);
      check(s, 'the agent went through applied, converged, rolled-back, invalid', JSON.stringify(reports.map((r) => r.result)) === JSON.stringify(['applied', 'converged', 'rolled-back', 'invalid']), reports.map((r) => r.result));
      const m = (await http200(running.address.port, '/metrics')).body;
      const got = {
        reconciles: metric(m, 'multihome_agent_reconciles_total'),
        applied: metric(m, 'multihome_agent_applies_total', { result: 'applied' }),
        converged: metric(m, 'multihome_agent_applies_total', { result: 'converged' }),
        rolledBack: metric(m, 'multihome_agent_applies_total', { result: 'rolled-back' }),
        invalid: metric(m, 'multihome_agent_applies_total', { result: 'invalid' }),
        failed: metric(m, 'multihome_agent_applies_total', { result: 'failed' }),
        rollbacks: metric(m, 'multihome_agent_rollbacks_total'),
        configValid: metric(m, 'multihome_agent_config_valid'),
        lastSuccess: metric(m, 'multihome_agent_last_apply_success'),
      };
      s.metrics = got;
      check(s, 'reconciles_total 4', got.reconciles === 4, got);
      check(s, 'applies_total: applied 1, converged 1, rolled-back 1, invalid 1, no failed', got.applied === 1 && got.converged === 1 && got.rolledBack === 1 && got.invalid === 1 && got.failed === undefined, got);
      check(s, 'rollbacks_total 1', got.rollbacks === 1, got);
      check(s, 'config_valid 0 and last_apply_success 0 after the invalid config', got.configValid === 0 && got.lastSuccess === 0, got);
      await end(s, ns, reports[3], 'pre', post, { what: 'dump after the first apply (the rolled-back change left nothing, the invalid config touched nothing)' });
    } finally {
      await running.close();
    }
  });

  results.ok = Object.values(results.scenarios).every((s) => s.ok);
}

main()
  .catch((e) => {
    results.error = String((e && e.stack) || e);
  })
  .finally(() => {
    if (helper) helper.close();
    results.timingsMs.total = Date.now() - t0;
    fs.writeFileSync(path.join(LAB, 'results.json'), JSON.stringify(results, null, 2));
    process.exit(0);
  });
