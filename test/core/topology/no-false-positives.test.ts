/**
 * No false positives: the typed environments validate without errors (every warning listed
 * here with the reason it is right), and the cross-resource rules find no error in the seed
 * documents or the upstream examples of shared/corpus that upstream itself would not give.
 * Each file is one set — the unit someone applies together; the files come from unrelated
 * clusters, so they are not mixed.
 */
import { PluginProfile } from '../../../lib/core/cni';
import { corpusDir } from '../../support/shared';
import * as fs from 'fs';
import * as path from 'path';
import { lab } from '../../../apps/environments/lab';
import { prod } from '../../../apps/environments/prod';
import { formatProblem, Problem } from '../../../lib/core/errors';
import { Manifest } from '../../../lib/core/manifest';
import { isRecord } from '../../../lib/core/problems';
import { renderTopology } from '../../../lib/core/topology/render';
import { validateEnvironment } from '../../../lib/core/topology/validate-environment';
import { validateManifestSet } from '../../../lib/core/topology/validate-set';
import { readManifests } from './topology-fixtures';

const errorsOf = (ps: readonly Problem[]) => ps.filter((p) => p.severity === 'error').map(formatProblem);
const warningsOf = (ps: readonly Problem[]) => ps.filter((p) => p.severity === 'warning').map((p) => `${p.code} ${p.resource.kind}/${p.resource.namespace ?? ''}/${p.resource.name}`).sort();
const kubeObjects = (file: string): Manifest[] => readManifests(file, false).filter((v): v is Manifest => isRecord(v) && typeof v.kind === 'string' && typeof v.apiVersion === 'string');

describe('apps/environments', () => {
  it('lab: no error and no warning', () => {
    const ps = validateEnvironment(lab, renderTopology(lab));
    expect(errorsOf(ps)).toEqual([]);
    expect(warningsOf(ps)).toEqual([]);
  });

  it('prod checked against the upstream plugin profile warns that cnv-bridge is not shipped there', () => {
    const ps = validateEnvironment(prod, renderTopology(prod), { pluginProfile: PluginProfile.UPSTREAM });
    expect(warningsOf(ps).filter((w) => w.startsWith('CNI_TYPE_NOT_IN_PROFILE'))).toHaveLength(4);
  });

  it('prod: no error; only the warnings the seeds call for', () => {
    // without prod's silence list, to see the warnings it silences
    const ps = validateEnvironment({ ...prod, silence: [] }, renderTopology(prod));
    expect(errorsOf(ps)).toEqual([]);
    // cnv-bridge (seeds 000/001) is checked against the OpenShift plugin profile, which an
    // environment of platform openshift targets by default: no CNI_TYPE_NOT_IN_PROFILE.
    expect(warningsOf(ps)).toEqual([
      // seed 002's `vlan` policy (eth1.102, DHCP) deliberately targets every node.
      'NMSTATE_NNCP_NO_NODE_SELECTOR NodeNetworkConfigurationPolicy//vlan',
    ]);
    expect(warningsOf(ps).filter((w) => w.startsWith('TOPOLOGY_'))).toEqual([]);
  });

  it('lab and prod checked together (one `multihome check dist`) are still error-free', () => {
    expect(errorsOf(validateManifestSet([...renderTopology(lab), ...renderTopology(prod)]))).toEqual([]);
  });
});

describe('seed documents (test/fixtures/seeds), each file one set', () => {
  const SEEDS = path.join(__dirname, '..', '..', 'fixtures', 'seeds');
  /** The true findings in the seeds: warnings only, each a real defect of the hand-written YAML. */
  const EXPECTED_WARNINGS: Record<string, string[]> = {
    // NNCP on workers only, VM without placement, NAD without resourceName
    '000-openshift-br1.yaml': ['TOPOLOGY_VM_PLACEMENT_UNCONSTRAINED VirtualMachine/default/vm-fedora'],
    // NNCP on c7000 only, same gap
    '001-vlan1085-c7000.yaml': ['TOPOLOGY_VM_PLACEMENT_UNCONSTRAINED VirtualMachine/vms/pxe-vm'],
    '002-nmstate-bond-vlan.yaml': [],
    '003-multus-bridge-dev.yaml': [],
    // vlan 100 on a br0 without VLAN filtering; no macspoofchk while two VMs use it
    '004-kubevirt-bridge-vlan100.yaml': [
      'TOPOLOGY_MACSPOOFCHK_OFF NetworkAttachmentDefinition/default/br0-100-l2',
      'TOPOLOGY_VLAN_NO_FILTERING NetworkAttachmentDefinition/default/br0-100-l2',
    ],
  };

  it('covers every seed file', () => {
    expect(fs.readdirSync(SEEDS).sort()).toEqual(Object.keys(EXPECTED_WARNINGS).sort());
  });

  it.each(Object.entries(EXPECTED_WARNINGS))('%s: no error, and exactly its true warnings', (file, warnings) => {
    const ps = validateManifestSet(kubeObjects(path.join(SEEDS, file)));
    expect(errorsOf(ps)).toEqual([]);
    expect(warningsOf(ps)).toEqual(warnings);
  });
});

describe('upstream examples (shared/corpus), each file one set', () => {
  const CORPUS = corpusDir();
  const walk = (d: string): string[] => fs.readdirSync(d).sort().flatMap((e) => (fs.statSync(path.join(d, e)).isDirectory() ? walk(path.join(d, e)) : [path.join(d, e)]));
  const files = fs.existsSync(CORPUS) ? walk(CORPUS).filter((f) => /\.ya?ml$/.test(f)) : [];
  const sets = files.map((f) => [path.relative(CORPUS, f), kubeObjects(f)] as const).filter(([, ms]) => ms.length > 0);

  it('finds the corpus and its Kubernetes objects', () => {
    expect(sets.length).toBeGreaterThan(20);
    expect(sets.some(([, ms]) => ms.some((m) => m.kind === 'VirtualMachineInstance'))).toBe(true);
  });

  it.each(sets)('%s: no error with upstream Multus defaults (no namespace isolation)', (_file, ms) => {
    expect(errorsOf(validateManifestSet(ms))).toEqual([]);
  });
});
