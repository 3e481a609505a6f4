/** Binding methods: `pkg/network/admitter/binding.go`, `passt.go` and `discontinued.go`. */
import { joinPath } from '../../../path';
import { show } from '../../../problems';
import { MASQUERADE_BRIDGE_MAC, parseMac } from '../../mac';
import { BindingMethod, DiscontinuedBindingMethod } from '../../types';
import { VmContext } from '../context';
import { ifaceLabel, netLabel } from '../views';

const POD_ONLY_BINDINGS = [BindingMethod.MASQUERADE, BindingMethod.PASST_BINDING];

/** binding.go validateInterfaceBinding; passt.go validatePasstBinding: one binding, pod-only bindings on the pod network. */
export function checkBindings(ctx: VmContext): void {
  for (const i of ctx.ifaces) {
    const count = i.bindings.length + (i.plugin ? 1 : 0); // discontinued keys are not counted upstream
    if (count !== 1) {
      const given = [...i.bindings, ...(i.plugin ? ['binding'] : [])];
      ctx.add('KUBEVIRT_BINDING_COUNT', i.path, `${ifaceLabel(i)} has ${given.length ? given.join(' + ') : 'no binding'}; it needs exactly one binding method or binding plugin`, 'set exactly one of bridge: {}, masquerade: {}, sriov: {}, passtBinding: {} or binding: {name: <plugin>}');
    }
    const net = ctx.networkOf(i);
    // Upstream also fires when the network is missing; that case is reported as INTERFACE_WITHOUT_NETWORK only.
    for (const b of POD_ONLY_BINDINGS) {
      if (i.bindings.includes(b) && net && !net.pod) {
        ctx.add('KUBEVIRT_BINDING_REQUIRES_POD_NETWORK', joinPath(i.path, 'name'), `${ifaceLabel(i)} uses ${b} on ${netLabel(net)}, which is not the pod network; ${b} is only implemented with the pod network`, `use bridge (or sriov) for secondary networks, or connect ${b} to pod: {}`);
      }
    }
    // link.IsReserved compares the literal string; other spellings of the same MAC pass admission but collide with the bridge all the same.
    if (i.bindings.includes(BindingMethod.MASQUERADE) && i.macAddress && parseMac(i.macAddress)?.text === MASQUERADE_BRIDGE_MAC) {
      ctx.add('KUBEVIRT_MAC_RESERVED', joinPath(i.path, 'macAddress'), `${ifaceLabel(i)} is masquerade with macAddress ${show(i.macAddress)}, which is reserved for the in-pod bridge`, 'choose another MAC (e.g. from the allocator), or omit macAddress');
    }
    if (i.bindings.includes(BindingMethod.BRIDGE) && net?.pod) {
      ctx.add('KUBEVIRT_BRIDGE_ON_POD_NETWORK', joinPath(i.path, 'name'), `${ifaceLabel(i)} uses bridge binding on the pod network; KubeVirt rejects it when permitBridgeInterfaceOnPodNetwork is false and the VM is not live-migratable (unless annotated kubevirt.io/allow-pod-bridge-network-live-migration)`, 'use masquerade on the pod network and bridge on multus networks');
    }
  }
}

/** discontinued.go validateDiscontinuedBindings (creation): slirp, macvtap and the old passt core binding. */
export function checkDiscontinuedBindings(ctx: VmContext): void {
  for (const i of ctx.ifaces) {
    for (const d of i.discontinued) {
      const instead = d === DiscontinuedBindingMethod.PASST ? 'passtBinding: {} or binding: {name: passt}' : `binding: {name: ${d}} (a registered binding plugin)`;
      ctx.add('KUBEVIRT_BINDING_DISCONTINUED', joinPath(i.path, d), `${ifaceLabel(i)} uses the ${d} core binding, discontinued since KubeVirt v1.3; VM creation is rejected`, `use ${instead}`);
    }
  }
}
