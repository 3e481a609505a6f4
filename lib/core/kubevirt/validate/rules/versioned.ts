/**
 * Fields the target KubeVirt release does not have yet (KUBEVIRT_API_SINCE in version.ts): the
 * API server prunes an unknown field of the VM/VMI CRD schema (or rejects it under strict field
 * validation), so what the manifest asks for never reaches KubeVirt. One
 * `KUBEVIRT_FIELD_NOT_IN_VERSION` per field; the rules of that field are skipped for such targets.
 */
import { joinPath } from '../../../path';
import { BindingMethod } from '../../types';
import { KUBEVIRT_API_SINCE, KubevirtApiFeature } from '../../version';
import { VmContext } from '../context';
import { ifaceLabel, netLabel } from '../views';

function notInVersion(ctx: VmContext, path: string, what: string, feature: KubevirtApiFeature, fix: string): void {
  ctx.add('KUBEVIRT_FIELD_NOT_IN_VERSION', path, `${what}, which KubeVirt has since v${KUBEVIRT_API_SINCE[feature]}; the target v${ctx.version.text} does not know the field (the API server prunes or rejects it)`, fix);
}

/**
 * schema.go at each release tag: `passtBinding` (v1.8, passt.go, PR #16475), `binding: {name}`
 * (v1.1, NetworkBindingPlugins gate), `portRanges` (v1.9, PR #18095) on interfaces;
 * `resourceClaim` (v1.9, dra.go, PR #17661) on networks.
 */
export function checkVersionedFields(ctx: VmContext): void {
  for (const i of ctx.ifaces) {
    if (i.bindings.includes(BindingMethod.PASST_BINDING) && !ctx.has('passtBinding')) {
      const fix = ctx.has('bindingPlugin')
        ? 'use the passt network binding plugin instead: binding: {name: passt} (registered under spec.configuration.network.binding of the KubeVirt CR), e.g. passtPluginInterface()'
        : 'upgrade KubeVirt (the passt binding plugin needs v1.1, passtBinding v1.8), or use masquerade: {} on the pod network';
      notInVersion(ctx, joinPath(i.path, 'passtBinding'), `${ifaceLabel(i)} uses the core passtBinding`, 'passtBinding', fix);
    }
    if (i.plugin && !ctx.has('bindingPlugin')) {
      notInVersion(ctx, joinPath(i.path, 'binding'), `${ifaceLabel(i)} uses a network binding plugin (binding: {name})`, 'bindingPlugin', 'use a core binding (bridge: {}, masquerade: {} or sriov: {}), or target KubeVirt v1.1+ (plugins GA in v1.5)');
    }
    if (i.portRanges && !ctx.has('portRanges')) {
      notInVersion(ctx, i.portRanges.path, `${ifaceLabel(i)} sets portRanges`, 'portRanges', 'list the forwarded ports one by one under ports, or drop them to forward all ports');
    }
  }
  for (const n of ctx.nets) {
    if (n.claim && !ctx.has('resourceClaimNetwork')) {
      notInVersion(ctx, joinPath(n.path, 'resourceClaim'), `${netLabel(n)} is a DRA resourceClaim network`, 'resourceClaimNetwork', 'use a multus network backed by an SR-IOV NetworkAttachmentDefinition instead');
    }
  }
}
