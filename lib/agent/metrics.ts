/**
 * Prometheus text exposition (format 0.0.4) of the agent's counters and gauges. Declared once
 * (STYLE.md #15): the table below is the source of names, help texts and types.
 */

/** Every metric the agent exposes. */
export const METRICS = {
  multihome_agent_drift: { type: 'gauge', help: 'Changes needed to bring the host to its intent at the last reconcile (0 = converged); when the host cannot take the intent (unsatisfiable), the number of things it lacks.' },
  multihome_agent_host_mismatch: { type: 'gauge', help: '1 when the config is valid but this host lacks what it needs (a NIC, a bond port, an interface of another kind): nothing was applied.' },
  multihome_agent_addresses_not_compared: { type: 'gauge', help: 'Interface address families observe left out of the comparison because the intent asks for DHCP or autoconf.' },
  multihome_agent_config_valid: { type: 'gauge', help: '1 when the last config read was valid, 0 when it was rejected (nothing applied).' },
  multihome_agent_last_apply_success: { type: 'gauge', help: '1 when the last apply converged (or nothing was to do), 0 when it failed or was rolled back.' },
  multihome_agent_last_apply_duration_seconds: { type: 'gauge', help: 'Wall time of the last apply: read, plan, batch, verify, probes, rollback.' },
  multihome_agent_last_apply_timestamp_seconds: { type: 'gauge', help: 'Unix time the last apply finished.' },
  multihome_agent_last_apply_commands: { type: 'gauge', help: 'Commands (batch lines) the last apply ran.' },
  multihome_agent_applies_total: { type: 'counter', help: 'Applies by result (converged, applied, rolled-back, failed, invalid, unsatisfiable).' },
  multihome_agent_rollbacks_total: { type: 'counter', help: 'Rollbacks to the pre-apply snapshot.' },
  multihome_agent_recoveries_total: { type: 'counter', help: 'Interrupted applies (a journal left by a killed agent) found at the start of an apply; their snapshot is restored first.' },
  multihome_agent_reconciles_total: { type: 'counter', help: 'Reconcile loop iterations (observe or apply).' },
} as const;

/** Metric names. */
export type MetricName = keyof typeof METRICS;

/** A tiny registry: unlabelled values plus labelled counters. */
export class MetricRegistry {
  private readonly values = new Map<string, number>();

  /** Sets a gauge. */
  set(name: MetricName, value: number, labels: Record<string, string> = {}): void {
    this.values.set(key(name, labels), value);
  }

  /** Adds to a counter. */
  inc(name: MetricName, labels: Record<string, string> = {}, by = 1): void {
    const k = key(name, labels);
    this.values.set(k, (this.values.get(k) ?? 0) + by);
  }

  /** Current value (tests). */
  get(name: MetricName, labels: Record<string, string> = {}): number | undefined {
    return this.values.get(key(name, labels));
  }

  /** Prometheus text format. */
  render(): string {
    const lines: string[] = [];
    for (const [name, m] of Object.entries(METRICS)) {
      const samples = [...this.values.entries()].filter(([k]) => k === name || k.startsWith(`${name}{`));
      if (!samples.length) continue;
      lines.push(`# HELP ${name} ${m.help}`, `# TYPE ${name} ${m.type}`);
      for (const [k, v] of samples.sort(([a], [b]) => a.localeCompare(b))) lines.push(`${k} ${Number.isInteger(v) ? v : v.toFixed(6)}`);
    }
    return lines.join('\n') + '\n';
  }
}

function key(name: string, labels: Record<string, string>): string {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  if (!entries.length) return name;
  return `${name}{${entries.map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`;
}
