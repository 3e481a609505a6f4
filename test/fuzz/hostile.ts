/**
 * The hostile corpus: every case of the security review's §3 table and reproductions
 * (shared/reference/security-2026-12.md), for each target it applies to. Small cases are files in
 * test/fixtures/hostile; big ones (megabytes, 100 000 documents, deep nesting) and ones that need
 * the file system (symlinks, a FIFO, raw bytes) are made here, in a temporary directory, so no
 * large file is committed. Random bytes come from a seeded PRNG: the same bytes on every run.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { TargetName } from './protocol';

const HOSTILE = path.join(__dirname, '..', 'fixtures', 'hostile');
const GOLDEN = path.join(__dirname, '..', 'fixtures', 'golden');

/** What a case puts on disk for one target: one file, or a directory it fills itself. */
export type Content = { readonly file: string; readonly data: () => string | Buffer } | { readonly dir: (dir: string) => void };

/** One hostile input. */
export interface HostileCase {
  readonly name: string;
  /** The review's finding it reproduces (S1, S5, ...) or its §3 row. */
  readonly source: string;
  readonly inputs: Partial<Record<Exclude<TargetName, 'topology'>, Content>>;
  /**
   * Targets for which the input is wrong and must be reported (exit 1/2, config rejected):
   * accepting it silently is the finding (S2, S8, ...).
   */
  readonly mustReport?: ReadonlyArray<Exclude<TargetName, 'topology'>>;
}

/** mulberry32: a small seeded PRNG (same bytes on every run). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fixture = (name: string) => () => fs.readFileSync(path.join(HOSTILE, name));
const file = (name: string, data: () => string | Buffer): Content => ({ file: name, data });
/** The same file for check, the agent (as its ConfigMap's only key) and the environment loader. */
const everywhere = (name: string, data: () => string | Buffer) => ({ check: file(name, data), agent: file(name, data), environment: file(name, data) });

function randomBytes(n: number, seed: number): Buffer {
  const next = prng(seed);
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(next() * 256);
  return b;
}

function blockNesting(depth: number): string {
  const lines: string[] = [];
  for (let i = 0; i < depth; i++) lines.push(`${' '.repeat(i)}k${i}:`);
  lines.push(`${' '.repeat(depth)}leaf`);
  return lines.join('\n') + '\n';
}

/** An NNCP of `n` VLAN interfaces over `names` distinct names (S5: n - names duplicate warnings). */
function nncpDuplicates(n: number, names: number): string {
  const ifaces: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = (i % names) + 2;
    ifaces.push(`      - name: eth1.${id}\n        type: vlan\n        state: up\n        vlan:\n          base-iface: eth1\n          id: ${id}`);
  }
  return `apiVersion: nmstate.io/v1\nkind: NodeNetworkConfigurationPolicy\nmetadata:\n  name: dup\nspec:\n  nodeSelector:\n    kubernetes.io/hostname: node01\n  desiredState:\n    interfaces:\n${ifaces.join('\n')}\n`;
}

const nad = (config: string, name = 'n') =>
  `apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: ${name}\n  namespace: default\nspec:\n  config: ${JSON.stringify(config)}\n`;

function vmsSharingOneMac(n: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++)
    docs.push(
      `apiVersion: kubevirt.io/v1\nkind: VirtualMachine\nmetadata: {name: vm-${i}, namespace: default}\nspec:\n  template:\n    spec:\n      domain: {devices: {interfaces: [{name: pod, masquerade: {}}, {name: l2, bridge: {}, macAddress: "02:00:00:00:00:01"}]}}\n      networks: [{name: pod, pod: {}}, {name: l2, multus: {networkName: default/br0-100-l2}}]`,
    );
  return docs.join('\n---\n') + '\n';
}

/** A NAD named `caf` + the Latin-1 byte 0xE9 (not UTF-8: decoded as U+FFFD). */
function latin1Name(): Buffer {
  const [before, after] = nad('{"cniVersion": "0.3.1", "type": "bridge", "bridge": "br0"}', 'cafLATIN1').split('LATIN1');
  return Buffer.concat([Buffer.from(before), Buffer.from([0xe9]), Buffer.from(after)]);
}

const labManifests = () => fs.readFileSync(path.join(GOLDEN, 'lab.k8s.yaml'), 'utf8');

/** The corpus. */
export const HOSTILE_CASES: readonly HostileCase[] = [
  { name: 'empty file', source: '§3', inputs: everywhere('empty.yaml', fixture('empty.yaml')) },
  { name: 'comments and document markers only', source: '§3', inputs: everywhere('comments.yaml', fixture('comments-only.yaml')) },
  { name: 'billion laughs (9 levels) inside an NNCP desiredState', source: 'S1', inputs: everywhere('bomb.yaml', fixture('billion-laughs-nncp.yaml')), mustReport: ['check', 'agent', 'environment'] },
  { name: 'billion laughs inside a VirtualMachine spec', source: 'S1', inputs: { check: file('bomb.yaml', fixture('billion-laughs-vm.yaml')) }, mustReport: ['check'] },
  { name: 'billion laughs at the top level', source: '§3', inputs: everywhere('bomb.yaml', fixture('billion-laughs-top.yaml')), mustReport: ['check', 'agent', 'environment'] },
  { name: 'billion laughs parked in a key no validator reads (NAD)', source: '§3', inputs: { check: file('bomb.yaml', fixture('billion-laughs-nad-parked.yaml')) }, mustReport: ['check'] },
  { name: 'agent config: billion laughs under metadata (585 B ConfigMap)', source: 'S1', inputs: { agent: file('agent.yaml', fixture('agent-billion-laughs.yaml')) }, mustReport: ['agent'] },
  { name: 'merge-key (<<) bomb', source: '§3', inputs: everywhere('merge.yaml', fixture('merge-key-bomb.yaml')), mustReport: ['check', 'agent', 'environment'] },
  { name: 'flow nesting [ x100000', source: '§3', inputs: everywhere('flow.yaml', () => '['.repeat(100_000)), mustReport: ['check', 'agent', 'environment'] },
  { name: 'block mapping nested 5000 deep', source: '§3', inputs: everywhere('block.yaml', () => blockNesting(5000)), mustReport: ['check', 'agent', 'environment'] },
  { name: '1 MiB of random bytes (seeded)', source: '§3', inputs: everywhere('random.yaml', () => randomBytes(1 << 20, 0x5eed)), mustReport: ['check', 'agent', 'environment'] },
  {
    name: 'NUL and ANSI escape in the text',
    source: '§3',
    inputs: everywhere('nul-esc.yaml', () => 'apiVersion: v1\u0000\nkind: \u001b[31mNetworkAttachmentDefinition\u001b[0m\nmetadata: {name: x}\n'),
    mustReport: ['check', 'agent', 'environment'],
  },
  { name: 'UTF-16LE with BOM', source: '§3', inputs: everywhere('utf16.yaml', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(labManifests(), 'utf16le')])), mustReport: ['check', 'agent', 'environment'] },
  { name: 'Latin-1 byte in metadata.name (caf\\xe9)', source: 'S8', inputs: { check: file('latin1.yaml', latin1Name) }, mustReport: ['check'] },
  { name: 'lone surrogate in a NAD config', source: '§3', inputs: { check: file('surrogate.yaml', fixture('lone-surrogate.yaml')) } },
  { name: '100000 empty --- documents', source: '§3', inputs: everywhere('empty-docs.yaml', () => '---\n'.repeat(100_000)) },
  { name: 'one 10 MiB line', source: '§3', inputs: everywhere('line.yaml', () => `x: ${'a'.repeat(10 << 20)}\n`), mustReport: ['check', 'agent', 'environment'] },
  { name: 'duplicate keys (kind, metadata.name)', source: '§3', inputs: everywhere('dup.yaml', fixture('duplicate-keys.yaml')), mustReport: ['check', 'agent', 'environment'] },
  { name: '!!binary, !Ref, !!set, !!js/function tags', source: '§3', inputs: everywhere('tags.yaml', fixture('tags.yaml')), mustReport: ['check', 'agent', 'environment'] },
  { name: '.inf, .nan, 1e400, 0x10, 1e23 where integers are expected', source: '§3', inputs: everywhere('numbers.yaml', fixture('special-numbers.yaml')), mustReport: ['check', 'agent', 'environment'] },
  { name: '__proto__ and constructor keys', source: '§3', inputs: everywhere('proto.yaml', fixture('proto-keys.yaml')) },
  { name: 'kind: List holding an invalid NAD', source: 'S8', inputs: { check: file('list.yaml', fixture('list-invalid-nad.yaml')) }, mustReport: ['check'] },
  { name: 'invalid Kubernetes names, namespaces, labels and annotation keys', source: 'S8', inputs: { check: file('names.yaml', fixture('invalid-k8s-names.yaml')) }, mustReport: ['check'] },
  { name: 'ESC/BEL sequences in a NAD metadata.name', source: 'S15', inputs: { check: file('esc.yaml', fixture('escape-sequences-name.yaml')) } },
  { name: 'NAD config JSON nested 200000 deep', source: '§3', inputs: { check: file('deep-config.yaml', () => nad(`{"cniVersion": "0.3.1", "type": "bridge", "bridge": "br0", "x": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`)) } },
  { name: 'NAD config with a 1 MiB string value', source: '§3', inputs: { check: file('big-config.yaml', () => nad(`{"cniVersion": "0.3.1", "type": "bridge", "bridge": "br0", "junk": "${'j'.repeat(1 << 20)}"}`)) } },
  { name: '3000 VMs sharing one MAC', source: '§3', inputs: { check: file('vms.yaml', () => vmsSharingOneMac(3000)) }, mustReport: ['check'] },
  { name: 'NNCP with 2000 interfaces over 100 names', source: 'S5', inputs: { check: file('nncp-dup.yaml', () => nncpDuplicates(2000, 100)), agent: file('nncp-dup.yaml', () => nncpDuplicates(2000, 100)) }, mustReport: ['check', 'agent'] },
  {
    name: 'directory with self-symlinks a -> . and b -> .',
    source: 'S7',
    inputs: {
      check: { dir: (d) => (fs.writeFileSync(path.join(d, 'nad.yaml'), nad('{"cniVersion": "0.3.1", "type": "bridge", "bridge": "br0"}')), fs.symlinkSync('.', path.join(d, 'a')), fs.symlinkSync('.', path.join(d, 'b'))) },
      agent: { dir: (d) => (fs.writeFileSync(path.join(d, 'agent.yaml'), '{"desiredState": {"interfaces": []}}'), fs.symlinkSync('.', path.join(d, 'a.yaml')), fs.symlinkSync('.', path.join(d, 'b'))) },
    },
  },
  {
    name: 'directory with a FIFO named pipe.yaml',
    source: 'S7',
    inputs: {
      check: { dir: (d) => execFileSync('mkfifo', [path.join(d, 'pipe.yaml')]) },
      agent: { dir: (d) => (fs.writeFileSync(path.join(d, 'agent.yaml'), '{"desiredState": {"interfaces": []}}'), execFileSync('mkfifo', [path.join(d, 'pipe.yaml')])) },
    },
  },
  { name: 'agent: NUL in a route next-hop-interface', source: 'S2', inputs: { agent: file('agent.json', fixture('agent-nul-route.json')) }, mustReport: ['agent'] },
  { name: 'agent: ESC sequences in an interface name', source: 'S15', inputs: { agent: file('agent.json', fixture('agent-escape-interface.json')) }, mustReport: ['agent'] },
  { name: 'agent: $(reboot) and backticks in interface names', source: 'S11', inputs: { agent: file('agent.json', fixture('agent-dollar-interface.json')) } },
  { name: 'agent: NUL in a probe interface', source: 'S3', inputs: { agent: file('agent.json', fixture('agent-probe-nul.json')) }, mustReport: ['agent'] },
  { name: 'environment named ..', source: 'S9', inputs: { environment: file('env.json', fixture('environment-dotdot.json')) }, mustReport: ['environment'] },
];

/** Writes `content` under `root` and returns the path to give the target. */
export function materialize(content: Content, root: string, target: Exclude<TargetName, 'topology'>): string {
  fs.mkdirSync(root, { recursive: true });
  if ('dir' in content) {
    content.dir(root);
    return root;
  }
  const f = path.join(root, content.file);
  fs.writeFileSync(f, content.data());
  // the agent reads a directory (its mounted ConfigMap); check and the environment loader a file
  return target === 'agent' ? root : f;
}
