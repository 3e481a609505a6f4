/**
 * fast-check generators of the property test: environments built from random mixes of valid and
 * invalid values (names, VLAN ids, addresses, MACs, MTUs, references between node groups,
 * uplinks, networks and VMs, unknown keys), with right types (`typedEnvironment`) or any types
 * (`looseEnvironment`), and YAML files (test/fuzz's mutated manifests).
 */
import * as fc from 'fast-check';
import { anyValue, GENERATORS, HOSTILE_STRINGS, SPECIAL_NUMBERS } from '../fuzz/generators';

const pick = <T>(valid: readonly T[], invalid: fc.Arbitrary<T>, validWeight = 4): fc.Arbitrary<T> =>
  fc.oneof({ weight: validWeight, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: invalid });

const hostile = fc.constantFrom(...HOSTILE_STRINGS);
const special = fc.constantFrom(...SPECIAL_NUMBERS);

/** Names of node groups, uplinks, networks, VMs (a small pool, so references and duplicates meet). */
const NAMES = ['a', 'b', 'web-1', 'vlan200', 'workers', 'n1'];
const name = pick(NAMES, hostile);
const namespace = pick(['default', 'team-a', 'x'], hostile);
const ifaceName = pick(['eth1', 'ens4', 'bond0', 'eno49'], fc.oneof(hostile, fc.constant('enp175s0f1np1x')));
const vlanId = pick([1, 100, 200, 1085, 4094], special);
const mtu = pick([1500, 9000, 9216], special);
const cidr = pick(['10.0.0.0/24', '10.200.0.0/24', 'fd00::/64'], fc.constantFrom('10.0.0.300/24', '10.0.0.1', '10.0.0.0/33', '::/129', ''));
const address = pick(['10.0.0.5/24', '10.200.0.1/24', '10.9.0.3/24', 'fd00::5/64', '10.0.0.5/24'], fc.constantFrom('10.0.0.300/24', '10.0.0.12', '999.1.1.1/8', 'fe80::1%eth0/64', ''));
const mac = pick(['02:00:00:00:00:01', '02:00:00:00:00:02'], fc.constantFrom('01:00:5e:00:00:01', '02:00:00:00:00', 'zz:zz:zz:zz:zz:zz', ''));
/** Patterns (a literal union: tsc refuses others; the loose environments put any value there). */
const pattern = fc.constantFrom('vlan-bridge', 'trunk-bridge', 'bridge', 'ovn-localnet');

/** Maybe a field (undefined fields are dropped). */
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });

const nodeGroup = fc.record(
  { name, nodeSelector: fc.dictionary(pick(['kubernetes.io/hostname', 'hardware', 'node-role.kubernetes.io/worker'], hostile), pick(['', 'n1', 'c7000'], hostile), { maxKeys: 2 }), nodes: maybe(fc.array(name, { maxLength: 3 })) },
  { requiredKeys: ['name', 'nodeSelector'] },
);

const uplink = fc.record(
  {
    name,
    nodeGroup: name,
    interface: ifaceName,
    mtu: maybe(mtu),
    bond: maybe(fc.record({ mode: pick(['active-backup', '802.3ad'], fc.constant('lacp')), ports: fc.array(ifaceName, { maxLength: 3 }) })),
    vlans: maybe(fc.array(fc.record({ id: vlanId, ipv4: maybe(fc.array(address, { maxLength: 2 })), mtu: maybe(mtu) }, { requiredKeys: ['id'] }), { maxLength: 2 })),
  },
  { requiredKeys: ['name', 'nodeGroup', 'interface'] },
);

const network = fc.record(
  {
    name,
    pattern,
    uplink: name,
    vlan: maybe(vlanId),
    bridge: maybe(pick(['br0', 'br1', 'br200'], hostile)),
    mtu: maybe(mtu),
    namespaces: fc.array(namespace, { maxLength: 2 }),
    subnets: maybe(fc.array(cidr, { maxLength: 2 })),
  },
  { requiredKeys: ['name', 'uplink', 'namespaces'] },
);

const attachment = fc.record(
  { network: name, name: maybe(name), macAddress: maybe(mac), ipv4: maybe(fc.array(address, { maxLength: 2 })), gateway4: maybe(pick(['10.0.0.1'], fc.constantFrom('10.9.9.9', 'x'))), state: maybe(fc.constantFrom('present', 'absent')) },
  { requiredKeys: ['network'] },
);

const vm = fc.record(
  { name, namespace, memory: maybe(pick(['1Gi', '1024M'], fc.constantFrom('lots', '-1Gi', ''))), attachments: fc.array(attachment, { maxLength: 3 }), nodeSelector: maybe(fc.dictionary(fc.constant('kubernetes.io/hostname'), name, { maxKeys: 1 })) },
  { requiredKeys: ['name', 'namespace', 'attachments'] },
);

/** An environment whose fields have the types of `Topology` (what TypeScript lets through) and random valid or invalid values. */
export const typedEnvironment: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    name: pick(['env', 'lab', 'prod2'], hostile, 8),
    platform: maybe(fc.constantFrom('vanilla', 'openshift')),
    nodeGroups: fc.array(nodeGroup, { minLength: 1, maxLength: 3 }),
    uplinks: fc.array(uplink, { maxLength: 3 }),
    networks: fc.array(network, { maxLength: 3 }),
    vms: fc.array(vm, { maxLength: 3 }),
    silence: maybe(fc.array(fc.constantFrom('NAD_NAME_MISMATCH', 'NMSTATE_NNCP_NO_NODE_SELECTOR'), { maxLength: 2 })),
  },
  { requiredKeys: ['name', 'nodeGroups', 'uplinks', 'networks', 'vms'] },
).map(dropUndefined);

/** Removes undefined fields (an optional field left out, as a user writes it). */
function dropUndefined<T>(v: T): T {
  if (Array.isArray(v)) return v.map(dropUndefined) as T;
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = dropUndefined(x);
  return out as T;
}

/** Puts `value` under `key` in the object at `walk` (an unknown key, or a value of the wrong type). */
function inject(root: unknown, walk: readonly number[], key: string, value: unknown, replace: boolean): unknown {
  let node = root as Record<string, unknown>;
  for (const step of walk) {
    const keys = Object.keys(node).filter((k) => typeof node[k] === 'object' && node[k] !== null);
    if (!keys.length) break;
    node = node[keys[step % keys.length]] as Record<string, unknown>;
  }
  const own = Object.keys(node);
  const target = replace && own.length ? own[walk.length % own.length] : key;
  if (Array.isArray(node) && !replace) node.push(value);
  else Object.defineProperty(node, target, { value, enumerable: true, writable: true, configurable: true });
  return root;
}

/** A typed environment with 1–3 values of any type at random places, or unknown keys (typos, `__proto__`). */
export const looseEnvironment: fc.Arbitrary<unknown> = fc
  .tuple(typedEnvironment, fc.array(fc.tuple(fc.array(fc.nat({ max: 50 }), { maxLength: 4 }), fc.oneof(hostile, fc.constantFrom('vlna', 'adress', 'nodegroup', 'Name')), anyValue, fc.boolean()), { minLength: 1, maxLength: 3 }))
  .map(([t, edits]) => edits.reduce<unknown>((acc, [walk, key, value, replace]) => inject(acc, walk, key, value, replace), JSON.parse(JSON.stringify(t))));

/** YAML files: test/fuzz's mutated lab/prod/seed manifests (YAML, JSON or a List). */
export const manifestFile: fc.Arbitrary<string> = GENERATORS.check.manifests() as fc.Arbitrary<string>;
