/**
 * Pulumi components: lib/pulumi NetworkEnvironment on the generated environment under
 * `pulumi.runtime.setMocks`, timed until every manifest is registered and the runtime's RPC queue
 * drained (`BenchMocks.settled`). Phases: construct (render, validate, every component and
 * resource constructor, until `ready`) and settle (the asynchronous registrations completing).
 * `recordFile` writes what was registered.
 */
import * as fs from 'fs';
import { generateEnvironment } from '../generate';
import { input, main, now, report } from './common';
import { installBenchMocks } from './pulumi-mocks';

main(async () => {
  const { n, recordFile } = input<{ n: number; recordFile?: string }>();
  const mocks = await installBenchMocks(recordFile !== undefined);
  // Loaded after the mocks are installed (Pulumi's rule for unit tests).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { NetworkEnvironment } = require('../../lib/pulumi/network-environment') as typeof import('../../lib/pulumi/network-environment');
  const environment = generateEnvironment(n);
  const t0 = now();
  const env = new NetworkEnvironment('bench', { environment });
  await env.ready;
  const t1 = now();
  await mocks.settled(await new Promise<number>((resolve) => env.manifests.apply((m) => resolve(m.length))));
  const t2 = now();
  if (recordFile) fs.writeFileSync(recordFile, JSON.stringify(mocks.recorded));
  report({ ms: t2 - t0, phases: { construct: t1 - t0, settle: t2 - t1 }, resources: mocks.count() });
  // Pulumi's leak check (an 'exit' hook) fails the process for promises the mocks leave pending; the result is in.
  process.on('exit', () => (process.exitCode = 0));
  process.exit(0);
});
