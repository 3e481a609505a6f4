/**
 * Tiny manifest builders for the rule tests: just the fields the cross-resource rules read.
 */
import { Manifest } from '../../../lib/core/manifest';

/** An NNCP with `interfaces` on the nodes `selector` picks (omitted when empty). */
export function nncp(name: string, interfaces: unknown[], selector: Record<string, string> = { 'node-role.kubernetes.io/worker': '' }, extra: Record<string, unknown> = {}): Manifest {
  return {
    apiVersion: 'nmstate.io/v1',
    kind: 'NodeNetworkConfigurationPolicy',
    metadata: { name },
    spec: { ...(Object.keys(selector).length ? { nodeSelector: selector } : {}), desiredState: { interfaces, ...extra } },
  };
}

/** A linux-bridge interface entry with ports (each a name, or a name with a `vlan` block). */
export function bridge(name: string, ports: Array<string | { name: string; vlan: unknown }>, more: Record<string, unknown> = {}): Record<string, unknown> {
  return { name, type: 'linux-bridge', state: 'up', ...more, bridge: { options: { stp: { enabled: false } }, port: ports.map((p) => (typeof p === 'string' ? { name: p } : p)) } };
}

/** A NAD in `namespace` with the given CNI config (name filled in) and optional annotations. */
export function nad(namespace: string, name: string, config: Record<string, unknown>, annotations?: Record<string, string>): Manifest {
  return {
    apiVersion: 'k8s.cni.cncf.io/v1',
    kind: 'NetworkAttachmentDefinition',
    metadata: { name, namespace, ...(annotations ? { annotations } : {}) },
    spec: { config: JSON.stringify({ cniVersion: '0.3.1', name, ...config }) },
  };
}

/** A bridge NAD with macspoofchk and the bridge-marker resourceName (the well-formed kind). */
export function bridgeNad(namespace: string, name: string, br: string, more: Record<string, unknown> = {}): Manifest {
  return nad(namespace, name, { type: 'bridge', bridge: br, macspoofchk: true, ipam: {}, ...more }, { 'k8s.v1.cni.cncf.io/resourceName': `bridge.network.kubevirt.io/${br}` });
}

/** One VM NIC: bridge binding on a multus network. */
export interface NicSpec {
  readonly name: string;
  readonly nad: string;
  readonly mac?: string;
  readonly state?: 'absent';
}

/** A running VM with bridge-bound NICs; `template` fields are merged into `spec.template.spec`. */
export function vm(namespace: string, name: string, nics: NicSpec[], template: Record<string, unknown> = {}): Manifest {
  return {
    apiVersion: 'kubevirt.io/v1',
    kind: 'VirtualMachine',
    metadata: { name, namespace },
    spec: {
      runStrategy: 'Always',
      template: {
        spec: {
          domain: {
            devices: { interfaces: nics.map((n) => ({ name: n.name, bridge: {}, ...(n.mac ? { macAddress: n.mac } : {}), ...(n.state ? { state: n.state } : {}) })) },
            resources: { requests: { memory: '1Gi' } },
          },
          networks: nics.map((n) => ({ name: n.name, multus: { networkName: n.nad } })),
          ...template,
        },
      },
    },
  };
}

/** Required node affinity with one term per entry (each a list of `In` expressions). */
export function affinity(...terms: Array<Record<string, string[]>>): Record<string, unknown> {
  return {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: terms.map((t) => ({ matchExpressions: Object.entries(t).map(([key, values]) => ({ key, operator: 'In', values })) })),
        },
      },
    },
  };
}
