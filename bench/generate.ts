/**
 * Synthetic environments for the benchmarks: N VMs over N/20 per-VLAN bridge networks in 10
 * namespaces — the workload of shared/reference/baseline.md (gen-objects.js) expressed as a typed
 * {@link Topology}, so every path (cdk8s, `multihome synth`, Pulumi, `check`) renders it through
 * lib/core. Each VM has the pod network and one bridge NIC with a static address, a gateway and a
 * multi-line cloud-init userData; each network is a VLAN on `eno1` with its bridge and one NAD.
 * Deterministic: the same N gives the same topology (and the same bytes).
 */
import { NetworkSpec, Topology, VmSpec } from '../lib/core/topology/model';

/** Namespaces the VMs and NADs are spread over. */
export const BENCH_NAMESPACES = 10;

/** Options of {@link generateEnvironment}. */
export interface GenerateOptions {
  /** Environment name. @default `bench-<n>` */
  readonly name?: string;
  /** VMs per network. @default 20 */
  readonly vmsPerNetwork?: number;
}

/** First VLAN id; networks take consecutive ids (N = 10 000 uses 100..599). */
const FIRST_VLAN = 100;

/** cloud-init userData of every VM: several lines, quotes, a colon and a `#` so the YAML emitters must quote/fold it right. */
const USER_DATA = [
  '#cloud-config',
  'password: "fedora"',
  'chpasswd: { expire: False }',
  'packages: [qemu-guest-agent]',
  'runcmd:',
  "  - [ systemctl, enable, --now, 'qemu-guest-agent' ]",
  '',
].join('\n');

/**
 * An environment of `n` VMs over `max(1, n/20)` networks in {@link BENCH_NAMESPACES} namespaces
 * that validates without errors (`validateEnvironment`).
 */
export function generateEnvironment(n: number, options: GenerateOptions = {}): Topology {
  if (!Number.isInteger(n) || n < 1) throw new Error(`generateEnvironment: n must be a positive integer, got ${n}`);
  const perNetwork = options.vmsPerNetwork ?? 20;
  const nNets = Math.max(1, Math.floor(n / perNetwork));
  if (FIRST_VLAN + nNets - 1 > 4094) throw new Error(`generateEnvironment: ${nNets} networks do not fit VLAN ids ${FIRST_VLAN}..4094`);
  const networks: NetworkSpec[] = [];
  for (let k = 0; k < nNets; k++) {
    const vlan = FIRST_VLAN + k;
    networks.push({
      name: `vlan-${vlan}`,
      pattern: 'vlan-bridge',
      uplink: 'eno1',
      vlan,
      bridge: `br${vlan}`,
      namespaces: [namespaceOf(k)],
      subnets: [`${subnetPrefix(k)}.0/24`],
    });
  }
  const vms: VmSpec[] = [];
  for (let j = 0; j < n; j++) {
    const k = j % nNets;
    const host = Math.floor(j / nNets) + 10;
    if (host > 254) throw new Error(`generateEnvironment: more than 245 VMs on network ${k}; lower vmsPerNetwork`);
    vms.push({
      name: `vm-${String(j).padStart(5, '0')}`,
      namespace: namespaceOf(k),
      memory: '1Gi',
      image: 'quay.io/containerdisks/fedora:40',
      userData: USER_DATA,
      attachments: [{ network: networks[k].name, name: 'net1', ipv4: [`${subnetPrefix(k)}.${host}/24`], gateway4: `${subnetPrefix(k)}.1` }],
    });
  }
  return {
    name: options.name ?? `bench-${n}`,
    platform: 'vanilla',
    prerequisites: { nmstate: true },
    nodeGroups: [{ name: 'workers', nodeSelector: { 'node-role.kubernetes.io/worker': '' } }],
    uplinks: [{ name: 'eno1', nodeGroup: 'workers', interface: 'eno1' }],
    networks,
    vms,
  };
}

function namespaceOf(k: number): string {
  return `ns-${k % BENCH_NAMESPACES}`;
}

function subnetPrefix(k: number): string {
  return `10.${100 + (k >> 8)}.${k & 255}`;
}
