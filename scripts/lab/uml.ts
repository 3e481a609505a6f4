/**
 * The real-kernel lab's machinery, shared by the lab tests (test/lab) and the agent bench
 * (bench/agent-uml.ts): install what it needs (apt, only when missing, as root), build the agent
 * bundle, boot user-mode-linux with {@link LAB_INIT} running a driver script, and collect its
 * results. When the lab cannot start, these functions throw with the reason — the tests fail,
 * they never skip silently.
 */
import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Repository root. */
export const ROOT = path.join(__dirname, '..', '..');

/** PID 1 of the guest: loads the network modules, runs `$DRIVER`, powers off. */
export const LAB_INIT = path.join(__dirname, 'umlinit.sh');

/** apt packages the lab needs and a file proving each one is installed. */
export const LAB_PACKAGES: ReadonlyArray<{ readonly pkg: string; readonly file: string }> = [
  { pkg: 'user-mode-linux', file: '/usr/bin/linux.uml' },
  { pkg: 'kmod', file: '/usr/sbin/insmod' },
  { pkg: 'containernetworking-plugins', file: '/usr/lib/cni/bridge' },
  { pkg: 'iproute2', file: '/usr/sbin/ip' },
  { pkg: 'iputils-ping', file: '/usr/bin/ping' },
  // the bridge plugin's macspoofchk runs `nft` (test/lab asserts macspoofchk works)
  { pkg: 'nftables', file: '/usr/sbin/nft' },
];

/** Installs missing lab packages with apt-get (root only). Throws with the reason when it cannot. */
export function ensureLabPackages(log: (s: string) => void = () => undefined): void {
  const missing = LAB_PACKAGES.filter((p) => !fs.existsSync(p.file));
  if (missing.length === 0) return;
  const names = missing.map((p) => p.pkg);
  if (typeof process.getuid === 'function' && process.getuid() !== 0)
    throw new Error(`real-kernel lab: packages missing (${names.join(', ')}) and not running as root to install them`);
  log(`installing ${names.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { env, stdio: 'pipe', timeout: 300000 });
    execFileSync('apt-get', ['install', '-y', '-qq', ...names], { env, stdio: 'pipe', timeout: 600000 });
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    throw new Error(`real-kernel lab: apt-get install ${names.join(' ')} failed: ${err.stderr?.toString().slice(-2000) ?? err.message}`);
  }
  const still = LAB_PACKAGES.filter((p) => !fs.existsSync(p.file));
  if (still.length) throw new Error(`real-kernel lab: still missing after apt-get: ${still.map((p) => p.file).join(', ')}`);
  if (!fs.existsSync('/usr/lib/uml/modules')) throw new Error('real-kernel lab: /usr/lib/uml/modules is missing (user-mode-linux modules)');
}

/**
 * Builds the agent bundle with esbuild (scripts/build-agent.js), to dist-agent/multihome-agent.js
 * or `outfile` (a lab's own work directory, so two labs running in parallel jest workers never
 * write the same file).
 */
export async function buildAgentBundle(outfile?: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildAgent } = require(path.join(ROOT, 'scripts', 'build-agent.js')) as { buildAgent: (o?: object) => Promise<string> };
  return buildAgent(outfile ? { outfile } : {});
}

/** A fresh work directory on the host (the guest sees it through hostfs). */
export function makeLabDir(prefix = 'multihome-lab-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** A CNI_PATH with the plugins the NADs name: `cnv-bridge` is the bridge plugin under another name. */
export function makeCniPath(dir: string): string {
  const bin = path.join(dir, 'cni-bin');
  fs.mkdirSync(bin, { recursive: true });
  const links: Record<string, string> = { bridge: 'bridge', 'cnv-bridge': 'bridge', tuning: 'tuning', 'cnv-tuning': 'tuning' };
  for (const [name, target] of Object.entries(links)) fs.symlinkSync(path.join('/usr/lib/cni', target), path.join(bin, name));
  return bin;
}

/** Outcome of a boot: the console output and how it ended. */
export interface UmlBoot {
  readonly console: string;
  readonly code: number | null;
  readonly durationMs: number;
}

/**
 * Boots user-mode-linux with `init` as PID 1 and `env` as KEY=VALUE words (they become init's
 * environment). Resolves when the guest powers off; rejects with the console tail on timeout.
 */
export function bootUml(init: string, env: Readonly<Record<string, string>>, timeoutMs: number, memMb = 768): Promise<UmlBoot> {
  for (const [k, v] of Object.entries(env)) if (!/^[A-Z_]+$/.test(k) || /\s/.test(v)) throw new Error(`bad UML env ${k}=${v}`);
  const args = [`mem=${memMb}M`, 'rootfstype=hostfs', 'rootflags=/', 'rw', 'quiet', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), `init=${init}`, 'con=null', 'con0=null,fd:1'];
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('linux.uml', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TMPDIR: os.tmpdir() } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`user-mode-linux did not power off within ${timeoutMs} ms; console tail:\n${out.slice(-3000)}`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot start linux.uml: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ console: out, code, durationMs: Date.now() - start });
    });
  });
}
