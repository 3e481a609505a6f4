/**
 * Network probes need the pod network: `pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go`
 * ValidateVirtualMachineInstanceSpec → appendStatusCauseForProbeNotAllowedWithNoPodNetworkPresent
 * (v1.0.0 … v1.9.0 unchanged): with no `pod` network, a readinessProbe or livenessProbe with
 * `httpGet` or `tcpSocket` is refused (exec and guestAgentPing probes need no network).
 */
import { joinPath } from '../../../path';
import { isRecord } from '../../../problems';
import { VmContext } from '../context';

/**
 * True when KubeVirt's defaulting adds the pod network (pkg/network/vmispec/defaults.go
 * SetDefaultNetworkInterface): no interfaces, no networks, and autoattachPodInterface not false.
 */
function podNetworkDefaulted(ctx: VmContext): boolean {
  return ctx.ifaces.length === 0 && ctx.nets.length === 0 && ctx.devices?.autoattachPodInterface !== false;
}

/** vmi-create-admitter.go: `<probe>.httpGet` / `<probe>.tcpSocket` "is only allowed if the Pod Network is attached". */
export function checkProbes(ctx: VmContext): void {
  if (ctx.nets.some((n) => n.pod) || podNetworkDefaulted(ctx)) return;
  for (const probe of ['readinessProbe', 'livenessProbe']) {
    const p = ctx.spec[probe];
    if (!isRecord(p)) continue;
    for (const handler of ['httpGet', 'tcpSocket']) {
      if (p[handler] === undefined || p[handler] === null) continue;
      const path = joinPath(ctx.base, probe, handler);
      ctx.add('KUBEVIRT_PROBE_REQUIRES_POD_NETWORK', path, `${path} is only allowed if the pod network is attached, and this VM has no pod network`, 'attach the pod network (pod: {} with masquerade), or probe with exec or guestAgentPing');
    }
  }
}
