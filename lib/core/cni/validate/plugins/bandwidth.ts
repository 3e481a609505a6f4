/**
 * The bandwidth meta plugin (containernetworking/plugins plugins/meta/bandwidth/main.go, read at
 * v1.9.1 adc3e6b5).
 */
import { Rec } from '../../../field-reader';
import { joinPath } from '../../../path';
import { isRecord, show } from '../../../problems';
import { NadContext } from '../context';
import { goKey } from '../raw-json';

const FIELDS = ['ingressRate', 'ingressBurst', 'egressRate', 'egressBurst'] as const;
/** validateRateAndBurst: `burst/8 >= math.MaxUint32` → "burst cannot be more than 4GB", i.e. burst ≥ 8·(2³²−1). */
const BURST_LIMIT_BITS = 8 * (2 ** 32 - 1);

/**
 * The rates and bursts bandwidth applies: the top-level BandwidthEntry when any of its keys is
 * present (Go allocates the embedded *BandwidthEntry then), else a static
 * runtimeConfig.bandwidth (getBandwidth). parseConfig runs validateRateAndBurst on ingress and
 * egress: uint64 values, a rate needs a burst and a burst a rate, burst below 4 GB.
 */
export function checkBandwidth(ctx: NadContext, p: Rec, path: string): void {
  let entry: Rec | undefined;
  let at = path;
  if (FIELDS.some((f) => goKey(p, f) !== undefined)) entry = p;
  else {
    const rcKey = goKey(p, 'runtimeConfig');
    const rc = rcKey === undefined ? undefined : p[rcKey];
    const bwKey = isRecord(rc) ? goKey(rc, 'bandwidth') : undefined;
    if (isRecord(rc) && bwKey !== undefined && isRecord(rc[bwKey])) {
      entry = rc[bwKey] as Rec;
      at = joinPath(path, rcKey!, bwKey);
    }
  }
  if (!entry) return;
  const bad = (k: string, msg: string, fix: string): void => ctx.add('CNI_BANDWIDTH_INVALID', joinPath(at, goKey(entry!, k) ?? k), msg, fix);
  const num = (k: string): number | undefined => {
    const key = goKey(entry!, k);
    const v = key === undefined ? undefined : entry![key];
    if (v === undefined || v === null) return 0;
    // BandwidthEntry fields are uint64: json.Unmarshal refuses negatives and fractions.
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      bad(k, `${k} is ${show(v)}; allowed: a non-negative integer (bits per second / bits)`, `write ${k} as a whole number`);
      return undefined;
    }
    return v;
  };
  for (const dir of ['ingress', 'egress'] as const) {
    const rate = num(`${dir}Rate`);
    const burst = num(`${dir}Burst`);
    if (rate === undefined || burst === undefined) continue;
    // main.go validateRateAndBurst, in upstream order.
    if (burst === 0 && rate !== 0) bad(`${dir}Burst`, `${dir}Rate is ${rate} but ${dir}Burst is not set; bandwidth fails with "if rate is set, burst must also be set"`, `set ${dir}Burst (bits)`);
    else if (rate === 0 && burst !== 0) bad(`${dir}Rate`, `${dir}Burst is ${burst} but ${dir}Rate is not set; bandwidth fails with "if burst is set, rate must also be set"`, `set ${dir}Rate (bits per second) or drop ${dir}Burst`);
    else if (burst >= BURST_LIMIT_BITS) bad(`${dir}Burst`, `${dir}Burst is ${burst} bits; bandwidth fails with "burst cannot be more than 4GB"`, `use a burst below 4 GB (at most ${BURST_LIMIT_BITS - 1} bits)`);
  }
}
