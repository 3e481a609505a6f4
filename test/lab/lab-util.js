/* eslint-disable */
// Helpers shared by the real-kernel lab's drivers (test/lab/driver.js, test/lab/faults-driver.js),
// which run INSIDE the user-mode-linux guest: process runs (counted), `ip -batch`, ping between
// namespaces, the `ip -j` dump used for before/after comparisons and its diff, waiting for DAD,
// and running a NAD's CNI config through the real plugins.
'use strict';
const { spawnSync } = require('child_process');
const path = require('path');

const VOLATILE = /^(ifindex|link_index|stats64?|valid_life_time|preferred_life_time|.*_timer|gso_.*|gro_.*|tso_.*|num_.x_queues)$/;

/**
 * The helpers, bound to the driver's `results` (its `processes` count and `settleMs`), the agent
 * bundle (for its `splitJsonValues`) and the CNI_PATH of the plugins.
 */
function labUtil({ results, agent, cniPath }) {
  function run(file, args, input, env) {
    results.processes++;
    const r = spawnSync(file, args, { encoding: 'utf8', input: input === undefined ? '' : input, env: env || process.env, maxBuffer: 64 << 20 });
    return { code: r.status === null ? 255 : r.status, stdout: r.stdout || '', stderr: (r.stderr || '') + (r.error ? String(r.error) : '') };
  }
  function must(file, args, input, env) {
    const r = run(file, args, input, env);
    if (r.code !== 0) throw new Error(`${file} ${args.join(' ')} failed (${r.code}): ${r.stderr.trim()}${input ? `\ninput:\n${input}` : ''}`);
    return r;
  }
  const batch = (ns, lines) => must('ip', [...(ns ? ['-n', ns] : []), '-batch', '-'], lines.join('\n') + '\n');
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  /** One ping from a namespace; `expect` false means "must not answer". */
  function ping(ns, target, opts = {}) {
    const attempts = opts.attempts || (opts.expect === false ? 1 : 4);
    let last;
    for (let i = 0; i < attempts; i++) {
      last = run('ip', ['netns', 'exec', ns, 'ping', '-c', '1', '-W', String(opts.wait || (opts.expect === false ? 1 : 2)), ...(opts.dev ? ['-I', opts.dev] : []), target]);
      if (last.code === 0) break;
    }
    return { from: ns, to: target, ...(opts.dev ? { dev: opts.dev } : {}), ok: last.code === 0, expect: opts.expect !== false, detail: last.code === 0 ? '' : (last.stdout + last.stderr).trim().split('\n').slice(-2).join(' | ') };
  }

  /** `ip -j` dump of a namespace for before/after comparisons (addr, route table all, -6 route table all, bridge vlan), volatile fields removed. */
  function dump(ns) {
    const main = must('ip', ['-n', ns, '-j', '-d', '-batch', '-'], 'addr show\nroute show table all\n').stdout;
    const values = agent.splitJsonValues ? agent.splitJsonValues(main) : splitJson(main);
    const r6 = JSON.parse(must('ip', ['-n', ns, '-j', '-6', 'route', 'show', 'table', 'all']).stdout || '[]');
    const vl = JSON.parse(must('bridge', ['-n', ns, '-j', 'vlan', 'show']).stdout || '[]');
    const byName = (list) => Object.fromEntries((list || []).map((x) => [x.ifname, x]));
    return normalize({ links: byName(values[0]), routes4: values[1], routes6: r6, bridgeVlans: byName(vl) });
  }
  /** Waits until no IPv6 address in these namespaces is tentative (DAD done), so dumps are stable. */
  async function settled(namespaces, maxMs = 10000) {
    const start = Date.now();
    for (const ns of namespaces)
      while (Date.now() < start + maxMs && !stable(JSON.parse(must('ip', ['-n', ns, '-j', '-d', 'addr', 'show']).stdout))) await sleep(200);
    results.settleMs = (results.settleMs || []).concat(Date.now() - start);
  }

  /**
   * Runs a CNI config or conflist (as the NAD carries it) inside the node's namespace, like Multus
   * would; `mac` is the MAC KubeVirt asks for (the VM spec's macAddress), which Multus passes to the
   * plugins as CNI_ARGS MAC=.
   */
  function cni(command, nodeNs, vm, ifname, conf, mac) {
    const plugins = conf.plugins ? conf.plugins : [conf];
    const order = command === 'DEL' ? [...plugins].reverse() : plugins;
    let prevResult;
    for (const p of order) {
      const { plugins: _p, ...top } = conf;
      const netconf = { cniVersion: conf.cniVersion, name: conf.name, ...(conf.plugins ? p : top), ...(prevResult && command === 'ADD' ? { prevResult } : {}) };
      const env = { ...process.env, CNI_COMMAND: command, CNI_CONTAINERID: `lab-${vm}`, CNI_NETNS: `/run/netns/${vm}`, CNI_IFNAME: ifname, CNI_PATH: cniPath, ...(mac ? { CNI_ARGS: `IgnoreUnknown=true;MAC=${mac}` } : {}) };
      const r = run('ip', ['netns', 'exec', nodeNs, path.join(cniPath, p.type)], JSON.stringify(netconf), env);
      if (r.code !== 0) return { ok: false, plugin: p.type, error: (r.stdout + r.stderr).trim() };
      if (command === 'ADD') prevResult = JSON.parse(r.stdout);
    }
    return { ok: true, result: prevResult };
  }

  return { run, must, batch, sleep, ping, dump, settled, cni };
}

/** Every up link (not lo, not a bond/bridge port) has carrier, its final operstate and a finished IPv6 link-local address. */
function stable(links) {
  return links.every((l) => {
    const f = l.flags || [];
    if (!f.includes('UP') || f.includes('LOOPBACK') || f.includes('SLAVE') || l.master) return !(l.addr_info || []).some((a) => a.tentative);
    if (!f.includes('LOWER_UP')) return false;
    // a bridge with carrier whose operstate is still UNKNOWN: the kernel's linkwatch has not caught up
    if (l.linkinfo && l.linkinfo.info_kind === 'bridge' && l.operstate === 'UNKNOWN') return false;
    const ll = (l.addr_info || []).filter((a) => a.family === 'inet6' && a.scope === 'link');
    return ll.length > 0 && !(l.addr_info || []).some((a) => a.tentative);
  });
}
function splitJson(text) {
  return text.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}
function normalize(v) {
  if (Array.isArray(v)) {
    const items = v.map(normalize);
    return items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  }
  if (v && typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v).sort()) if (!VOLATILE.test(k)) out[k] = normalize(v[k]);
    return out;
  }
  return v;
}
/** Human-readable differences of two dumps (paths), empty when equal. */
function diff(a, b, p = '', out = []) {
  if (out.length > 20) return out;
  if (JSON.stringify(a) === JSON.stringify(b)) return out;
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diff(a[k], b[k], `${p}.${k}`, out);
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((x, i) => diff(x, b[i], `${p}[${i}]`, out));
    return out;
  }
  out.push(`${p}: ${JSON.stringify(a)?.slice(0, 300)} -> ${JSON.stringify(b)?.slice(0, 300)}`);
  return out;
}

module.exports = { labUtil, stable, normalize, diff, splitJson };
