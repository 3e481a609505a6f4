/**
 * Bridge between the topology renderer and the CNI model: rendering of NAD manifests and IPAM
 * blocks. Kept in one place so the renderer does not depend on the CNI module's internals.
 */
import { API, Manifest } from '../manifest';
import { IpamSpec } from './model';

/** A CNI config or conflist as a JSON object. */
export type CniConfig = Record<string, unknown>;

/** IPAM block for a network's IPAM spec (`{}` = L2 only). */
export function ipamConfig(ipam: IpamSpec): Record<string, unknown> {
  switch (ipam.type) {
    case 'none':
      return {};
    case 'static':
      return { type: 'static' };
    case 'dhcp':
      return { type: 'dhcp' };
    case 'host-local':
      return { type: 'host-local', subnet: ipam.subnet, ...(ipam.rangeStart ? { rangeStart: ipam.rangeStart } : {}), ...(ipam.rangeEnd ? { rangeEnd: ipam.rangeEnd } : {}), ...(ipam.gateway ? { gateway: ipam.gateway } : {}) };
    case 'whereabouts':
      return { type: 'whereabouts', range: ipam.range, ...(ipam.rangeStart ? { range_start: ipam.rangeStart } : {}), ...(ipam.rangeEnd ? { range_end: ipam.rangeEnd } : {}), ...(ipam.exclude ? { exclude: [...ipam.exclude] } : {}), ...(ipam.gateway ? { gateway: ipam.gateway } : {}) };
  }
}

/** A NAD manifest with its config serialized as JSON text. */
export function nadManifest(p: { name: string; namespace?: string; config: CniConfig; annotations?: Record<string, string> }): Manifest {
  return {
    ...API.nad,
    metadata: { name: p.name, ...(p.namespace ? { namespace: p.namespace } : {}), ...(p.annotations ? { annotations: p.annotations } : {}) },
    spec: { config: JSON.stringify(p.config) },
  };
}
