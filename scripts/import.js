#!/usr/bin/env node
/**
 * `npm run import`: regenerates imports/ offline with `cdk8s import`, from the upstream CRDs in
 * ../shared/corpus (never copied into this repository) and from the OVN-Kubernetes CUDN/UDN CRDs
 * kept in crds/ovn-kubernetes (see its SOURCES.md). Generated files are never edited.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.join(__dirname, '..');
const corpus = process.env.MULTIHOME_CORPUS || path.join(root, '..', 'shared', 'corpus');
const out = path.join(root, 'imports');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'multihome-import-'));

const kubevirtCrd = path.join(tmp, 'kubevirt.io_virtualmachines.yaml');
execFileSync(process.execPath, [
  path.join(__dirname, 'kubevirt-crd.js'),
  path.join(corpus, 'kubevirt/kubevirt-kubevirt@v1.9.0/api/openapi-spec/swagger.json'),
  kubevirtCrd,
], { stdio: 'inherit' });

// nmstate.io: NNCP and NMState go into one module (one file per API group).
const nmstate = path.join(tmp, 'nmstate.io.yaml');
fs.writeFileSync(nmstate, [
  'nmstate/crds/nmstate.io_nodenetworkconfigurationpolicies.yaml',
  'nmstate/crds/nmstate.io_nmstates.yaml',
].map((f) => fs.readFileSync(path.join(corpus, f), 'utf8').replace(/^---\s*\n/, '')).join('\n---\n'));

// k8s.ovn.org: ClusterUserDefinedNetwork and UserDefinedNetwork go into one module.
const ovnCrds = path.join(root, 'crds', 'ovn-kubernetes');
const ovn = path.join(tmp, 'k8s.ovn.org.yaml');
fs.writeFileSync(ovn, [
  'k8s.ovn.org_clusteruserdefinednetworks.yaml',
  'k8s.ovn.org_userdefinednetworks.yaml',
].map((f) => fs.readFileSync(path.join(ovnCrds, f), 'utf8').replace(/^---\s*\n/, '')).join('\n---\n'));

const specs = [
  nmstate,
  path.join(corpus, 'multus/k8snetworkplumbingwg-network-attachment-definition-client@46fcc411/artifacts/networks-crd.yaml'),
  path.join(corpus, 'kubevirt/kubevirt-cluster-network-addons-operator@28ecce36/manifests/cluster-network-addons/0.102.0/network-addons-config.crd.yaml'),
  kubevirtCrd,
  ovn,
];
fs.rmSync(out, { recursive: true, force: true });
for (const spec of specs) {
  execFileSync(path.join(root, 'node_modules/.bin/cdk8s'), ['import', spec, '--language', 'typescript', '--output', out, '--no-save', '--no-check-upgrade'], {
    cwd: root,
    stdio: 'inherit',
  });
}
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`imports/ regenerated from ${corpus} and ${ovnCrds}: ${fs.readdirSync(out).sort().join(', ')}`);
