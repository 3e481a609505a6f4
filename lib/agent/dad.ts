/**
 * IPv6 duplicate address detection after an apply: an address the kernel flags `dadfailed` is
 * present in `ip addr` but unusable (RFC 4862 §5.4.5) — the apply did not reach its state. The
 * verify step waits for the addresses the plan added to leave `tentative` (NetworkManager does the
 * same before it reports an IPv6 address configured) and fails on `dadfailed`. Addresses on links
 * without carrier stay tentative until carrier comes (no DAD runs), so only links with LOWER_UP
 * are waited for.
 */
import type { Exec } from './exec';
import { netnsArgs } from './iproute/read';
import type { Clock } from './types';

/** How long the verify step waits for DAD (default kernel settings need ~1 s: one probe, RetransTimer 1 s). */
export const DAD_TIMEOUT_MS = 5000;

/** One address the plan added. */
export interface DadTarget {
  readonly dev: string;
  /** `addr/prefix`. */
  readonly cidr: string;
}

/** Outcome of {@link waitForDad}. */
export interface DadResult {
  /** Addresses waited for. */
  readonly checked: number;
  /** `ADDR on DEV` whose DAD failed. */
  readonly failed: readonly string[];
  /** `ADDR on DEV` still tentative at the timeout (reported, not a failure: DAD may be slowed by the link). */
  readonly pending: readonly string[];
}

interface AddrJson {
  ifname?: string;
  flags?: string[];
  addr_info?: Array<{ local?: string; prefixlen?: number; tentative?: boolean; dadfailed?: boolean; family?: string }>;
}

/** Waits until `targets` are out of DAD (polling one `ip -j -6 addr show` per round). */
export async function waitForDad(exec: Exec, netns: string | undefined, targets: readonly DadTarget[], clock: Clock, timeoutMs = DAD_TIMEOUT_MS): Promise<DadResult> {
  if (targets.length === 0) return { checked: 0, failed: [], pending: [] };
  const deadline = clock.now() + timeoutMs;
  for (;;) {
    const r = await exec('ip', [...netnsArgs(netns), '-j', '-6', 'addr', 'show']);
    if (r.code !== 0) throw new Error(`ip -j -6 addr show failed (${r.code}): ${r.stderr.trim()}`);
    const links = JSON.parse(r.stdout || '[]') as AddrJson[];
    const failed: string[] = [];
    const pending: string[] = [];
    let checked = 0;
    for (const t of targets) {
      const l = links.find((x) => x.ifname === t.dev);
      if (!l || !(l.flags ?? []).includes('LOWER_UP')) continue;
      const [addr, prefix] = t.cidr.split('/');
      const a = (l.addr_info ?? []).find((x) => x.family === 'inet6' && x.local !== undefined && sameV6(x.local, addr) && String(x.prefixlen) === prefix);
      if (!a) continue;
      checked++;
      if (a.dadfailed) failed.push(`${t.cidr} on ${t.dev}`);
      else if (a.tentative) pending.push(`${t.cidr} on ${t.dev}`);
    }
    if (failed.length || pending.length === 0 || clock.now() >= deadline) return { checked, failed, pending };
    await clock.sleep(100);
  }
}

/** Same IPv6 address (the plan's CIDRs are canonical, ip prints canonical too; compare lower-case). */
function sameV6(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
