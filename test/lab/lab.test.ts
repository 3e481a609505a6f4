/**
 * The real-kernel lab (part of `npm test`): one user-mode-linux boot with real VLAN, bond and
 * bridge modules runs every scenario through the bundled agent and the real bridge CNI plugin,
 * each proven by traffic between network namespaces inside the guest. Inputs are synthesized by
 * multihome (test/lab/intents.ts): agent configs from the rendered ConfigMaps, "VM" NICs plugged
 * with the rendered MAC and NAD config and addressed from the rendered cloud-init networkData.
 * test/lab/driver.js runs in the guest and writes results.json, which the tests below assert
 * scenario by scenario, each with a minimum number of checks (a scenario that silently checks
 * less fails). If the lab cannot start, they fail with the reason.
 *
 * Not proven here: that kubernetes-nmstate/NetworkManager, Multus or KubeVirt behave like the
 * agent and the plugins run by hand (review §5 "test/lab: what it really proves").
 */
import * as fs from 'fs';
import * as path from 'path';
import { labIntents } from './intents';
import { bootUml, buildAgentBundle, ensureLabPackages, LAB_INIT, makeCniPath, makeLabDir, ROOT, UmlBoot } from '../../scripts/lab/uml';

interface Check {
  what: string;
  ok: boolean;
  detail?: unknown;
}
interface Scenario {
  name: string;
  ok: boolean;
  checks: Check[];
  error?: string;
  [key: string]: unknown;
}
interface LabResults {
  ok: boolean;
  kernel: string;
  scenarios: Record<string, Scenario>;
  macspoofchk?: { supported: boolean; enforced?: boolean };
  error?: string;
  processes: number;
  timingsMs: Record<string, number>;
}

let results: LabResults | undefined;
let failure: Error | undefined;
let boot: UmlBoot | undefined;
let labDir = '';

beforeAll(async () => {
  try {
    ensureLabPackages();
    const agentBundle = await buildAgentBundle();
    labDir = makeLabDir();
    const cniPath = makeCniPath(labDir);
    fs.writeFileSync(path.join(labDir, 'plan.json'), JSON.stringify({ agentBundle, cniPath, intents: labIntents() }, null, 2));
    boot = await bootUml(LAB_INIT, { LAB_DIR: labDir, DRIVER: path.join(ROOT, 'test', 'lab', 'driver.js') }, 240000);
    fs.writeFileSync(path.join(labDir, 'console.log'), boot.console);
    const file = path.join(labDir, 'results.json');
    if (!fs.existsSync(file)) {
      const log = fs.existsSync(path.join(labDir, 'driver.log')) ? fs.readFileSync(path.join(labDir, 'driver.log'), 'utf8') : '';
      throw new Error(`the lab driver wrote no results (exit ${boot.code}); console:\n${boot.console.slice(-3000)}\ndriver log:\n${log.slice(-3000)}`);
    }
    results = JSON.parse(fs.readFileSync(file, 'utf8')) as LabResults;
  } catch (e) {
    failure = e as Error;
  }
}, 600000);

function scenario(name: string): Scenario {
  if (failure) throw new Error(`the real-kernel lab could not run: ${failure.message}`);
  if (results?.error) throw new Error(`the lab driver failed: ${results.error}`);
  const s = results?.scenarios[name];
  if (!s) throw new Error(`scenario ${name} did not run (results in ${labDir})`);
  if (s.error) throw new Error(`scenario ${name} threw: ${s.error}`);
  return s;
}

const failed = (s: Scenario) => s.checks.filter((c) => !c.ok);
const named = (s: Scenario, re: RegExp) => s.checks.filter((c) => re.test(c.what)).map((c) => c.what);

describe('real-kernel lab (user-mode-linux)', () => {
  test('GIVEN seed 004 WHEN the agent builds br0 trunks on node01/node02 THEN vma and vmb, plugged with their rendered MACs and addressed from cloud-init, ping across nodes on VLAN 100 and VLAN 200 VMs cannot reach them', () => {
    const s = scenario('seed004-trunk-bridge');
    expect(failed(s)).toEqual([]);
    // 2 applies, 4 MAC/cloud-init checks, 5 pings, 2 macspoofchk, re-apply, observe
    expect(s.checks.length).toBeGreaterThanOrEqual(15);
    expect(named(s, /^(vma|vmb|vmc|vmd): net1 has the rendered MAC 02:/).map((w) => w.slice(0, 3))).toEqual(['vma', 'vmb', 'vmc', 'vmd']);
    expect(named(s, /^vm[a-d] -> 10\.200\.0\.\d (answers|is isolated)$/)).toHaveLength(5);
  });

  test('GIVEN a NAD with macspoofchk THEN the real bridge plugin enforces it in the lab kernel (no fallback to macspoofchk off)', () => {
    const s = scenario('seed004-trunk-bridge');
    expect(results?.macspoofchk).toEqual({ supported: true, enforced: true });
    expect(named(s, /^macspoofchk: /)).toEqual(['macspoofchk: vma with a forged MAC gets no answer from vmb', 'macspoofchk: vma with its own MAC again gets answers']);
  });

  test('GIVEN seed 001 WHEN the agent builds eno49 -> eno49.1085 -> bridge-1085 THEN pxe-vm (rendered MAC, cloud-init address) reaches the VLAN 1085 gateway in the switch', () => {
    const s = scenario('seed001-vlan-bridge');
    expect(failed(s)).toEqual([]);
    expect(s.checks.length).toBeGreaterThanOrEqual(3);
    expect(named(s, /^pxe-vm/)).toEqual([
      "pxe-vm: net1 has the rendered MAC 02:c9:3f:98:f9:4b, and cloud-init's match (02:c9:3f:98:f9:4b) finds it",
      'pxe-vm reaches the VLAN 1085 gateway 10.6.85.1 in the switch',
    ]);
  });

  test('GIVEN seed 002 WHEN bond0 active-backup carries VLANs 144/145 (IPv4+IPv6) THEN traffic survives cutting the active port', () => {
    const s = scenario('seed002-bond-failover');
    expect(failed(s)).toEqual([]);
    // the apply, 6 gateways (untagged, 144, 145 × IPv4, IPv6) before and after the cut, the failover
    expect(s.checks.length).toBeGreaterThanOrEqual(14);
    expect(named(s, /^after cutting /)).toHaveLength(6);
    expect(s.activeAfter).not.toEqual(s.activeBefore);
  });

  test('GIVEN an intent that breaks the probe target WHEN applied THEN it is rolled back and the ip -j dumps equal the state before', () => {
    const s = scenario('rollback');
    expect(failed(s)).toEqual([]);
    expect(s.checks.length).toBeGreaterThanOrEqual(4);
    expect(s.differences).toEqual([]);
  });

  test('GIVEN state: absent for every network WHEN applied THEN no trace is left and a second apply runs zero commands', () => {
    const s = scenario('decommission');
    expect(failed(s)).toEqual([]);
    // 5 VMs unplugged; 4 nodes: applied, no trace, second apply
    expect(s.checks.length).toBeGreaterThanOrEqual(17);
    expect(named(s, /: no trace left/)).toHaveLength(4);
  });
});

afterAll(() => {
  if (results) {
    const summary = {
      kernel: results.kernel,
      bootMs: boot?.durationMs,
      processes: results.processes,
      timingsMs: results.timingsMs,
      macspoofchk: results.macspoofchk,
      scenarios: Object.fromEntries(Object.entries(results.scenarios).map(([k, v]) => [k, { ok: v.ok, durationMs: v.durationMs }])),
    };
    fs.writeFileSync(path.join(labDir, 'summary.json'), JSON.stringify(summary, null, 2));
  }
  // keep the work directory (configs, results, console, driver log) when something failed or KEEP_LAB is set
  if (labDir && results?.ok && !process.env.KEEP_LAB) fs.rmSync(labDir, { recursive: true, force: true });
});
