/**
 * Inputs and outputs shared by the suites of one bench run, made once per N in a temp directory:
 * the rendered manifests as JSON (what the floors read), the same in canonical key order, and
 * `multihome synth`'s file (what `check` reads).
 */
import * as fs from 'fs';
import * as path from 'path';
import { canonicalManifest } from '../lib/core/render/yaml';
import { renderTopology } from '../lib/core/topology/render';
import { generateEnvironment } from './generate';
import { cleanup, runWorker, tempDir, WorkerName } from './harness';

/** One bench run's scratch space. */
export class Workspace {
  public readonly dir = tempDir('multihome-bench-');
  private readonly manifests = new Map<number, { raw: string; canonical: string; count: number }>();
  private readonly synthFiles = new Map<number, string>();
  private readonly cdk8sFiles = new Map<number, string>();
  private seq = 0;

  constructor(public readonly workers: Record<WorkerName, string>) {}

  /** A fresh directory (or file path) inside the workspace. */
  public fresh(prefix: string): string {
    return path.join(this.dir, `${prefix}-${++this.seq}`);
  }

  /** The generated environment of size n rendered to manifests (JSON files; rendered once). */
  public manifestFiles(n: number): { raw: string; canonical: string; count: number } {
    let m = this.manifests.get(n);
    if (!m) {
      const ms = renderTopology(generateEnvironment(n));
      const raw = path.join(this.dir, `manifests-${n}.json`);
      const canonical = path.join(this.dir, `manifests-${n}.canonical.json`);
      fs.writeFileSync(raw, JSON.stringify(ms));
      fs.writeFileSync(canonical, JSON.stringify(ms.map(canonicalManifest)));
      m = { raw, canonical, count: ms.length };
      this.manifests.set(n, m);
    }
    return m;
  }

  /** Remembers the cdk8s path's output for n (the reference `multihome synth` must equal). */
  public setCdk8sFile(n: number, file: string): void {
    if (!this.cdk8sFiles.has(n)) this.cdk8sFiles.set(n, keep(this, file, `cdk8s-${n}.k8s.yaml`));
  }

  /** The cdk8s path's output for n (synthesized once when no suite made it yet). */
  public cdk8sFile(n: number): string {
    if (!this.cdk8sFiles.has(n)) {
      const r = runWorker(this.workers['cdk8s-env'], { n, outdir: this.fresh('cdk8s') });
      this.setCdk8sFile(n, String(r.result.file));
    }
    return this.cdk8sFiles.get(n)!;
  }

  /** Remembers `multihome synth`'s output for n. */
  public setSynthFile(n: number, file: string): void {
    if (!this.synthFiles.has(n)) this.synthFiles.set(n, keep(this, file, `synth-${n}.k8s.yaml`));
  }

  /** `multihome synth`'s output for n (synthesized once when no suite made it yet). */
  public synthFile(n: number): string {
    if (!this.synthFiles.has(n)) {
      const r = runWorker(this.workers['synth-direct'], { n, outRoot: this.fresh('synth') });
      this.setSynthFile(n, String(r.result.file));
    }
    return this.synthFiles.get(n)!;
  }

  /** Removes everything. */
  public dispose(): void {
    cleanup(this.dir);
  }
}

/** Copies a worker's output to a stable name (workers' own directories are reused per run). */
function keep(w: Workspace, file: string, name: string): string {
  const dest = path.join(w.dir, name);
  fs.copyFileSync(file, dest);
  return dest;
}
