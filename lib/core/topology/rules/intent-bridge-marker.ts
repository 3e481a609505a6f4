/**
 * TOPOLOGY_BRIDGE_MARKER_MISSING (warning): a NAD carries the bridge-marker resource annotation
 * (`k8s.v1.cni.cncf.io/resourceName: bridge.network.kubevirt.io/<bridge>`, the network's
 * `resourceName`, on by default) but the environment deploys nothing that publishes that resource
 * on the nodes. KubeVirt turns the annotation into a resource request of the virt-launcher pod
 * (kubevirt/kubevirt pkg/virt-controller/services/template.go, MULTUS_RESOURCE_NAME_ANNOTATION);
 * only bridge-marker (kubevirt/bridge-marker, deployed by CNAO's `linuxBridge` component) or the
 * multihome agent's bridge marking (`agent.markBridges`, on by default) sets node capacity for it.
 * Without either, every VM on the network stays Pending ("Insufficient
 * bridge.network.kubevirt.io/<bridge>").
 *
 * Not reported on OpenShift (OpenShift Virtualization deploys CNAO with linuxBridge) or when the
 * environment renders `prerequisites.networkAddons.linuxBridge`; the agent counts for the node
 * groups it runs on (`agent.nodeGroups`, default every group) when it marks bridges. A warning:
 * the component may be deployed outside this environment (silence it then).
 */
import { joinPath } from '../../path';
import { NetworkPattern, Platform, Topology } from '../model';
import { ResolvedTopology } from '../resolve';
import { IntentReport } from './intent-vlans';

/** Reports networks whose NADs ask for a bridge resource no deployed component publishes. */
export function checkBridgeMarker(t: Topology, resolved: ResolvedTopology, report: IntentReport): void {
  if ((t.platform ?? Platform.VANILLA) === Platform.OPENSHIFT) return;
  if (t.prerequisites?.networkAddons?.linuxBridge === true) return;
  const agent = t.agent;
  const marked = new Set<string>(agent && agent.markBridges !== false ? agent.nodeGroups ?? t.nodeGroups.map((g) => g.name) : []);
  resolved.networks.forEach((n, i) => {
    if (!n.resourceName || n.state === 'absent' || n.pattern === NetworkPattern.OVN_LOCALNET || !n.namespaces.length) return;
    const group = n.uplinkSpec?.nodeGroup;
    if (group !== undefined && marked.has(group)) return;
    const resource = `bridge.network.kubevirt.io/${n.bridge}`;
    report(
      joinPath('networks', i, 'resourceName'),
      `the NADs of network ${JSON.stringify(n.name)} request ${resource} (k8s.v1.cni.cncf.io/resourceName), but this environment deploys no bridge-marker (prerequisites.networkAddons.linuxBridge) and no multihome agent marking bridges on node group ${JSON.stringify(group ?? '?')}: VMs on the network stay Pending with "Insufficient ${resource}" unless bridge-marker runs on the nodes`,
      `set prerequisites.networkAddons.linuxBridge: true (CNAO deploys bridge-marker), deploy the agent on node group ${JSON.stringify(group ?? '?')} (agent: { markBridges: true }), set resourceName: false on the network, or silence TOPOLOGY_BRIDGE_MARKER_MISSING when bridge-marker is deployed elsewhere`,
    );
  });
}
