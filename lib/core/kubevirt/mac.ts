/**
 * MAC addresses of VM NICs: parsing exactly as KubeVirt admission does, and a deterministic
 * allocator compatible with kubemacpool's range.
 *
 * Upstream:
 * - KubeVirt `pkg/network/link/mac.go` `ValidateMacAddress`: Go `net.ParseMAC`, then rejects
 *   anything longer than 6 bytes ("too long MAC address"); `IsReserved` (02:00:00:00:00:00 is the
 *   masquerade in-pod bridge MAC).
 * - Go `src/net/mac.go` `ParseMAC`: `xx:xx:xx:xx:xx:xx`, `xx-xx-xx-xx-xx-xx` and `xxxx.xxxx.xxxx`
 *   forms, also 8- and 20-byte (EUI-64 / IPoIB) lengths, hex digits in either case.
 * - kubemacpool `config/default/manager/manager.yaml` (default range 02:00:00:00:00:00 –
 *   02:FF:FF:FF:FF:FF) and `pkg/pool-manager/pool.go` (`checkRange`, `checkCast`: range bounds
 *   must be unicast and start < end).
 */
import { createHash } from 'node:crypto';

/** Number of bytes of the MACs KubeVirt accepts. */
export const MAC_LENGTH = 6;

/** MAC of the masquerade binding's in-pod bridge; KubeVirt rejects it on masquerade interfaces. */
export const MASQUERADE_BRIDGE_MAC = '02:00:00:00:00:00';

/** kubemacpool's default range (`RANGE_START`/`RANGE_END` in its manager ConfigMap). */
export const KUBEMACPOOL_DEFAULT_RANGE: MacRange = { start: '02:00:00:00:00:00', end: '02:ff:ff:ff:ff:ff' };

/** An inclusive MAC range, as kubemacpool's `RANGE_START`/`RANGE_END`. */
export interface MacRange {
  /** First MAC of the range (any form {@link parseMac} accepts). */
  readonly start: string;
  /** Last MAC of the range, inclusive. */
  readonly end: string;
}

function hexVal(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** Go `xtoi2(s, e)`: the first two characters of `s` as hex, and `s[2] === e` when `s` is longer. */
function xtoi2(s: string, e: string): number | undefined {
  if (s.length > 2 && s[2] !== e) return undefined;
  if (s.length < 2) return undefined;
  const a = hexVal(s.charCodeAt(0));
  const b = hexVal(s.charCodeAt(1));
  if (a < 0 || b < 0) return undefined;
  return a * 16 + b;
}

/**
 * Go `net.ParseMAC`: returns the bytes (6, 8 or 20 of them) of an IEEE 802 MAC-48, EUI-48,
 * EUI-64 or 20-octet IPoIB address in colon, hyphen or dot notation, or undefined when Go would
 * return an error.
 */
export function parseHardwareAddr(s: string): number[] | undefined {
  if (typeof s !== 'string' || s.length < 14) return undefined;
  if (s[2] === ':' || s[2] === '-') {
    if ((s.length + 1) % 3 !== 0) return undefined;
    const n = (s.length + 1) / 3;
    if (n !== 6 && n !== 8 && n !== 20) return undefined;
    const out: number[] = [];
    for (let i = 0, x = 0; i < n; i++, x += 3) {
      const b = xtoi2(s.slice(x), s[2]);
      if (b === undefined) return undefined;
      out.push(b);
    }
    return out;
  }
  if (s[4] === '.') {
    if ((s.length + 1) % 5 !== 0) return undefined;
    const n = (2 * (s.length + 1)) / 5;
    if (n !== 6 && n !== 8 && n !== 20) return undefined;
    const out: number[] = [];
    for (let i = 0, x = 0; i < n; i += 2, x += 5) {
      // Go: xtoi2(s[x:x+2], 0) then xtoi2(s[x+2:], s[4]).
      const hi = xtoi2(s.slice(x, x + 2), '\0');
      const lo = xtoi2(s.slice(x + 2), s[4]);
      if (hi === undefined || lo === undefined) return undefined;
      out.push(hi, lo);
    }
    return out;
  }
  return undefined;
}

/** A parsed 6-byte MAC address. */
export interface Mac {
  /** The six bytes. */
  readonly bytes: readonly number[];
  /** Canonical form: lowercase, colon-separated (Go `HardwareAddr.String()`). */
  readonly text: string;
}

/** Formats bytes as Go `HardwareAddr.String()` does: lowercase hex, colon-separated. */
export function formatMac(bytes: readonly number[]): string {
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/**
 * Parses a MAC the way KubeVirt admission accepts it (`pkg/network/link/mac.go`): Go
 * `net.ParseMAC` and exactly 6 bytes. Returns undefined for anything KubeVirt rejects.
 */
export function parseMac(s: string): Mac | undefined {
  const bytes = parseHardwareAddr(s);
  if (!bytes || bytes.length !== MAC_LENGTH) return undefined;
  return { bytes, text: formatMac(bytes) };
}

/**
 * Why KubeVirt rejects `s` as an interface `macAddress`, in its words ("malformed MAC address",
 * "too long MAC address"), or undefined when it accepts it. The empty string is accepted (unset).
 */
export function macAddressError(s: string): string | undefined {
  if (s === '') return undefined;
  const bytes = parseHardwareAddr(s);
  if (!bytes) return `malformed MAC address (${s})`;
  if (bytes.length > MAC_LENGTH) return `too long MAC address (${s})`;
  return undefined;
}

/** Canonical lowercase colon form of a MAC KubeVirt accepts, or undefined. */
export function normalizeMac(s: string): string | undefined {
  return parseMac(s)?.text;
}

function bytesOf(mac: string | Mac | readonly number[]): readonly number[] | undefined {
  if (typeof mac === 'string') return parseMac(mac)?.bytes;
  if (Array.isArray(mac)) return mac as readonly number[];
  return (mac as Mac).bytes;
}

/** True when the I/G bit (least significant bit of the first octet) is clear: an individual address. */
export function isUnicast(mac: string | Mac | readonly number[]): boolean {
  const b = bytesOf(mac);
  return b !== undefined && (b[0] & 0x01) === 0;
}

/** True when the U/L bit (second least significant bit of the first octet) is set. */
export function isLocallyAdministered(mac: string | Mac | readonly number[]): boolean {
  const b = bytesOf(mac);
  return b !== undefined && (b[0] & 0x02) === 0x02;
}

/** 48-bit value of a MAC (fits a JS number exactly). */
function toInt(bytes: readonly number[]): number {
  return bytes.reduce((acc, b) => acc * 256 + b, 0);
}

function fromInt(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < MAC_LENGTH; i++) {
    out.unshift(n % 256);
    n = Math.floor(n / 256);
  }
  return out;
}

/** True when a first octet yields locally administered unicast addresses. */
function goodFirstOctet(o: number): boolean {
  return (o & 0x03) === 0x02;
}

/** Options of {@link MacAllocator}. */
export interface MacAllocatorOptions {
  /**
   * Fixed leading bytes (1 to 5, colon or hyphen separated, e.g. `02:4a:be`): the allocator
   * uses every address that starts with them. The first byte must be locally administered unicast.
   * Mutually exclusive with `range`.
   * @default - the kubemacpool default range
   */
  readonly prefix?: string;
  /**
   * An inclusive range, as kubemacpool's `RANGE_START`/`RANGE_END` (e.g. the one CNAO generated for
   * the cluster). Addresses in it that are not locally administered unicast are skipped.
   * @default KUBEMACPOOL_DEFAULT_RANGE
   */
  readonly range?: MacRange;
}

/** One contiguous stretch of usable addresses inside the range (same first octet). */
interface Segment {
  readonly first: number;
  readonly size: number;
}

/**
 * Deterministic MAC allocator. `allocate(namespace, vm, iface)` hashes `namespace/vm/iface` with
 * sha256 into the range and returns a locally administered unicast MAC; on collision with a MAC
 * already handed out or reserved it probes the next address (wrapping), so one allocator never
 * returns the same MAC twice. The result depends only on the options, the reserved MACs and the
 * order of calls that collide — in practice (a 2^40-address range) only on the key.
 * `02:00:00:00:00:00` (the masquerade bridge MAC) is always reserved.
 */
export class MacAllocator {
  /** First address of the range, canonical form. */
  public readonly rangeStart: string;
  /** Last address of the range, canonical form. */
  public readonly rangeEnd: string;
  /** Number of locally administered unicast addresses in the range. */
  public readonly capacity: number;
  private readonly segments: readonly Segment[];
  private readonly taken = new Set<number>();
  private readonly byKey = new Map<string, string>();

  constructor(options: MacAllocatorOptions = {}) {
    if (options.prefix !== undefined && options.range !== undefined) {
      throw new Error('MacAllocator: give either prefix or range, not both');
    }
    let start: number[];
    let end: number[];
    if (options.prefix !== undefined) {
      const p = options.prefix.split(/[:-]/);
      if (p.length < 1 || p.length > 5 || p.some((x) => !/^[0-9A-Fa-f]{2}$/.test(x))) {
        throw new Error(`MacAllocator: prefix ${JSON.stringify(options.prefix)} must be 1 to 5 hex bytes like "02:4a:be"`);
      }
      const bytes = p.map((x) => parseInt(x, 16));
      start = [...bytes, ...new Array<number>(MAC_LENGTH - bytes.length).fill(0)];
      end = [...bytes, ...new Array<number>(MAC_LENGTH - bytes.length).fill(0xff)];
      if (!goodFirstOctet(bytes[0])) {
        throw new Error(
          `MacAllocator: prefix ${options.prefix} is not locally administered unicast; its first byte must have bit 0 clear and bit 1 set (x2, x6, xA, xE), e.g. 02`,
        );
      }
    } else {
      const r = options.range ?? KUBEMACPOOL_DEFAULT_RANGE;
      const s = parseMac(r.start);
      const e = parseMac(r.end);
      if (!s || !e) throw new Error(`MacAllocator: range ${r.start}–${r.end} is not two 6-byte MACs`);
      // kubemacpool pool.go checkCast/checkRange: bounds unicast, start before end.
      if (!isUnicast(s) || !isUnicast(e)) throw new Error(`MacAllocator: range bounds ${s.text}–${e.text} must be unicast (kubemacpool checkCast)`);
      if (toInt(s.bytes) > toInt(e.bytes)) throw new Error(`MacAllocator: range start ${s.text} is after end ${e.text}`);
      start = [...s.bytes];
      end = [...e.bytes];
    }
    const lo = toInt(start);
    const hi = toInt(end);
    const segs: Segment[] = [];
    for (let o = start[0]; o <= end[0]; o++) {
      if (!goodFirstOctet(o)) continue;
      const first = Math.max(lo, o * 2 ** 40);
      const last = Math.min(hi, o * 2 ** 40 + 2 ** 40 - 1);
      if (last >= first) segs.push({ first, size: last - first + 1 });
    }
    this.segments = segs;
    this.capacity = segs.reduce((a, s) => a + s.size, 0);
    if (this.capacity === 0) throw new Error(`MacAllocator: range ${formatMac(start)}–${formatMac(end)} has no locally administered unicast address`);
    this.rangeStart = formatMac(start);
    this.rangeEnd = formatMac(end);
    this.reserve(MASQUERADE_BRIDGE_MAC);
  }

  /** The MAC at position `k` (0 ≤ k < capacity) of the usable addresses. */
  private at(k: number): number {
    for (const s of this.segments) {
      if (k < s.size) return s.first + k;
      k -= s.size;
    }
    throw new Error('MacAllocator: index out of range');
  }

  /** Position of `v` among the usable addresses, or undefined when outside them. */
  private indexOf(v: number): number | undefined {
    let k = 0;
    for (const s of this.segments) {
      if (v >= s.first && v < s.first + s.size) return k + (v - s.first);
      k += s.size;
    }
    return undefined;
  }

  /**
   * Marks an explicit MAC as used so `allocate` never returns it. Any MAC KubeVirt accepts may be
   * reserved, inside the range or not (kubemacpool honours explicit MACs outside its range).
   * Returns the canonical form. Throws when KubeVirt would reject the MAC.
   */
  reserve(mac: string): string {
    const m = parseMac(mac);
    if (!m) throw new Error(`MacAllocator.reserve: ${JSON.stringify(mac)} is not a MAC KubeVirt accepts (${macAddressError(mac) ?? 'empty'})`);
    this.taken.add(toInt(m.bytes));
    return m.text;
  }

  /** True when `mac` was reserved or allocated. */
  isTaken(mac: string): boolean {
    const m = parseMac(mac);
    return m !== undefined && this.taken.has(toInt(m.bytes));
  }

  /**
   * The MAC of interface `iface` of VM `vm` in `namespace`: sha256 of `namespace/vm/iface` mapped
   * into the range, probing forward on collision. Calling it again with the same key returns the
   * same MAC. Throws when the range is exhausted.
   */
  allocate(namespace: string, vm: string, iface: string): string {
    const key = `${namespace}/${vm}/${iface}`;
    const known = this.byKey.get(key);
    if (known) return known;
    const digest = createHash('sha256').update(key, 'utf8').digest();
    const h = digest.readUIntBE(0, 6); // 48 bits
    const startK = h % this.capacity;
    for (let i = 0; i < this.capacity; i++) {
      const v = this.at((startK + i) % this.capacity);
      if (!this.taken.has(v)) {
        this.taken.add(v);
        const text = formatMac(fromInt(v));
        this.byKey.set(key, text);
        return text;
      }
    }
    throw new Error(`MacAllocator: range ${this.rangeStart}–${this.rangeEnd} is exhausted (${this.capacity} addresses)`);
  }

  /** True when `mac` lies in the allocator's usable addresses. */
  contains(mac: string): boolean {
    const m = parseMac(mac);
    return m !== undefined && this.indexOf(toInt(m.bytes)) !== undefined;
  }
}
