/** `npm run bench` entry point: see bench/run.ts. */
import * as fs from 'fs';
import { BENCH_USAGE, parseBenchArgs, runBench } from './run';

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(BENCH_USAGE + '\n');
    return;
  }
  const report = await runBench(args);
  const missed = report.summary.missed;
  process.stdout.write(`--- ${report.summary.met}/${report.summary.targets} targets met${missed.length ? `; missed: ${missed.join('; ')}` : ''}\n`);
  if (args.json) fs.writeFileSync(args.json, JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(JSON.stringify(report) + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
