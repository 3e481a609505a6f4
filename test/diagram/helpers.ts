import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Diagram, DiagramEdge, DiagramNode } from '../../lib/core/diagram';
import { Manifest } from '../../lib/core/manifest';

/** The repository root (tests run with it as working directory, but do not rely on it). */
export const ROOT = path.resolve(__dirname, '..', '..');

/** The seed fixtures directory. */
export const SEEDS = path.join(ROOT, 'test', 'fixtures', 'seeds');

/** The one node with this title; fails the test when there is none or more than one. */
export function nodeTitled(d: Diagram, title: string, cluster?: string): DiagramNode {
  const found = d.nodes.filter((n) => n.title === title && (cluster === undefined || n.cluster === cluster));
  if (found.length !== 1) throw new Error(`expected one node titled ${JSON.stringify(title)}${cluster ? ` in ${cluster}` : ''}, found ${found.length}: ${d.nodes.map((n) => n.title).join(', ')}`);
  return found[0];
}

/** Edges from `from` to `to` (node objects). */
export function edgesBetween(d: Diagram, from: DiagramNode, to: DiagramNode): DiagramEdge[] {
  return d.edges.filter((e) => e.from === from.id && e.to === to.id);
}

/** The cluster title of a node. */
export function clusterTitle(d: Diagram, n: DiagramNode): string | undefined {
  return d.clusters.find((c) => c.id === n.cluster)?.title;
}

/** The macAddress of VM `name`'s interface `iface` in rendered manifests. */
export function macOf(manifests: readonly Manifest[], vm: string, iface: string): string {
  const m = manifests.find((x) => x.kind === 'VirtualMachine' && x.metadata.name === vm) as any;
  const i = m.spec.template.spec.domain.devices.interfaces.find((x: any) => x.name === iface);
  return i.macAddress;
}

/**
 * Path of `rsvg-convert` (Debian librsvg2-bin). Installs it with apt-get when missing and running
 * as root; otherwise throws with the reason (the PNG test must not be skipped).
 */
export function rsvgConvert(): string {
  const find = () => ['/usr/bin/rsvg-convert', '/usr/local/bin/rsvg-convert'].find((p) => fs.existsSync(p));
  const found = find();
  if (found) return found;
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    execFileSync('apt-get', ['update'], { stdio: 'ignore', timeout: 300_000 });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'librsvg2-bin'], { stdio: 'ignore', timeout: 300_000, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    const installed = find();
    if (installed) return installed;
    throw new Error('apt-get install librsvg2-bin succeeded but rsvg-convert is still missing');
  }
  throw new Error('rsvg-convert (Debian package librsvg2-bin) is not installed and this test is not running as root to install it: run `apt-get install librsvg2-bin`');
}

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature)) throw new Error('not a PNG: bad signature');
  if (png.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error('not a PNG: first chunk is not IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/**
 * A structural check of Mermaid flowchart source as {@link toMermaid} writes it: header,
 * balanced subgraph/end, node definitions with quoted labels free of raw quotes, and edges,
 * classes and styles that only name declared ids. Returns the problems found (empty = sane).
 */
export function mermaidProblems(src: string): string[] {
  const problems: string[] = [];
  const lines = src.split('\n').filter((l) => l.trim() !== '');
  if (lines[0] !== 'flowchart LR') problems.push(`first line is ${JSON.stringify(lines[0])}`);
  const ids = new Set<string>();
  const subgraphs = new Set<string>();
  let depth = 0;
  const id = '[A-Za-z0-9_]+';
  const label = '"[^"]*"';
  const shapes = [['\\[', '\\]'], ['\\(', '\\)'], ['\\{\\{', '\\}\\}'], ['\\[\\[', '\\]\\]'], ['\\[/', '/\\]'], ['\\[/', '\\\\\\]'], ['>', '\\]'], ['\\(\\[', '\\]\\)']];
  const nodeRe = new RegExp(`^\\s*(${id})(?:${shapes.map(([o, c]) => `${o}${label}${c}`).join('|')})$`);
  const edgeRe = new RegExp(`^\\s*(${id}) (?:-->|-\\.->)(?:\\|${label}\\|)? (${id})$`);
  const refs: string[] = [];
  for (const line of lines.slice(1)) {
    let m: RegExpExecArray | null;
    if (/^\s*%%/.test(line)) continue;
    if ((m = new RegExp(`^\\s*subgraph (${id})\\[${label}\\]$`).exec(line))) {
      depth++;
      subgraphs.add(m[1]);
    } else if (/^\s*end$/.test(line)) {
      if (--depth < 0) problems.push('end without subgraph');
    } else if ((m = nodeRe.exec(line))) {
      if (ids.has(m[1])) problems.push(`node ${m[1]} declared twice`);
      ids.add(m[1]);
    } else if ((m = edgeRe.exec(line))) {
      refs.push(m[1], m[2]);
    } else if ((m = new RegExp(`^\\s*classDef ${id} [^\\s,][^,]*(?:,[^,]+)*$`).exec(line))) {
      // class definition
    } else if ((m = new RegExp(`^\\s*class ((?:${id},)*${id}) ${id}$`).exec(line))) {
      refs.push(...m[1].split(','));
    } else if ((m = new RegExp(`^\\s*style (${id}) [^\\s]+$`).exec(line))) {
      if (!subgraphs.has(m[1]) && !ids.has(m[1])) problems.push(`style names unknown ${m[1]}`);
    } else {
      problems.push(`unexpected line: ${line}`);
    }
  }
  if (depth !== 0) problems.push(`${depth} subgraph(s) not closed`);
  for (const r of refs) if (!ids.has(r)) problems.push(`reference to undeclared node ${r}`);
  for (const i of [...ids, ...subgraphs]) if (/^(end|graph|subgraph|flowchart|class|style)$/i.test(i)) problems.push(`id ${i} is a keyword`);
  return problems;
}
