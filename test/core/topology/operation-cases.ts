/**
 * Codes of TOPOLOGY_CODES that no Topology alone yields to `validateTopology` and no manifest
 * fixture shows: one is found while rendering (templateExtra against the network sections), one
 * by an operation on a spec (`unplugAttachment`). One failing case each, with the problems it must
 * yield (code, resource, path). Shared by codes.test.ts and template-extra.test.ts.
 */
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
const vm0 = base.vms[0];

/** Keyed by the code each case must produce. */
export const OPERATION_CASES: Readonly<Record<string, OperationCase>> = {
  TOPOLOGY_TEMPLATE_EXTRA_OWNED: {
    title: "templateExtra replaces the VM's networks with a list that names another NAD",
    run: () => buildEnvironment({ ...base, vms: [{ ...vm0, templateExtra: { networks: [{ name: 'x', multus: { networkName: 'other' } }] } }] }).problems,
    expected: [{ code: 'TOPOLOGY_TEMPLATE_EXTRA_OWNED', resource: 'VirtualMachine/vms/vm1', path: 'templateExtra.networks' }],
  },
  TOPOLOGY_UNPLUG_UNKNOWN: {
    title: 'unplug names an interface the VM does not have (v2OO for vlan100)',
    run: () => unplugAttachment(vm0, 'v2OO').problems,
    expected: [{ code: 'TOPOLOGY_UNPLUG_UNKNOWN', resource: 'VirtualMachine/vms/vm1', path: 'attachments' }],
  },
};
