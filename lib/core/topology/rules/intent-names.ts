/**
 * Intent rules on what the renderer derives from names and options before any manifest exists:
 * - TOPOLOGY_VM_NAME_INVALID: the VM name becomes the template label `kubevirt.io/vm: <name>`
 *   (render-vm.ts), which virt-controller copies onto the VirtualMachineInstance, whose labels the
 *   API server validates: a label value is at most 63 characters (k8s.io/apimachinery
 *   pkg/util/validation/validation.go `LabelValueMaxLength = 63`, `IsValidLabelValue`). The VM
 *   itself is accepted (its template metadata is preserve-unknown in the CRD) and never starts.
 *   The name is also the prefix of the cloud-init Secret `<name>-cloudinit` (a DNS-1123 subdomain
 *   of at most 253 characters, `IsDNS1123Subdomain`), which the 63 bound keeps short enough.
 * - TOPOLOGY_NETWORK_ADDONS_NMSTATE: CNAO's NetworkAddonsConfig has no `nmstate` component
 *   (kubevirt/cluster-network-addons-operator manifests/cluster-network-addons/0.102.0/
 *   network-addons-config.crd.yaml: spec properties without `nmstate`, no
 *   x-kubernetes-preserve-unknown-fields), so strict clients reject the object and others prune
 *   the field; nmstate is installed by the NMState CR (`prerequisites.nmstate`).
 */
import { DNS1123_SUBDOMAIN_MAX, dns1123SubdomainError, labelValueError, QUALIFIED_NAME_MAX } from '../../kubernetes/names';
import { joinPath } from '../../path';
import { show } from '../../problems';
import { Topology } from '../model';
import { cloudInitSecretName } from '../render-vm';
import { IntentReport } from './intent-vlans';

/** apimachinery `LabelValueMaxLength`: the VM name is the value of the `kubevirt.io/vm` label. */
const LABEL_VALUE_MAX_LENGTH = QUALIFIED_NAME_MAX;

/** Reports every VM whose name the API server would refuse on the VMI or on its cloud-init Secret. */
export function checkVmNames(t: Pick<Topology, 'vms'>, report: IntentReport): void {
  t.vms.forEach((vm, i) => {
    const path = joinPath('vms', i, 'name');
    const name = vm.name;
    if (typeof name !== 'string' || dns1123SubdomainError(name) !== undefined) {
      report(path, `VM name ${show(name)} is not a DNS-1123 subdomain (lower-case alphanumerics, "-" and ".")`, `rename the VM: at most ${LABEL_VALUE_MAX_LENGTH} lower-case characters`);
      return;
    }
    const secret = cloudInitSecretName(vm);
    if (labelValueError(name) !== undefined)
      report(
        path,
        `VM name ${show(name)} has ${name.length} characters; it is the value of the label kubevirt.io/vm on the VirtualMachineInstance (at most ${LABEL_VALUE_MAX_LENGTH})` +
          (secret.length > DNS1123_SUBDOMAIN_MAX ? ` and its cloud-init Secret name would have ${secret.length} (at most ${DNS1123_SUBDOMAIN_MAX})` : '') +
          ': the VM is accepted but never starts',
        `shorten the VM name to at most ${LABEL_VALUE_MAX_LENGTH} characters`,
      );
  });
}

/** Reports `prerequisites.networkAddons.nmstate`, which no NetworkAddonsConfig can carry. */
export function checkPrerequisites(t: Pick<Topology, 'prerequisites'>, report: IntentReport): void {
  const p = t.prerequisites;
  if (p?.networkAddons?.nmstate === undefined) return;
  const cr = p.nmstate ?? true;
  report(
    'prerequisites.networkAddons.nmstate',
    `networkAddons.nmstate ${show(p.networkAddons.nmstate)} is not a component of NetworkAddonsConfig (the CNAO CRD has no spec.nmstate; it is no longer rendered)` +
      (cr ? '; nmstate comes from the NMState CR this environment renders' : ', and prerequisites.nmstate is false: nothing installs nmstate'),
    cr ? 'drop networkAddons.nmstate' : 'drop networkAddons.nmstate and set prerequisites.nmstate: true (the NMState CR)',
  );
}
