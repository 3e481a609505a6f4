/**
 * The OpenAPI schema of the k8s.ovn.org/v1 ClusterUserDefinedNetwork and UserDefinedNetwork CRDs
 * (crds/ovn-kubernetes/, = ovn-kubernetes 8871cd9c helm/ovn-kubernetes/crds/), transcribed as data,
 * and the walker that checks a value against it the way the API server does before it runs the
 * CEL rules: types, required fields, enums, bounds, list sizes and unknown (pruned) fields.
 *
 * Field order is the Go struct order of go-controller/pkg/crd/userdefinednetwork/v1/*.go (the
 * CRD YAML lists properties alphabetically); the builder writes keys in this order.
 */
import { closest } from '../edit-distance';
import { Rec } from '../field-reader';
import { joinPath } from '../path';
import { isRecord, ProblemSink, show } from '../problems';
import { OvnCudnCode } from './codes';

/** One node of the transcribed schema. `code` replaces the generic code for value violations of this node. */
export interface SchemaNode {
  readonly type: 'object' | 'string' | 'integer' | 'array' | 'stringMap';
  /** object: properties in Go struct order. */
  readonly props?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly minProperties?: number;
  /** array: the item schema. */
  readonly items?: SchemaNode;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly enum?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: RegExp;
  /** The code for enum/bound/length/pattern violations of this node (default: generic). */
  readonly code?: OvnCudnCode;
  /** The code for exceeding maxItems (dual-stack lists), when it differs from `code`. */
  readonly maxItemsCode?: OvnCudnCode;
}

const INT32 = { min: -2147483648, max: 2147483647 };
const str = (extra: Partial<SchemaNode> = {}): SchemaNode => ({ type: 'string', ...extra });
const int = (extra: Partial<SchemaNode> = {}): SchemaNode => ({ type: 'integer', ...extra });
const obj = (props: Record<string, SchemaNode>, extra: Partial<SchemaNode> = {}): SchemaNode => ({ type: 'object', props, ...extra });
const arr = (items: SchemaNode, extra: Partial<SchemaNode> = {}): SchemaNode => ({ type: 'array', items, ...extra });

/** shared.go CIDR: MaxLength=43 (isCIDR is a CEL rule, checked in cudn.ts). */
const CIDR = str({ maxLength: 43, code: 'CUDN_CIDR_INVALID' });
/** shared.go DualStackCIDRs: MinItems=1, MaxItems=2. */
const DUAL_STACK_CIDRS = arr(CIDR, { minItems: 1, maxItems: 2, maxItemsCode: 'CUDN_DUAL_STACK_INVALID' });
/** shared.go DualStackIPs: MinItems=1, MaxItems=2. */
const DUAL_STACK_IPS = arr(str({ code: 'CUDN_CIDR_INVALID' }), { minItems: 1, maxItems: 2, maxItemsCode: 'CUDN_DUAL_STACK_INVALID' });
/** shared.go / cudn.go: `+kubebuilder:validation:Minimum=576`, `Maximum=65536`. */
const MTU = int({ minimum: 576, maximum: 65536, code: 'CUDN_MTU_INVALID' });
/** shared.go IPAMConfig: MinProperties=1; mode Enum=Enabled;Disabled; lifecycle Enum=Persistent. */
const IPAM = obj({ mode: str({ enum: ['Enabled', 'Disabled'] }), lifecycle: str({ enum: ['Persistent'] }) }, { minProperties: 1 });

/** shared.go Layer3Config (+ Layer3Subnet). */
const LAYER3 = obj(
  {
    role: str({ enum: ['Primary', 'Secondary'] }),
    mtu: MTU,
    subnets: arr(obj({ cidr: CIDR, hostSubnet: int({ minimum: 1, maximum: 127, code: 'CUDN_HOST_SUBNET_INVALID' }) }, { required: ['cidr'] }), { minItems: 1, maxItems: 400 }),
    joinSubnets: DUAL_STACK_CIDRS,
  },
  { required: ['role', 'subnets'] },
);

/** shared.go Layer2Config. */
const LAYER2 = obj(
  {
    role: str({ enum: ['Primary', 'Secondary'] }),
    mtu: MTU,
    subnets: DUAL_STACK_CIDRS,
    reservedSubnets: arr(CIDR, { minItems: 1, maxItems: 25 }),
    infrastructureSubnets: arr(CIDR, { minItems: 1, maxItems: 4 }),
    defaultGatewayIPs: DUAL_STACK_IPS,
    joinSubnets: DUAL_STACK_CIDRS,
    ipam: IPAM,
  },
  { required: ['role'] },
);

/** cudn.go LocalnetConfig (+ VLANConfig, AccessVLANConfig). */
const LOCALNET = obj(
  {
    role: str({ enum: ['Secondary'] }),
    physicalNetworkName: str({ minLength: 1, maxLength: 253, code: 'CUDN_PHYSICAL_NETWORK_NAME_INVALID' }),
    subnets: DUAL_STACK_CIDRS,
    excludeSubnets: arr(CIDR, { minItems: 1, maxItems: 25 }),
    ipam: IPAM,
    mtu: MTU,
    vlan: obj(
      {
        mode: str({ enum: ['Access'], code: 'CUDN_VLAN_INVALID' }),
        access: obj({ id: int({ minimum: 1, maximum: 4094, code: 'CUDN_VLAN_INVALID' }) }, { required: ['id'] }),
      },
      { required: ['mode'] },
    ),
  },
  { required: ['role', 'physicalNetworkName'] },
);

/** evpn.go VRFConfig: vni 1..16777215, routeTarget MaxLength=21. */
const VRF = obj({ vni: int({ minimum: 1, maximum: 16777215 }), routeTarget: str({ maxLength: 21, code: 'CUDN_ROUTE_TARGET_INVALID' }) }, { required: ['vni'] });

/** metav1.LabelSelector as the CRD declares it. */
const LABEL_SELECTOR = obj({
  matchLabels: { type: 'stringMap' },
  matchExpressions: arr(obj({ key: str(), operator: str(), values: arr(str()) }, { required: ['key', 'operator'] })),
});

/** cudn.go NetworkSpec (spec.network of a CUDN). */
const NETWORK = obj(
  {
    topology: str({ enum: ['Layer2', 'Layer3', 'Localnet'] }),
    layer3: LAYER3,
    layer2: LAYER2,
    localnet: LOCALNET,
    transport: str({ enum: ['NoOverlay', 'EVPN'] }),
    noOverlay: obj(
      { outboundSNAT: str({ enum: ['Enabled', 'Disabled'] }), routing: str({ enum: ['Managed', 'Unmanaged'] }) },
      { required: ['outboundSNAT', 'routing'] },
    ),
    evpn: obj({ vtep: str({ minLength: 1 }), macVRF: VRF, ipVRF: VRF }, { required: ['vtep'] }),
  },
  { required: ['topology'] },
);

/** spec of a ClusterUserDefinedNetwork (cudn.go ClusterUserDefinedNetworkSpec). */
export const CUDN_SPEC_SCHEMA: SchemaNode = obj(
  {
    namespaceSelector: LABEL_SELECTOR,
    uplinks: arr(str({ minLength: 1, maxLength: 253, pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, code: 'CUDN_UPLINKS_INVALID' }), { minItems: 1, maxItems: 1, code: 'CUDN_UPLINKS_INVALID' }),
    network: NETWORK,
  },
  { required: ['namespaceSelector', 'network'] },
);

/** spec of a UserDefinedNetwork (udn.go UserDefinedNetworkSpec). */
export const UDN_SPEC_SCHEMA: SchemaNode = obj(
  {
    topology: str({ enum: ['Layer2', 'Layer3'] }),
    layer3: LAYER3,
    layer2: LAYER2,
  },
  { required: ['topology'] },
);

const TYPE_WORD: Record<SchemaNode['type'], string> = { object: 'a mapping', string: 'a string', integer: 'an integer', array: 'a list', stringMap: 'a mapping of strings' };

/** True when `v` has the schema type (null counts as absent and is never checked). */
function hasType(node: SchemaNode, v: unknown): boolean {
  switch (node.type) {
    case 'object':
      return isRecord(v);
    case 'stringMap':
      return isRecord(v) && Object.values(v).every((x) => typeof x === 'string');
    case 'string':
      return typeof v === 'string';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'array':
      return Array.isArray(v);
  }
}

/** Length in characters (code points), as OpenAPI minLength/maxLength count. */
function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Checks `value` (present, not null) at `path` against `node` and its descendants, reporting to
 * `sink`. Returns false when the value's type is wrong (nothing below it was checked).
 */
export function checkSchema(sink: ProblemSink, node: SchemaNode, value: unknown, path: string): boolean {
  if (!hasType(node, value)) {
    sink.add('CUDN_FIELD_TYPE', path, `${path} is ${show(value)}; the CRD declares ${TYPE_WORD[node.type]}`, fixForType(node, path));
    return false;
  }
  const code = node.code;
  if (node.type === 'string') {
    const s = value as string;
    if (node.enum && !node.enum.includes(s)) {
      const near = closest(s, node.enum, Math.max(2, s.length)) ?? node.enum.find((e) => e.toLowerCase() === s.toLowerCase());
      sink.add(code ?? 'CUDN_ENUM_INVALID', path, `${path} is ${show(s)}; supported values: ${node.enum.map((e) => `"${e}"`).join(', ')}`, near ? `use "${near}" (values are case-sensitive)` : `use one of ${node.enum.join(', ')}`);
    }
    const len = charLength(s);
    if (node.minLength !== undefined && len < node.minLength) sink.add(code ?? 'CUDN_VALUE_OUT_OF_RANGE', path, `${path} is ${show(s)}; it must be at least ${node.minLength} character(s) long`, `set a non-empty ${lastKey(path)}`);
    if (node.maxLength !== undefined && len > node.maxLength) sink.add(code ?? 'CUDN_VALUE_OUT_OF_RANGE', path, `${path} is ${len} characters long (${show(s)}); at most ${node.maxLength} are allowed`, `shorten ${lastKey(path)} to ${node.maxLength} characters or fewer`);
    if (node.pattern && len >= (node.minLength ?? 0) && !node.pattern.test(s)) sink.add(code ?? 'CUDN_VALUE_OUT_OF_RANGE', path, `${path} is ${show(s)}; it must match ${node.pattern.source}`, 'use lowercase letters, digits and "-", starting and ending with a letter or digit');
  } else if (node.type === 'integer') {
    const n = value as number;
    const min = node.minimum ?? INT32.min;
    const max = node.maximum ?? INT32.max;
    if (n < min || n > max) sink.add(code ?? 'CUDN_VALUE_OUT_OF_RANGE', path, `${path} is ${n}; allowed: ${min}..${max}`, `set ${lastKey(path)} between ${min} and ${max}`);
  } else if (node.type === 'array') {
    const a = value as unknown[];
    if (node.minItems !== undefined && a.length < node.minItems) sink.add(code ?? 'CUDN_VALUE_OUT_OF_RANGE', path, `${path} has ${a.length} item(s); at least ${node.minItems} required`, `add an entry or drop ${lastKey(path)}`);
    if (node.maxItems !== undefined && a.length > node.maxItems) sink.add(node.maxItemsCode ?? code ?? 'CUDN_VALUE_OUT_OF_RANGE', path, `${path} has ${a.length} items; at most ${node.maxItems} allowed${node.maxItemsCode === 'CUDN_DUAL_STACK_INVALID' ? ' (one per IP family)' : ''}`, `keep at most ${node.maxItems} entries`);
    a.forEach((item, i) => {
      if (item !== null && item !== undefined) checkSchema(sink, node.items!, item, joinPath(path, i));
    });
  } else if (node.type === 'object') {
    const o = value as Rec;
    const props = node.props ?? {};
    for (const key of node.required ?? []) {
      if (o[key] === undefined || o[key] === null) sink.add('CUDN_REQUIRED_FIELD_MISSING', joinPath(path, key), `${joinPath(path, key)} is required`, `set ${key}`);
    }
    for (const key of Object.keys(o)) {
      const child = Object.hasOwn(props, key) ? props[key] : undefined;
      const v = o[key];
      if (!child) {
        const near = closest(key, Object.keys(props), 3) ?? Object.keys(props).find((p) => p.toLowerCase() === key.toLowerCase());
        sink.add('CUDN_UNKNOWN_FIELD', joinPath(path, key), `${joinPath(path, key)} is not a field of the CRD; the API server drops it (strict validation refuses it), so it has no effect`, near ? `did you mean "${near}"?` : `remove ${key}; known fields: ${Object.keys(props).join(', ')}`);
        continue;
      }
      if (v !== undefined && v !== null) checkSchema(sink, child, v, joinPath(path, key));
    }
    const count = Object.values(o).filter((v) => v !== undefined && v !== null).length;
    if (node.minProperties !== undefined && count < node.minProperties) sink.add(code ?? 'CUDN_VALUE_OUT_OF_RANGE', path, `${path} is empty; it needs at least ${node.minProperties} field(s)`, `set one of ${Object.keys(props).join(', ')}, or drop ${lastKey(path)}`);
  }
  return true;
}

function lastKey(path: string): string {
  const m = /([A-Za-z0-9_-]+)(\[\d+\])*$/.exec(path);
  return m ? m[1] : path;
}

function fixForType(node: SchemaNode, path: string): string {
  if (node.type === 'integer') return `write ${lastKey(path)} as a plain number, without quotes`;
  if (node.type === 'array' && node.items?.type === 'string') return `write ${lastKey(path)} as a YAML list, e.g. ["10.0.0.0/24"] (not a comma-separated string)`;
  if (node.type === 'string') return `write ${lastKey(path)} as a string`;
  return `write ${lastKey(path)} as ${TYPE_WORD[node.type]}`;
}
