/**
 * Suite `pulumi`: lib/pulumi NetworkEnvironment under `pulumi.runtime.setMocks` against the same
 * Kubernetes resources registered directly as CustomResources under the same mocks, timed until
 * the mocks saw every resource. The first pair asserts both registered the same resources (type,
 * name, inputs).
 */
import * as fs from 'fs';
import { isDeepStrictEqual } from 'util';
import { Figure, formatFigure } from '../harness';
import type { Registration } from '../workers/pulumi-mocks';
import { Workspace } from '../workspace';
import { compare, ComparisonData } from './compare';

/** Targets of the suite (issue 7: time; issue 14: time and peak RSS, same run). */
export const PULUMI_TARGETS = { time: { op: '<=', value: 1.5 }, rss: { op: '<=', value: 1.3 } } as const;

/** Options of {@link runPulumiSuite}. */
export interface PulumiSuiteOptions {
  readonly n: number;
  readonly reps: number;
  readonly warmup: number;
}

/** Runs suite `pulumi` at N (the first pair records both sides' registrations and compares them). */
export function runPulumiSuite(w: Workspace, o: PulumiSuiteOptions, log: (s: string) => void): { figures: Figure[]; comparison: ComparisonData } {
  const envRecord = w.fresh('pulumi-env') + '.json';
  const rawRecord = w.fresh('pulumi-raw') + '.json';
  let first = true;
  let rawFirst = true;
  const { figures, data } = compare(w, {
    suite: 'pulumi',
    n: o.n,
    a: {
      name: 'NetworkEnvironment component',
      worker: 'pulumi-env',
      input: () => {
        const input = { n: o.n, ...(first ? { recordFile: envRecord } : {}) };
        first = false;
        return input;
      },
    },
    b: {
      name: 'CustomResources registered directly',
      worker: 'pulumi-raw',
      input: () => {
        const input = { registrationsFile: envRecord, ...(rawFirst ? { recordFile: rawRecord } : {}) };
        rawFirst = false;
        return input;
      },
    },
    reps: o.reps,
    warmup: o.warmup,
    onWarmup: () => {
      const byName = (f: string) => (JSON.parse(fs.readFileSync(f, 'utf8')) as Registration[]).sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
      const env = byName(envRecord);
      const raw = byName(rawRecord);
      if (!isDeepStrictEqual(env, raw)) throw new Error(`pulumi N=${o.n}: the direct registrations differ from the component's (${env.length} vs ${raw.length})`);
      log(`[pulumi] N=${o.n}: both registered the same ${env.length} Kubernetes resources (type, name, inputs)`);
    },
    timeTarget: PULUMI_TARGETS.time,
    rssTarget: PULUMI_TARGETS.rss,
    timeoutMs: 1800000,
  });
  for (const f of figures) log(formatFigure(f));
  return { figures, comparison: data };
}
