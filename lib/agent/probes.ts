/**
 * Connectivity probes after an apply (kubernetes-nmstate `pkg/probe/probes.go` does the same with
 * its ping probe): `ping -c 1 -W 1 [-I iface] target`, retried until the probe's timeout.
 */
import * as ipaddr from 'ipaddr.js';
import { agentNameError } from '../core/host-intent/normalize';
import type { ResolvedProbe } from './config';
import type { Exec } from './exec';
import type { Clock } from './types';

/** Outcome of one probe. */
export interface ProbeResult {
  readonly name: string;
  readonly target: string;
  readonly interface?: string;
  readonly ok: boolean;
  readonly attempts: number;
  readonly durationMs: number;
  /** Last ping output line when it failed. */
  readonly error?: string;
}

/** Thrown when a probe carries a name or address that must never reach `ping`'s argv (a bug upstream). */
export class UnsafeProbeError extends Error {}

/**
 * The argv of one ping attempt (through `ip netns exec` when the agent works on a namespace). The
 * interface is checked again with the shared name rules (no control character, no leading `-`)
 * and the target must be an IP address, whatever the caller validated.
 */
export function pingCommand(p: ResolvedProbe, netns?: string): { file: string; args: string[] } {
  const nameErr = p.interface !== undefined ? agentNameError(p.interface) : undefined;
  if (nameErr) throw new UnsafeProbeError(`refusing probe interface ${JSON.stringify(p.interface)}: ${nameErr}`);
  if (!ipaddr.isValid(p.target)) throw new UnsafeProbeError(`refusing probe target ${JSON.stringify(p.target)}: not an IP address`);
  const ping = ['-c', '1', '-W', '1', ...(p.interface ? ['-I', p.interface] : []), p.target];
  return netns ? { file: 'ip', args: ['netns', 'exec', netns, 'ping', ...ping] } : { file: 'ping', args: ping };
}

/** Runs one probe until it answers or its timeout passes. */
export async function runProbe(p: ResolvedProbe, exec: Exec, clock: Clock, netns?: string): Promise<ProbeResult> {
  const start = clock.now();
  const deadline = start + p.timeoutSeconds * 1000;
  let attempts = 0;
  let error = '';
  const cmd = pingCommand(p, netns);
  for (;;) {
    attempts++;
    const r = await exec(cmd.file, cmd.args, { timeoutMs: 5000 });
    const base = { name: p.name, target: p.target, ...(p.interface ? { interface: p.interface } : {}) };
    if (r.code === 0) return { ...base, ok: true, attempts, durationMs: clock.now() - start };
    error = (r.stdout.trim() ? r.stdout : r.stderr).trim().split('\n').filter((l) => l.trim()).pop() ?? '';
    if (clock.now() >= deadline) return { ...base, ok: false, attempts, durationMs: clock.now() - start, error };
    await clock.sleep(Math.min(200, Math.max(0, deadline - clock.now())));
  }
}

/** Runs probes one after the other (they share the node's links); stops at the first failure. */
export async function runProbes(probes: readonly ResolvedProbe[], exec: Exec, clock: Clock, netns?: string): Promise<ProbeResult[]> {
  const out: ProbeResult[] = [];
  for (const p of probes) {
    const r = await runProbe(p, exec, clock, netns);
    out.push(r);
    if (!r.ok) break;
  }
  return out;
}
