/**
 * The cdk8s app: synthesizes every environment of apps/environments into `dist/<env>/`
 * (`npx cdk8s synth`). One file per environment, objects in apply order
 * (prerequisites → NNCPs → NADs → VMs) with Argo CD sync waves, and `topology.svg` next to it
 * (Graphviz in WebAssembly loads asynchronously, hence the async main). All environments are
 * validated before anything is written; problems are listed with their construct paths.
 */
import { ENVIRONMENTS } from '../environments';
import { reportSynth, synthEnvironmentsWithDiagrams } from '../../lib/cdk8s/synth-environments';

async function main(): Promise<number> {
  const result = await synthEnvironmentsWithDiagrams(ENVIRONMENTS, process.env.CDK8S_OUTDIR ?? 'dist');
  reportSynth(result, (s) => process.stderr.write(s));
  return result.errors.length ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`multihome: synth failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
