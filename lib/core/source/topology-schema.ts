/**
 * The types of the topology data form (lib/core/topology/model.ts), checked on data that did not
 * come through the TypeScript compiler: environment files. Every field's JSON type, every list's
 * items, unknown keys (typos): reported with their path before anything renders, so a file with
 * `userData: {}` or `mode: 42` is a problem, not a TypeError inside the renderer. Values inside the
 * right type (a VLAN id of 5000, a bad CIDR) are the validators' business, not this outline's.
 */
import { joinPath, PathSegment } from '../path';
import { isRecord, show } from '../problems';

/** A field's type in the data form. */
export type FieldType =
  | 'string' | 'number' | 'boolean' | 'any' | 'mapping' | 'string-map' | 'string-list' | 'number-or-string' | 'string-or-false' | 'boolean-or-mapping' | 'string-or-string-list'
  | { readonly list: FieldType }
  | { readonly fields: Readonly<Record<string, FieldType>>; readonly required?: readonly string[] }
  | { readonly open: Readonly<Record<string, FieldType>>; readonly required?: readonly string[] }
  | { readonly map: FieldType }
  /** One of several types: fine when one fits, else the mismatches of the closest one. */
  | { readonly oneOf: readonly FieldType[] };

/** Host addresses (model.ts HostAddresses): a list of CIDRs, a node → CIDR(s) map, or a pool. */
const HOST_ADDRESSES: FieldType = {
  oneOf: [
    'string-list',
    { fields: { perNode: { map: 'string-or-string-list' } }, required: ['perNode'] },
    { fields: { pool: 'string', start: 'string' }, required: ['pool'] },
  ],
};
const HOST_IP: Record<string, FieldType> = { ipv4: HOST_ADDRESSES, ipv6: HOST_ADDRESSES, dhcp4: 'boolean', dhcp6: 'boolean' };

const NODE_GROUP: FieldType = { fields: { name: 'string', nodeSelector: 'string-map', nodes: 'string-list', maxUnavailable: 'number-or-string' }, required: ['name', 'nodeSelector'] };
const UPLINK: FieldType = {
  fields: {
    ...HOST_IP, name: 'string', nodeGroup: 'string', interface: 'string', mtu: 'number', policyName: 'string', nodeSelector: 'string-map', state: 'string',
    bond: { fields: { mode: 'string', ports: 'string-list', miimon: 'number', primary: 'string', options: 'mapping' }, required: ['mode', 'ports'] },
    vlans: { list: { fields: { ...HOST_IP, id: 'number', name: 'string' }, required: ['id'] } },
  },
  required: ['name', 'nodeGroup', 'interface'],
};
const NETWORK: FieldType = {
  fields: {
    name: 'string', pattern: 'string', uplink: 'string', vlan: 'number', bridge: 'string', vlanInterface: 'string', nadName: 'string', cniName: 'string',
    namespaces: 'string-list', plugin: 'string', cniVersion: 'string', macspoofchk: 'boolean', tuning: 'boolean', ipam: 'mapping', subnets: 'string-list',
    mtu: 'number', resourceName: 'boolean', policyName: 'string', bridgeIp: { fields: HOST_IP }, description: 'string', physicalNetworkName: 'string', state: 'string',
    nodeGroup: 'string', existingBridge: 'boolean', localnetAs: 'string', ovnIpam: 'boolean', excludeSubnets: 'string-list', allowPersistentIPs: 'boolean',
  },
  // uplink: required unless an existingBridge localnet names its nodeGroup (TOPOLOGY_NETWORK_NODES_UNKNOWN)
  required: ['name', 'namespaces'],
};
const ATTACHMENT: FieldType = {
  fields: {
    ...HOST_IP, network: 'string', name: 'string', macAddress: 'string', gateway4: 'string', gateway6: 'string', nameservers: 'string-list',
    routes: { list: { fields: { to: 'string', via: 'string', metric: 'number' }, required: ['to', 'via'] } }, guestName: 'string', state: 'string', model: 'string',
  },
  required: ['network'],
};
/*
 * A VirtualMachine the user brings: open mappings (any KubeVirt field passes through), with the
 * parts multihome reads or merges into typed (vm-merge.ts), so a list given as a mapping is a
 * TOPOLOGY_SHAPE problem, not a TypeError in the merge.
 */
const CLOUD_INIT: FieldType = {
  open: { userData: 'string', userDataBase64: 'string', secretRef: 'mapping', networkData: 'string', networkDataBase64: 'string', networkDataSecretRef: 'mapping' },
};
const VM_TEMPLATE_SPEC: FieldType = {
  open: {
    nodeSelector: 'string-map',
    domain: {
      open: {
        devices: { open: { interfaces: { list: { open: { name: 'string', macAddress: 'string', model: 'string', state: 'string' } } }, disks: { list: { open: { name: 'string' } } } } },
        resources: { open: { requests: 'mapping', limits: 'mapping' } },
        memory: 'mapping',
        firmware: 'mapping',
      },
    },
    networks: { list: { open: { name: 'string', pod: 'mapping', multus: { open: { networkName: 'string' } } } } },
    volumes: { list: { open: { name: 'string', containerDisk: 'mapping', cloudInitNoCloud: CLOUD_INIT, cloudInitConfigDrive: CLOUD_INIT } } },
  },
};
const VIRTUAL_MACHINE: FieldType = {
  open: {
    apiVersion: 'string',
    kind: 'string',
    metadata: { open: { name: 'string', namespace: 'string', labels: 'string-map', annotations: 'string-map' } },
    spec: {
      open: { instancetype: 'mapping', dataVolumeTemplates: { list: 'mapping' }, runStrategy: 'string', template: { open: { metadata: 'mapping', spec: VM_TEMPLATE_SPEC } } },
    },
  },
  required: ['spec'],
};
const VM: FieldType = {
  fields: {
    name: 'string', namespace: 'string', podNetwork: 'string-or-false', podInterfaceName: 'string', podNetworkIpv6: 'boolean', attachments: { list: ATTACHMENT }, nodeSelector: 'string-map',
    runStrategy: 'string', memory: 'string', image: 'string', userData: 'string', virtualMachine: VIRTUAL_MACHINE, templateExtra: VM_TEMPLATE_SPEC,
  },
  required: ['name', 'namespace', 'attachments'],
};
const HOST_POLICY: FieldType = { fields: { name: 'string', nodeGroup: 'string', nodeSelector: 'string-map', interfaces: { list: 'mapping' }, routes: { list: 'mapping' } }, required: ['name', 'interfaces'] };
const AGENT: FieldType = {
  fields: {
    nodeGroups: 'string-list', policies: 'string-list', probes: { map: { list: 'mapping' } }, defaultGatewayProbe: 'boolean', name: 'string', namespace: 'string',
    createNamespace: 'boolean', image: 'string', imageDigest: 'string', imagePullPolicy: 'string', mode: 'string', nodeGroupModes: 'string-map',
    intervalSeconds: 'number', port: 'number', markBridges: 'boolean', restrictToOwnNode: 'boolean', priorityClassName: 'string-or-false', listenAddress: 'string',
    state: { fields: { enabled: 'boolean', tokenSecret: 'string' } },
  },
};

/** An object kept as given: any fields, with the identity every Kubernetes object has. */
/** What every object written as given needs: apiVersion, kind, metadata.name, string labels and annotations (`Topology.passThrough`, `multihome import`). */
export const MANIFEST_IDENTITY: FieldType = {
  open: { apiVersion: 'string', kind: 'string', metadata: { open: { name: 'string', namespace: 'string', labels: 'string-map', annotations: 'string-map' }, required: ['name'] } },
  required: ['apiVersion', 'kind', 'metadata'],
};

/** `target`: a preset name or component versions (lib/core/target; values are checked when it resolves). */
const TARGET: FieldType = {
  oneOf: ['string', { fields: { preset: 'string', kubevirt: 'string', nmstate: 'string', kubernetesNmstate: 'string', cni: 'string', ovnKubernetes: 'string', openshift: 'string' } }],
};

/** The whole data form of one topology. */
export const TOPOLOGY_SCHEMA: FieldType = {
  fields: {
    name: 'string', platform: 'string', target: TARGET, nodeGroups: { list: NODE_GROUP }, uplinks: { list: UPLINK }, networks: { list: NETWORK }, vms: { list: VM },
    hostPolicies: { list: HOST_POLICY },
    namespaces: { map: { fields: { create: 'boolean', labels: 'string-map', annotations: 'string-map' } } },
    prerequisites: { fields: { nmstate: 'boolean', networkAddons: { fields: { multus: 'boolean', linuxBridge: 'boolean', nmstate: 'boolean', kubeMacPool: 'boolean-or-mapping', imagePullPolicy: 'string' } } } },
    agent: AGENT,
    ordering: { fields: { syncWaves: 'boolean', waves: { map: 'number' } } },
    macPrefix: 'string', silence: 'string-list',
    passThrough: { list: MANIFEST_IDENTITY },
  },
  required: ['name', 'nodeGroups', 'uplinks', 'networks', 'vms'],
};

/** One type mismatch or unknown key. */
export interface SchemaMismatch {
  readonly path: string;
  readonly message: string;
  readonly fix: string;
}

/** Every mismatch of `value` against `type`, paths under `base`. */
export function schemaMismatches(value: unknown, type: FieldType, base = ''): SchemaMismatch[] {
  const out: SchemaMismatch[] = [];
  walk(value, type, base, [], out);
  return out;
}

const SCALAR_OK: Readonly<Record<string, (v: unknown) => boolean>> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number' && Number.isFinite(v),
  boolean: (v) => typeof v === 'boolean',
  any: () => true,
  mapping: isRecord,
  'string-map': (v) => isRecord(v) && Object.values(v).every((x) => typeof x === 'string'),
  'string-list': (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
  'number-or-string': (v) => typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)),
  'string-or-false': (v) => typeof v === 'string' || v === false,
  'boolean-or-mapping': (v) => typeof v === 'boolean' || isRecord(v),
  'string-or-string-list': (v) => typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string')),
};

const DESCRIPTION: Readonly<Record<string, string>> = {
  'string-map': 'a mapping of strings',
  'string-list': 'a list of strings',
  'number-or-string': 'a number or a string',
  'string-or-false': 'a string or false',
  'boolean-or-mapping': 'true/false or a mapping',
  'string-or-string-list': 'a string or a list of strings',
  number: 'a (finite) number',
};

/**
 * Checks `v` against `type`. The path is built only for a mismatch (segments are pushed and
 * popped on one shared array): a clean 10 000-VM topology builds no path string at all.
 */
function walk(v: unknown, type: FieldType, base: string, segs: PathSegment[], out: SchemaMismatch[]): void {
  if (v === undefined) return;
  const here = (): string => joinPath(base, ...segs);
  if (typeof type === 'string') {
    if (!SCALAR_OK[type](v)) {
      const path = here();
      out.push({ path, message: `${path || 'the value'} is ${show(v)}, not ${DESCRIPTION[type] ?? `a ${type}`}`, fix: `write ${DESCRIPTION[type] ?? `a ${type}`} there` });
    }
    return;
  }
  if ('oneOf' in type) {
    // only the alternatives of the value's JSON kind are candidates; the closest one explains
    // (the one knowing most of a mapping's keys, then with the fewest mismatches; a tie names them all)
    const kind = Array.isArray(v) ? 'list' : isRecord(v) ? 'mapping' : 'scalar';
    let best: { found: SchemaMismatch[]; known: number; tie: boolean } | undefined;
    for (const alt of type.oneOf) {
      if (outerKind(alt) !== kind) continue;
      const found: SchemaMismatch[] = [];
      walk(v, alt, base, segs, found);
      if (found.length === 0) return;
      const known = isRecord(v) && typeof alt !== 'string' && 'fields' in alt ? Object.keys(v).filter((k) => Object.prototype.hasOwnProperty.call(alt.fields, k)).length : 0;
      if (!best || known > best.known || (known === best.known && found.length < best.found.length)) best = { found, known, tie: false };
      else if (known === best.known && found.length === best.found.length) best.tie = true;
    }
    if (best && !best.tie) return void out.push(...best.found);
    const what = type.oneOf.map(describe).join(' or ');
    return void out.push({ path: here(), message: `${here() || 'the value'} is ${show(v)}, not ${what}`, fix: `write ${what} there` });
  }
  if ('list' in type) {
    if (!Array.isArray(v)) return void out.push({ path: here(), message: `${here()} is ${show(v)}, not a list`, fix: 'write a list' });
    for (let i = 0; i < v.length; i++) walkChild(v[i], type.list, base, segs, i, out);
    return;
  }
  if (!isRecord(v)) return void out.push({ path: here(), message: `${here() || 'the value'} is ${show(v)}, not a mapping`, fix: 'write a mapping' });
  if ('map' in type) {
    for (const k of Object.keys(v)) walkChild(v[k], type.map, base, segs, k, out);
    return;
  }
  for (const k of type.required ?? []) {
    if (v[k] === undefined) {
      const path = joinPath(base, ...segs, k);
      out.push({ path, message: `${path} is missing`, fix: `add ${k}` });
    }
  }
  if ('open' in type) {
    for (const k of Object.keys(type.open)) walkChild(v[k], type.open[k], base, segs, k, out);
    return;
  }
  for (const k of Object.keys(v)) {
    if (!Object.prototype.hasOwnProperty.call(type.fields, k)) {
      out.push({ path: joinPath(base, ...segs, k), message: `${show(k)} is not a field here`, fix: `use one of ${Object.keys(type.fields).join(', ')}` });
      continue;
    }
    walkChild(v[k], type.fields[k], base, segs, k, out);
  }
}

/** The JSON kind a type takes: a list, a mapping or a scalar. */
function outerKind(type: FieldType): 'list' | 'mapping' | 'scalar' {
  if (typeof type === 'string') return type === 'string-list' ? 'list' : type === 'mapping' || type === 'string-map' ? 'mapping' : 'scalar';
  return 'list' in type ? 'list' : 'oneOf' in type ? 'scalar' : 'mapping';
}

/** A type in words, for a value that fits none of a oneOf's alternatives. */
function describe(type: FieldType): string {
  if (typeof type === 'string') return DESCRIPTION[type] ?? `a ${type}`;
  if ('fields' in type) return `a mapping with ${Object.keys(type.fields).join(', ')}`;
  return 'list' in type ? 'a list' : 'a mapping';
}

/** {@link walk} one level down, on the shared segment array. */
function walkChild(v: unknown, type: FieldType, base: string, segs: PathSegment[], seg: PathSegment, out: SchemaMismatch[]): void {
  segs.push(seg);
  walk(v, type, base, segs, out);
  segs.pop();
}
