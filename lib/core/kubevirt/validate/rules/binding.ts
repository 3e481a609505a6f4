/** Binding methods: `pkg/network/admitter/binding.go`, `passt.go` and `discontinued.go`. */
import { joinPath } from '../../../path';
import { show } from '../../../problems';
import { MASQUERADE_BRIDGE_MAC, parseMac } from '../../mac';
import { BindingMethod, DiscontinuedBindingMethod } from '../../types';
import { VmContext } from '../context';
import { ifaceLabel, netLabel } from '../views';

const POD_ONLY_BINDINGS = [BindingMethod.MASQUERADE, BindingMethod.PASST_BINDING];

/**
 * binding.go validateInterfaceBinding (v1.9.0); passt.go validatePasstBinding: one binding,
 * pod-only bindings on the pod network.
 *
 * Versions: before v1.3 the slirp/macvtap/passt core bindings are bindings like the others
 * (v1.2.0 admitters/network.go hasInterfaceBindingMethod lists them); from v1.3 on they are left
 * out, as upstream's countInterfaceBindings does. Before v1.9 (PR #18374) admission only refused a plugin together with a core method; an
 * interface without a binding, or with two core methods, was admitted and then failed in
 * virt-handler (netpod discover: "undefined binding method"), so it stays an error, worded so.
 * passtBinding before v1.8 is reported by rules/versioned.ts only.
 */
export function checkBindings(ctx: VmContext): void {
  const legacyCounted = !ctx.has('discontinuedBindings');
  for (const i of ctx.ifaces) {
    const legacy = legacyCounted ? i.discontinued : [];
    const count = i.bindings.length + legacy.length + (i.plugin ? 1 : 0); // discontinued keys are not counted upstream since v1.3
    if (count !== 1) {
      const given = [...i.bindings, ...legacy, ...(i.plugin ? ['binding'] : [])];
      const admittedBefore = !ctx.has('exactlyOneBinding') && !(i.plugin && count > 1);
      const when = admittedBefore ? `; KubeVirt v${ctx.version.text} admits it, but virt-handler then fails on the interface and the VM never starts (admission checks this since v1.9)` : '';
      ctx.add('KUBEVIRT_BINDING_COUNT', i.path, `${ifaceLabel(i)} has ${given.length ? given.join(' + ') : 'no binding'}; it needs exactly one binding method or binding plugin${when}`, 'set exactly one of bridge: {}, masquerade: {}, sriov: {}, passtBinding: {} or binding: {name: <plugin>}');
    }
    const net = ctx.networkOf(i);
    // Upstream also fires when the network is missing; that case is reported as INTERFACE_WITHOUT_NETWORK only.
    for (const b of POD_ONLY_BINDINGS) {
      if (b === BindingMethod.PASST_BINDING && !ctx.has('passtBinding')) continue;
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

/**
 * discontinued.go validateDiscontinuedBindings (creation, v1.8+; slirp since v1.3 in slirp.go
 * validateCreationSlirpBinding, macvtap/passt since v1.3 through their Discontinued feature gates):
 * slirp, macvtap and the old passt core binding. Targets before v1.3 admit them (behind
 * permitSlirpInterface and the Macvtap/Passt feature gates): a deprecation warning there.
 */
export function checkDiscontinuedBindings(ctx: VmContext): void {
  const rejected = ctx.has('discontinuedBindings');
  for (const i of ctx.ifaces) {
    for (const d of i.discontinued) {
      const instead = d === DiscontinuedBindingMethod.PASST ? 'passtBinding: {} (v1.8+) or binding: {name: passt}' : `binding: {name: ${d}} (a registered binding plugin)`;
      if (rejected) {
        ctx.add('KUBEVIRT_BINDING_DISCONTINUED', joinPath(i.path, d), `${ifaceLabel(i)} uses the ${d} core binding, discontinued since KubeVirt v1.3; VM creation is rejected`, `use ${instead}`);
      } else {
        const gate = d === DiscontinuedBindingMethod.SLIRP ? 'spec.configuration.network.permitSlirpInterface: true' : `the ${d === DiscontinuedBindingMethod.MACVTAP ? 'Macvtap' : 'Passt'} feature gate`;
        const plugin = ctx.has('bindingPlugin') ? `binding: {name: ${d}} (binding plugin)` : 'bridge or masquerade';
        ctx.add('KUBEVIRT_BINDING_DEPRECATED', joinPath(i.path, d), `${ifaceLabel(i)} uses the ${d} core binding: KubeVirt v${ctx.version.text} admits it with ${gate}, but it is deprecated and VM creation is rejected from v1.3 on`, `move to ${plugin} before upgrading to v1.3`);
      }
    }
  }
}
