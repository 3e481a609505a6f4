/**
 * Per-resource validation of KubeVirt VirtualMachines and VirtualMachineInstances: the network
 * section (interfaces ↔ networks), interface fields, and cloud-init volumes, checked the way
 * KubeVirt admission checks them, plus multihome lints (warnings) for what admission accepts but
 * breaks later. Every rule names its upstream file and function next to it.
 *
 * Upstream snapshot read: kubevirt/kubevirt d923fdb8 (after v1.9.0):
 * `pkg/network/admitter/{validator,netsource,netiface,binding,passt,discontinued,admit,dra}.go`,
 * `pkg/network/link/mac.go`, `pkg/util/hardware/hw_utils.go`,
 * `pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go`.
 *
 * Paths are from the manifest root (`spec.template.spec.domain.devices.interfaces[1].macAddress`
 * for a VM, `spec.domain…` for a VMI). Where KubeVirt reports a coarser path (e.g. the whole
 * `networks` list, or the spec root for DHCP options) we report the offending entry instead.
 *
 * Layout: views.ts reads interfaces and networks once; rules/ holds one module per admitter area
 * (versioned (fields newer than the target), netsource, interface-state (admit.go), binding
 * (+ passt, discontinued), netiface, port-ranges, dra, boot-order, acpi-index, bridge-mac,
 * cloud-init, probes); virtual-machine.ts runs them in order.
 *
 * Versions: `validateVirtualMachine(obj, {kubevirtVersion})` validates for a KubeVirt release
 * ('MAJOR.MINOR', default DEFAULT_KUBEVIRT_VERSION = '1.9'); the rules whose upstream
 * behaviour changed read the release through `VmContext.has(feature)`, with the table of when
 * each feature appeared in ../version.ts (KUBEVIRT_API_SINCE, each entry citing its commit/PR).
 * Each rule's test origin is listed in test/upstream/kubevirt-network-admitter.inventory.ts.
 */
export { validateVirtualMachine } from './virtual-machine';
export type { VmValidationOptions } from './virtual-machine';
