/**
 * Codes of TOPOLOGY_CODES that no Topology alone yields to `validateTopology` and no manifest
 * fixture shows: three are found while rendering (a user VM or templateExtra against the sections
 * multihome owns, a VM without a boot source), one
 * by an operation on a spec (`unplugAttachment`). One failing case each, with the problems it must
 * yield (code, resource, path). Shared by codes.test.ts and template-extra.test.ts.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Problem } from '../../../lib/core/errors';
import { buildEnvironment } from '../../../lib/core/topology/build';
import { unplugAttachment } from '../../../lib/core/topology/unplug';
import { baseTopology } from './intent-cases';

/** One operation case. */
export interface OperationCase {
  readonly title: string;
  readonly run: () => readonly Problem[];
  readonly expected: ReadonlyArray<{ readonly code: string; readonly resource: string; readonly path: string }>;
}

const base = baseTopology();
/** A path that does not exist, and an empty directory (no YAML or JSON file in it). */
const NO_PREVIOUS = path.join(os.tmpdir(), 'multihome-no-previous-output', 'lab');
const emptyDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'multihome-empty-previous-'));
const vm0 = base.vms[0];

/** Keyed by the code each case must produce. */
export const OPERATION_CASES: Readonly<Record<string, OperationCase>> = {
  TOPOLOGY_TEMPLATE_EXTRA_OWNED: {
    title: "templateExtra points the attachment's network vlan100 at another NAD",
    run: () => buildEnvironment({ ...base, vms: [{ ...vm0, templateExtra: { networks: [{ name: 'vlan100', multus: { networkName: 'other' } }] } }] }).problems,
    expected: [{ code: 'TOPOLOGY_TEMPLATE_EXTRA_OWNED', resource: 'VirtualMachine/vms/vm1', path: 'templateExtra.networks[0].multus.networkName' }],
  },
  TOPOLOGY_VM_FIELD_CONFLICT: {
    title: "the VM's own interface vlan100 has another MAC than the attachment",
    run: () =>
      buildEnvironment({
        ...base,
        vms: [
          {
            ...vm0,
            attachments: [{ ...vm0.attachments[0], macAddress: '02:00:00:00:00:01' }],
            virtualMachine: { spec: { template: { spec: { domain: { devices: { interfaces: [{ name: 'vlan100', bridge: {}, macAddress: '02:00:00:00:00:02' }] } } } } } },
          },
        ],
      }).problems,
    expected: [{ code: 'TOPOLOGY_VM_FIELD_CONFLICT', resource: 'VirtualMachine/vms/vm1', path: 'virtualMachine.spec.template.spec.domain.devices.interfaces[0].macAddress' }],
  },
  TOPOLOGY_VM_NO_BOOT_SOURCE: {
    title: 'a VM without image and without a disk of its own',
    run: () => buildEnvironment({ ...base, vms: [{ ...vm0, image: undefined }] }).problems,
    expected: [{ code: 'TOPOLOGY_VM_NO_BOOT_SOURCE', resource: 'VirtualMachine/vms/vm1', path: 'image' }],
  },
  TOPOLOGY_PREVIOUS_MISSING: {
    title: 'previous names a path that does not exist (the first synthesis)',
    run: () => buildEnvironment(base, { previous: NO_PREVIOUS }).problems,
    expected: [{ code: 'TOPOLOGY_PREVIOUS_MISSING', resource: `PreviousOutput/${NO_PREVIOUS}`, path: '' }],
  },
  TOPOLOGY_PREVIOUS_UNREADABLE: {
    title: 'previous names a directory without any YAML or JSON file',
    run: () => {
      const dir = emptyDir();
      return buildEnvironment(base, { previous: dir }).problems.map((p) => ({ ...p, resource: { ...p.resource, name: p.resource.name === dir ? 'EMPTY' : p.resource.name } }));
    },
    expected: [{ code: 'TOPOLOGY_PREVIOUS_UNREADABLE', resource: 'PreviousOutput/EMPTY', path: '' }],
  },
  TOPOLOGY_UNPLUG_UNKNOWN: {
    title: 'unplug names an interface the VM does not have (v2OO for vlan100)',
    run: () => unplugAttachment(vm0, 'v2OO').problems,
    expected: [{ code: 'TOPOLOGY_UNPLUG_UNKNOWN', resource: 'VirtualMachine/vms/vm1', path: 'attachments' }],
  },
};
