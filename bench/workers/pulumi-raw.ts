/**
 * The Pulumi floor: the same Kubernetes resources (type, name and inputs as the components
 * registered them, read from JSON outside the timing) constructed directly as
 * `CustomResource`s under the same mocks — no components, no dependsOn, no multihome work.
 */
import * as fs from 'fs';
import * as k8s from '@pulumi/kubernetes';
import { input, main, now, report } from './common';
import { installBenchMocks, Registration } from './pulumi-mocks';

main(async () => {
  const { registrationsFile, recordFile } = input<{ registrationsFile: string; recordFile?: string }>();
  const regs = JSON.parse(fs.readFileSync(registrationsFile, 'utf8')) as Registration[];
  const mocks = await installBenchMocks(recordFile !== undefined);
  const t0 = now();
  for (const r of regs) {
    if (!/^kubernetes:[^:]+:[^:]+$/.test(r.type) || r.type.startsWith('kubernetes:core/v1:')) throw new Error(`pulumi-raw: ${r.type} is not a CustomResource type`);
    new k8s.apiextensions.CustomResource(r.name, r.inputs as k8s.apiextensions.CustomResourceArgs);
  }
  const t1 = now();
  await mocks.settled(regs.length);
  const t2 = now();
  if (recordFile) fs.writeFileSync(recordFile, JSON.stringify(mocks.recorded));
  report({ ms: t2 - t0, phases: { construct: t1 - t0, settle: t2 - t1 }, resources: mocks.count() });
  // Pulumi's leak check (an 'exit' hook) fails the process for promises the mocks leave pending; the result is in.
  process.on('exit', () => (process.exitCode = 0));
  process.exit(0);
});
