/**
 * The package as npm publishes it, for the package tests: {@link packedPackage} runs `npm pack`
 * (whose `prepack` builds dist-lib/ and dist-agent/) in a copy of the sources — the checkout
 * itself gets no dist-lib/ or dist-agent/ — and extracts the tarball. The result is cached under
 * the system temp directory by a hash of everything that goes into it, so the test files that
 * need it (and reruns) pack once. Every command runs as a program with an argument array, never
 * through a shell.
 */
import { execFile } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** What `npm pack` needs from the checkout: the build's inputs and the files it ships. */
const PACK_INPUTS = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'README.md', 'Dockerfile', 'bin', 'lib', 'imports', 'scripts'];

/** A command's outcome (never rejected: tests assert on `code` and print the output). */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment for nested npm and node runs: this process's, less the `npm_*` variables an
 * enclosing `npm test` exports (its package, lifecycle and local prefix must not leak into an
 * install elsewhere) — except the user's registry, cache and config files.
 */
export function childEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const keep = new Set(['npm_config_registry', 'npm_config_cache', 'npm_config_userconfig', 'npm_config_globalconfig']);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) || keep.has(k.toLowerCase())) env[k] = v;
  return { ...env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...extra };
}

/** Runs `file` with `args` (no shell) and resolves to its exit code and output. */
export function run(file: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      file,
      [...args],
      { cwd: options.cwd, env: options.env ?? childEnv(), timeout: options.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', shell: false },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : (error.signal ? 128 : 1)) : 0;
        resolve({ code, stdout, stderr: error && typeof error.code !== 'number' ? `${stderr}\n${error.message}` : stderr });
      },
    );
  });
}

/** `node` with `args`, the same Node as this process. */
export const runNode = (args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<RunResult> => run(process.execPath, args, options);

/** Throws with the command's output when it failed. */
export function ok(r: RunResult, what: string): RunResult {
  if (r.code !== 0) throw new Error(`${what} exited ${r.code}\n--- stdout\n${r.stdout.slice(-4000)}\n--- stderr\n${r.stderr.slice(-4000)}`);
  return r;
}

/** The packed package. */
export interface PackedPackage {
  /** The `.tgz` npm pack wrote. */
  readonly tarball: string;
  /** The tarball extracted: the package's root directory (`…/package`). */
  readonly root: string;
  /** Paths inside the package, as `npm pack --json` lists them. */
  readonly files: readonly string[];
  /** The packed package.json. */
  readonly manifest: PackageManifest;
}

export interface PackageManifest {
  name: string;
  version: string;
  main: string;
  types: string;
  bin: Record<string, string>;
  files: string[];
  exports: Record<string, string | Record<string, string>>;
  typesVersions: Record<string, Record<string, string[]>>;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  devDependencies?: Record<string, string>;
}

function filesUnder(p: string): string[] {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return [p];
  return fs
    .readdirSync(p)
    .sort()
    .flatMap((e) => filesUnder(path.join(p, e)));
}

/** Hash of every pack input, the Node version, and the lock file (the build tools' versions). */
function inputsHash(): string {
  const h = crypto.createHash('sha256').update(process.version);
  for (const input of PACK_INPUTS) {
    const abs = path.join(REPO_ROOT, input);
    if (!fs.existsSync(abs)) continue;
    for (const f of filesUnder(abs)) h.update(path.relative(REPO_ROOT, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let memo: Promise<PackedPackage> | undefined;

/** Packs the package (once per input state; see the module comment) and returns it extracted. */
export function packedPackage(): Promise<PackedPackage> {
  memo ??= packCached();
  return memo;
}

async function packCached(): Promise<PackedPackage> {
  const cacheRoot = path.join(os.tmpdir(), 'multihome-pack-cache');
  fs.mkdirSync(cacheRoot, { recursive: true });
  const dir = path.join(cacheRoot, inputsHash());
  const doneMarker = path.join(dir, 'pack.json');
  const lock = `${dir}.lock`;
  for (const deadline = Date.now() + 10 * 60_000; !fs.existsSync(doneMarker); ) {
    try {
      fs.mkdirSync(lock);
    } catch {
      // another test process is packing the same state: wait for it (or for its lock to go stale)
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      const age = fs.existsSync(lock) ? Date.now() - fs.statSync(lock).mtimeMs : 0;
      // a packer holds the lock at most ~6 minutes (npm pack's own timeout is 5)
      if (age > 15 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      await sleep(1000);
      continue;
    }
    try {
      if (!fs.existsSync(doneMarker)) await pack(dir);
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
  const now = new Date();
  fs.utimesSync(dir, now, now); // in use: not pruned by others
  pruneCache(cacheRoot, path.basename(dir));
  const packed = JSON.parse(fs.readFileSync(doneMarker, 'utf8')) as { filename: string; files: Array<{ path: string }> };
  const root = path.join(dir, 'extracted', 'package');
  return {
    tarball: path.join(dir, packed.filename),
    root,
    files: packed.files.map((f) => f.path).sort(),
    manifest: JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as PackageManifest,
  };
}

/** Copies the sources, packs them there, extracts the tarball; pack.json is written last. */
async function pack(dir: string): Promise<void> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'multihome-pack-src-'));
  try {
    for (const input of PACK_INPUTS) {
      const abs = path.join(REPO_ROOT, input);
      if (fs.existsSync(abs)) fs.cpSync(abs, path.join(work, input), { recursive: true });
    }
    fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(work, 'node_modules'), 'dir');
    const r = ok(await run('npm', ['pack', '--json', '--pack-destination', dir], { cwd: work, timeoutMs: 5 * 60_000 }), 'npm pack');
    // npm prints the prepack script's output before the JSON array
    const json = JSON.parse(r.stdout.slice(r.stdout.lastIndexOf('\n[') + 1)) as Array<{ filename: string; files: unknown[] }>;
    fs.mkdirSync(path.join(dir, 'extracted'));
    ok(await run('tar', ['-xzf', path.join(dir, json[0].filename), '-C', path.join(dir, 'extracted')], { cwd: dir }), 'tar -x');
    fs.writeFileSync(path.join(dir, 'pack.json'), JSON.stringify(json[0]));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Drops cached packs of other input states that nobody touched for a day. */
function pruneCache(cacheRoot: string, keep: string): void {
  for (const e of fs.readdirSync(cacheRoot)) {
    const p = path.join(cacheRoot, e);
    if (e === keep || e.endsWith('.lock')) continue;
    try {
      if (Date.now() - fs.statSync(p).mtimeMs > 24 * 3600_000) fs.rmSync(p, { recursive: true, force: true });
    } catch {
      // pruned by someone else
    }
  }
}

/** The installed version of a package of this repository (the consumers pin the same ones: the npm cache has them). */
export function repoVersion(name: string): string {
  return (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/** A fenced ```ts block of a Markdown file. */
export interface CodeBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly code: string;
}

/**
 * The blocks fenced exactly ```ts (or ```typescript) in `markdown`. A fence with more on its info
 * line (```ts nocompile) is not returned: that is how a README marks a block not meant to compile.
 */
export function typescriptBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})(.*)$/.exec(lines[i]);
    if (!open) continue;
    const fence = open[1];
    const info = open[2].trim();
    let j = i + 1;
    while (j < lines.length && !(lines[j].startsWith(fence) && lines[j].slice(fence.length).trim() === '')) j++;
    if (info === 'ts' || info === 'typescript') blocks.push({ line: i + 1, code: lines.slice(i + 1, j).join('\n') + '\n' });
    i = j;
  }
  return blocks;
}

/** The module specifiers a block imports. */
export function importsOf(code: string): string[] {
  return [...code.matchAll(/(?:^|\n)\s*import\s[^'"]*?['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

/** Which consumer project a block belongs to: by the frameworks it imports; `plain` blocks go to both. */
export function frameworkOf(code: string): 'cdk8s' | 'pulumi' | 'plain' {
  const imports = importsOf(code);
  const cdk8s = imports.some((i) => /^(cdk8s|cdk8s-plus-\d+|constructs|multihome\/cdk8s)$/.test(i));
  const pulumi = imports.some((i) => /^(@pulumi\/.+|multihome\/(pulumi|policy))$/.test(i));
  if (cdk8s && pulumi) throw new Error(`a README block imports both cdk8s and Pulumi: ${imports.join(', ')}`);
  return cdk8s ? 'cdk8s' : pulumi ? 'pulumi' : 'plain';
}
