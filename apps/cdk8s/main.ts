/**
 * The cdk8s app: synthesizes every environment of apps/environments into `dist/<env>/`
 * (`npx cdk8s synth`). One file per environment, objects in apply order
 * (prerequisites → NNCPs → NADs → VMs) with Argo CD sync waves. All environments are
 * validated before anything is written; problems are listed with their construct paths.
 */
import { ENVIRONMENTS } from '../environments';
import { reportSynth, synthEnvironments } from '../../lib/cdk8s/synth-environments';

const result = synthEnvironments(ENVIRONMENTS, process.env.CDK8S_OUTDIR ?? 'dist');
reportSynth(result, (s) => process.stderr.write(s));
if (result.errors.length) process.exit(1);
