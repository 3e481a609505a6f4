/**
 * Writes the pre-flight benchmark's inputs into a directory: `state/<node>.yaml` (one
 * NodeNetworkState each, `kubectl get nns NAME -o yaml`), `state/nodes.yaml` (`kubectl get nodes
 * -o yaml`: a List) and `policies.k8s.yaml` (the NNCPs, NADs and VMs, multi-document). YAML as
 * kubectl prints it: keys sorted, sequences not indented under their key. Deterministic: the same
 * sizes give the same bytes.
 */
import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { nodeName, nodeNetworkStateOf, nodeOf } from './cluster';
import { generateIntent, intentCounts, IntentCounts } from './intent';

/** Sizes of the generated inputs. */
export interface PreflightSizes {
  /** Nodes (one NodeNetworkState and one Node each). */
  readonly nodes: number;
  /** NodeNetworkConfigurationPolicies. */
  readonly policies: number;
}

/** Where the inputs were written, and what they hold. */
export interface PreflightInputs {
  /** Directory of the NNS files and the Node list (what `--state` gets). */
  readonly stateDir: string;
  /** The intent file (what `preflight` gets as its manifest path). */
  readonly policiesFile: string;
  /** Objects in the state directory (NNS + Nodes). */
  readonly stateObjects: number;
  /** Objects in the intent file. */
  readonly intentObjects: number;
  readonly counts: IntentCounts;
  readonly bytes: { readonly state: number; readonly intent: number };
}

/** kubectl's YAML: sorted keys, `- ` at the key's indentation, no line folding, and YAML 1.1 quoting (timestamps, MACs, `"True"` quoted, as Go's yaml does). */
export function kubectlYaml(o: unknown): string {
  return stringify(o, { indentSeq: false, sortMapEntries: true, lineWidth: 0, aliasDuplicateObjects: false, version: '1.1' });
}

/** Writes the inputs for `sizes` under `dir` (created if needed). */
export function writePreflightInputs(dir: string, sizes: PreflightSizes): PreflightInputs {
  if (!Number.isInteger(sizes.nodes) || sizes.nodes < 1 || sizes.nodes > 1000) throw new Error(`preflight bench: nodes must be an integer in 1..1000, got ${sizes.nodes}`);
  if (!Number.isInteger(sizes.policies) || sizes.policies < 1) throw new Error(`preflight bench: policies must be a positive integer, got ${sizes.policies}`);
  const stateDir = path.join(dir, 'state');
  fs.mkdirSync(stateDir, { recursive: true });
  let stateBytes = 0;
  const write = (file: string, text: string) => {
    fs.writeFileSync(file, text);
    return Buffer.byteLength(text);
  };
  for (let i = 0; i < sizes.nodes; i++) stateBytes += write(path.join(stateDir, `${nodeName(i)}.yaml`), kubectlYaml(nodeNetworkStateOf(i)));
  const nodes = Array.from({ length: sizes.nodes }, (_, i) => nodeOf(i));
  stateBytes += write(path.join(stateDir, 'nodes.yaml'), kubectlYaml({ apiVersion: 'v1', items: nodes, kind: 'List', metadata: { resourceVersion: '' } }));
  const intent = generateIntent(sizes.nodes, sizes.policies);
  const policiesFile = path.join(dir, 'policies.k8s.yaml');
  const intentBytes = write(policiesFile, intent.map(kubectlYaml).join('---\n'));
  return { stateDir, policiesFile, stateObjects: 2 * sizes.nodes, intentObjects: intent.length, counts: intentCounts(sizes.policies), bytes: { state: stateBytes, intent: intentBytes } };
}
