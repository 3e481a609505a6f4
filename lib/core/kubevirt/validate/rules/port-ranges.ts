/**
 * Forwarded port ranges: `pkg/network/admitter/netiface.go` validatePortRangesConfiguration
 * (v1.9.0, PortRangesSpec feature gate, VEP 168, PR #18095). Only pod-network interfaces with
 * `portRanges` are checked, as upstream. The gate itself is cluster configuration (not checked);
 * targets before v1.9 get KUBEVIRT_FIELD_NOT_IN_VERSION from rules/versioned.ts instead.
 */
import { joinPath } from '../../../path';
import { show } from '../../../problems';
import { BindingMethod, VmPortProtocol } from '../../types';
import { VmContext } from '../context';
import { ifaceLabel } from '../views';

/** netiface.go validateForwardPortRanges maxPortRanges. */
export const MAX_PORT_RANGES = 10;
const PROTOCOLS: readonly string[] = Object.values(VmPortProtocol);

/**
 * validatePortRangeMutualExclusivity, validatePortRangeMasqueradeOnly, validateForwardPortRanges
 * (protocol, start, end, order, count) and validateForwardPortRangesOverlaps.
 */
export function checkPortRanges(ctx: VmContext): void {
  if (!ctx.has('portRanges')) return;
  for (const i of ctx.ifaces) {
    const pr = i.portRanges;
    if (!pr || !ctx.networkOf(i)?.pod) continue;
    if (i.ports) {
      ctx.add('KUBEVIRT_PORT_RANGES_CONFLICT', pr.path, `${ifaceLabel(i)} sets both ports and portRanges; an interface forwards either one or the other`, 'keep one of ports or portRanges (a single port is a range with start = end)');
    }
    if (!i.bindings.includes(BindingMethod.MASQUERADE)) {
      ctx.add('KUBEVIRT_PORT_RANGES_REQUIRE_MASQUERADE', pr.path, `${ifaceLabel(i)} sets portRanges but is not masquerade-bound; port ranges are only supported on masquerade interfaces`, 'use masquerade: {} on the pod network, or drop portRanges');
    }
    if (pr.items.length > MAX_PORT_RANGES) {
      ctx.add('KUBEVIRT_PORT_RANGE_INVALID', pr.path, `${ifaceLabel(i)} has ${pr.items.length} portRanges; at most ${MAX_PORT_RANGES} are allowed`, `merge ranges so there are at most ${MAX_PORT_RANGES}`);
      continue;
    }
    const byProtocol = new Map<string, Array<{ start: number; end: number; path: string }>>();
    for (const r of pr.items) {
      // upstream reports only the first failing check of an entry (switch)
      if (r.protocol === undefined || !PROTOCOLS.includes(r.protocol)) {
        ctx.add('KUBEVIRT_PORT_RANGE_INVALID', joinPath(r.path, 'protocol'), `${ifaceLabel(i)} port range protocol ${show(r.protocol ?? '')}; it is required and must be TCP or UDP`, 'set protocol: TCP or protocol: UDP (upper case)');
      } else if (r.start === undefined || r.start <= 0 || r.start >= 65536) {
        ctx.add('KUBEVIRT_PORT_RANGE_INVALID', joinPath(r.path, 'start'), `${ifaceLabel(i)} port range start ${show(r.start ?? 0)} is not a port number 1..65535`, 'set start to 1..65535');
      } else if (r.end === undefined || r.end <= 0 || r.end >= 65536) {
        ctx.add('KUBEVIRT_PORT_RANGE_INVALID', joinPath(r.path, 'end'), `${ifaceLabel(i)} port range end ${show(r.end ?? 0)} is not a port number 1..65535`, 'set end to 1..65535');
      } else if (r.start > r.end) {
        ctx.add('KUBEVIRT_PORT_RANGE_INVALID', joinPath(r.path, 'start'), `${ifaceLabel(i)} port range starts at ${r.start}, after its end ${r.end}`, 'swap start and end (start <= end)');
      } else {
        const list = byProtocol.get(r.protocol) ?? [];
        list.push({ start: r.start, end: r.end, path: r.path });
        byProtocol.set(r.protocol, list);
      }
    }
    for (const [protocol, ranges] of byProtocol) {
      const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
      for (let k = 1; k < sorted.length; k++) {
        const prev = sorted[k - 1];
        const cur = sorted[k];
        if (cur.start <= prev.end) {
          ctx.add('KUBEVIRT_PORT_RANGE_OVERLAP', cur.path, `${ifaceLabel(i)} ${protocol} portRanges [${prev.start}-${prev.end}] and [${cur.start}-${cur.end}] overlap`, 'merge the two ranges into one, or make them disjoint');
        }
      }
    }
  }
}
