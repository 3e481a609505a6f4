import {
  formatMac,
  isLocallyAdministered,
  isUnicast,
  KUBEMACPOOL_DEFAULT_RANGE,
  MacAllocator,
  macAddressError,
  MASQUERADE_BRIDGE_MAC,
  normalizeMac,
  parseHardwareAddr,
  parseMac,
} from '../../../lib/core/kubevirt';
import { inFreshProcess } from '../../support/child';

describe('parseMac follows Go net.ParseMAC + KubeVirt link.ValidateMacAddress', () => {
  it.each([
    ['02:4a:be:00:00:01', '02:4a:be:00:00:01'],
    ['02:4A:BE:00:00:01', '02:4a:be:00:00:01'],
    ['DE-AD-00-00-BE-AF', 'de:ad:00:00:be:af'],
    ['de:ad:00:00:be:af', 'de:ad:00:00:be:af'],
    ['024a.be00.0001', '02:4a:be:00:00:01'],
  ])('accepts %s as %s', (input, canonical) => {
    expect(parseMac(input)?.text).toBe(canonical);
    expect(macAddressError(input)).toBeUndefined();
    expect(normalizeMac(input)).toBe(canonical);
  });

  it.each([
    ['02:4a:be:00:00', 'malformed'],
    ['02:4a-be:00:00:01', 'malformed'], // mixed separators
    ['02:4a:be:00:00:0g', 'malformed'],
    ['02:4a:be:00:00:001', 'malformed'],
    ['024abe000001', 'malformed'],
    ['02.4a.be.00.00.01', 'malformed'],
    [' 02:4a:be:00:00:01', 'malformed'],
    ['macAddressValue', 'malformed'],
    ['02:4a:be:00:00:01:00:00', 'too long'], // EUI-64: Go parses 8 bytes, KubeVirt rejects
    ['0200.5e10.0000.00fe', 'too long'],
  ])('rejects %s (%s)', (input, kind) => {
    expect(parseMac(input)).toBeUndefined();
    expect(macAddressError(input)).toContain(`${kind} MAC address (${input})`);
  });

  it('parses 20-byte IPoIB addresses like Go (then KubeVirt rejects them as too long)', () => {
    const ipoib = '00:00:00:00:fe:80:00:00:00:00:00:00:02:00:5e:10:00:00:00:01';
    expect(parseHardwareAddr(ipoib)).toHaveLength(20);
    expect(macAddressError(ipoib)).toMatch(/too long/);
  });

  it('treats the empty string as unset, as KubeVirt does', () => {
    expect(macAddressError('')).toBeUndefined();
  });

  it('tells unicast from multicast and local from universal by the first octet bits', () => {
    expect(isUnicast('02:00:00:00:00:01')).toBe(true);
    expect(isUnicast('03:00:00:00:00:01')).toBe(false);
    expect(isUnicast('01:00:5e:00:00:01')).toBe(false);
    expect(isLocallyAdministered('02:00:00:00:00:01')).toBe(true);
    expect(isLocallyAdministered('00:1a:4b:00:00:01')).toBe(false);
    expect(isLocallyAdministered('not a mac')).toBe(false);
    expect(formatMac([2, 0x4a, 0xbe, 0, 0, 1])).toBe('02:4a:be:00:00:01');
  });
});

describe('MacAllocator', () => {
  /**
   * Golden values, recorded once from the allocator of 2026-12 (the lab and prod VMs' MACs are in
   * test/apps/environments.test.ts). A VM's MAC is part of its identity (DHCP leases, cloud-init
   * `match.macaddress`, switch port security): a change of the allocator that moves them must fail
   * here, not pass because the expected value is recomputed the same way.
   */
  it.each([
    [{ prefix: '02:4a:be' }, 'vms', 'vma', 'br0-100', '02:4a:be:ab:4f:f3'],
    [{ prefix: '02:4a:be' }, 'vms', 'vmb', 'nic', '02:4a:be:b6:05:ff'],
    [{ prefix: '02:4a:be' }, 'vms', 'vma', 'nic', '02:4a:be:92:37:bd'],
    [{}, 'default', 'vma', 'br0-100', '02:b1:9c:1c:55:68'],
    [{}, 'ns', 'vm0', 'nic', '02:00:91:f7:45:3c'],
    [{}, 'ns', 'vm1', 'nic', '02:f9:a7:f9:c5:ad'],
    [{ prefix: '0a:12:34:56' }, 'ns', 'vm', 'nic0', '0a:12:34:56:9c:61'],
    [{ prefix: '0a:12:34:56' }, 'ns', 'vm', 'nic1', '0a:12:34:56:4a:05'],
  ])('with %j gives %s/%s/%s the MAC it always gave (%s)', (options, ns, vm, nic, golden) => {
    expect(new MacAllocator(options).allocate(ns, vm, nic)).toBe(golden);
  });

  it('is deterministic: the same key gives the same MAC in a fresh allocator', () => {
    const a = new MacAllocator({ prefix: '02:4a:be' }).allocate('vms', 'vma', 'br0-100');
    const b = new MacAllocator({ prefix: '02:4a:be' }).allocate('vms', 'vma', 'br0-100');
    expect(a).toBe(b);
  });

  it('is deterministic across processes: a fresh node process allocates the same 200 MACs in the same order', () => {
    const keys = Array.from({ length: 200 }, (_, i) => ['ns', `vm${Math.floor(i / 5)}`, `nic${i % 5}`] as const);
    const here = new MacAllocator();
    const local = keys.map(([ns, vm, nic]) => here.allocate(ns, vm, nic));
    const child = inFreshProcess<string[]>(`
      const { MacAllocator } = require('./lib/core/kubevirt');
      const a = new MacAllocator();
      out(${JSON.stringify(keys)}.map(([ns, vm, nic]) => a.allocate(ns, vm, nic)));
    `);
    expect(child).toHaveLength(200);
    expect(child).toEqual(local);
  });

  it('returns locally administered unicast MACs inside kubemacpool default range by default', () => {
    const alloc = new MacAllocator();
    expect(alloc.rangeStart).toBe(KUBEMACPOOL_DEFAULT_RANGE.start);
    expect(alloc.rangeEnd).toBe(KUBEMACPOOL_DEFAULT_RANGE.end);
    for (let i = 0; i < 200; i++) {
      const mac = alloc.allocate('ns', `vm${i}`, 'nic');
      expect(mac).toMatch(/^02:([0-9a-f]{2}:){4}[0-9a-f]{2}$/);
      expect(isUnicast(mac) && isLocallyAdministered(mac)).toBe(true);
      expect(alloc.contains(mac)).toBe(true);
    }
  });

  it('stays inside a prefix', () => {
    const alloc = new MacAllocator({ prefix: '0a:12:34:56' });
    for (let i = 0; i < 50; i++) expect(alloc.allocate('ns', 'vm', `nic${i}`).startsWith('0a:12:34:56:')).toBe(true);
  });

  it('gives different keys different MACs and the same key its earlier MAC', () => {
    const alloc = new MacAllocator({ prefix: '02:4a:be' });
    const a = alloc.allocate('vms', 'vma', 'nic');
    const b = alloc.allocate('vms', 'vmb', 'nic');
    expect(a).not.toBe(b);
    expect(alloc.allocate('vms', 'vma', 'nic')).toBe(a);
  });

  it('probes past collisions and never hands out the same MAC twice (tiny range)', () => {
    // 02:00:00:00:00:00 – 02:00:00:00:00:03: four addresses, the masquerade bridge MAC reserved.
    const alloc = new MacAllocator({ range: { start: '02:00:00:00:00:00', end: '02:00:00:00:00:03' } });
    expect(alloc.capacity).toBe(4);
    const got = ['a', 'b', 'c'].map((k) => alloc.allocate('ns', 'vm', k));
    expect(new Set(got).size).toBe(3);
    expect(got).not.toContain(MASQUERADE_BRIDGE_MAC);
    expect(() => alloc.allocate('ns', 'vm', 'd')).toThrow(/exhausted/);
    // Same calls in the same order give the same result.
    const again = new MacAllocator({ range: { start: '02:00:00:00:00:00', end: '02:00:00:00:00:03' } });
    expect(['a', 'b', 'c'].map((k) => again.allocate('ns', 'vm', k))).toEqual(got);
  });

  it('never allocates a reserved (explicit) MAC', () => {
    const alloc = new MacAllocator({ range: { start: '02:00:00:00:00:01', end: '02:00:00:00:00:02' } });
    expect(alloc.reserve('02-00-00-00-00-01')).toBe('02:00:00:00:00:01');
    expect(alloc.isTaken('02:00:00:00:00:01')).toBe(true);
    expect(alloc.allocate('ns', 'vm', 'x')).toBe('02:00:00:00:00:02');
    expect(() => alloc.allocate('ns', 'vm', 'y')).toThrow(/exhausted/);
  });

  it('skips first octets that are not locally administered unicast in a wide range', () => {
    const alloc = new MacAllocator({ range: { start: '02:ff:ff:ff:ff:fe', end: '06:00:00:00:00:01' } });
    expect(alloc.capacity).toBe(4); // 02:ff:ff:ff:ff:fe/ff and 06:00:00:00:00:00/01
    const macs = ['a', 'b', 'c', 'd'].map((k) => alloc.allocate('ns', 'vm', k));
    expect(macs.sort()).toEqual(['02:ff:ff:ff:ff:fe', '02:ff:ff:ff:ff:ff', '06:00:00:00:00:00', '06:00:00:00:00:01']);
  });

  it.each([
    [{ prefix: '03:00:00' }, /not locally administered unicast/],
    [{ prefix: '00:11:22' }, /not locally administered unicast/],
    [{ prefix: '02:4a:be:00:00:01' }, /1 to 5 hex bytes/],
    [{ prefix: 'zz' }, /1 to 5 hex bytes/],
    [{ range: { start: '03:00:00:00:00:00', end: '03:ff:ff:ff:ff:ff' } }, /must be unicast/],
    [{ range: { start: '02:00:00:00:00:09', end: '02:00:00:00:00:01' } }, /after end/],
    [{ range: { start: '00:00:00:00:00:00', end: '00:ff:ff:ff:ff:ff' } }, /no locally administered unicast/],
    [{ prefix: '02', range: KUBEMACPOOL_DEFAULT_RANGE }, /either prefix or range/],
  ])('rejects options %j', (options, message) => {
    expect(() => new MacAllocator(options)).toThrow(message);
  });

  it('rejects reserving a MAC KubeVirt would reject', () => {
    expect(() => new MacAllocator().reserve('02:00:00:00:00')).toThrow(/malformed/);
  });
});
