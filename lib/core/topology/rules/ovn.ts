/**
 * OVN-Kubernetes rules: a localnet NAD needs an `ovn.bridge-mappings` entry for its physical
 * network in some NNCP, NADs of one OVN network name must agree, and NNCPs for overlapping nodes
 * must not map one localnet to two bridges.
 */
import { joinPath } from '../../path';
import { canonicalJson } from './canonical';
import { RuleContext } from './context';
import { NadInfo } from './model';
import { who } from './report';
import { formatSelector, selectorsCompatible } from './selectors';

/** Physical network OVN-Kubernetes maps to its own gateway bridge (`br-ex`) without any NNCP. */
export const OVN_DEFAULT_PHYSNET = 'physnet';

const NAD_NAME = new Set(['netAttachDefName']);

/**
 * TOPOLOGY_OVN_LOCALNET_NO_MAPPING, TOPOLOGY_OVN_NETWORK_CONFLICT, TOPOLOGY_OVN_MAPPING_CONFLICT.
 * Upstream: ovn-kubernetes/ovn-kubernetes docs/features/multiple-networks/multi-homing.md — "networks
 * are not namespaced: creating multiple network-attachment-definitions with different
 * configurations pointing at the same network (same NetConf.Name) is not supported", and a
 * localnet needs "ovn-bridge-mappings configured on the chassis" (nmstate/nmstate
 * rust/src/lib/ovn.rs writes one external_ids:ovn-bridge-mappings entry per localnet).
 */
export function checkOvn(ctx: RuleContext): void {
  const { model, findings } = ctx;
  const byName = new Map<string, { nad: NadInfo; text: string }>();
  for (const nad of model.nads) {
    if (nad.flavour !== 'ovn' || !nad.config) continue;
    if (nad.ovnName !== undefined) {
      const text = canonicalJson(nad.config, NAD_NAME);
      const first = byName.get(nad.ovnName);
      if (!first) byName.set(nad.ovnName, { nad, text });
      else if (first.text !== text) {
        findings.add(
          'TOPOLOGY_OVN_NETWORK_CONFLICT',
          nad.ref,
          nad.mainPath,
          `OVN network ${JSON.stringify(nad.ovnName)} is configured differently here than in ${who(first.nad.ref)} (beyond netAttachDefName); OVN-Kubernetes treats the name as one cluster-wide network and rejects or mixes the configs`,
          `make every NAD of network ${JSON.stringify(nad.ovnName)} identical except netAttachDefName, or give this one its own network name`,
        );
      }
    }
    if (model.nncps.length === 0 || nad.ovnTopology !== 'localnet' || nad.physicalNetwork === undefined || nad.physicalNetwork === OVN_DEFAULT_PHYSNET) continue;
    const maps = (model.mappingsByLocalnet.get(nad.physicalNetwork) ?? []).filter((m) => !m.absent);
    if (maps.length === 0) {
      findings.add(
        'TOPOLOGY_OVN_LOCALNET_NO_MAPPING',
        nad.ref,
        joinPath(nad.mainPath, nad.main?.physicalNetworkName !== undefined ? 'physicalNetworkName' : 'name'),
        `localnet ${JSON.stringify(nad.physicalNetwork)} has no ovn.bridge-mappings entry in any of the ${model.nncps.length} NodeNetworkConfigurationPolicies of the set; OVN cannot bridge it to a physical network`,
        `add ovn: {bridge-mappings: [{localnet: ${nad.physicalNetwork}, bridge: <ovs-bridge>}]} to the NNCP that creates the OVS bridge`,
      );
    }
  }
  for (const maps of model.mappingsByLocalnet.values()) {
    const present = maps.filter((m) => !m.absent && m.bridge !== undefined);
    for (let k = 1; k < present.length; k++) {
      const m = present[k];
      const earlier = present.slice(0, k).find((e) => e.policy !== m.policy && e.bridge !== m.bridge && selectorsCompatible(e.policy.selector, m.policy.selector));
      if (!earlier) continue;
      findings.add(
        'TOPOLOGY_OVN_MAPPING_CONFLICT',
        m.policy.ref,
        joinPath(m.path, 'bridge'),
        `localnet ${JSON.stringify(m.localnet)} is mapped to ${JSON.stringify(m.bridge)} here and to ${JSON.stringify(earlier.bridge)} in ${who(earlier.policy.ref)} (nodes ${formatSelector(earlier.policy.selector)}); a node has one mapping per localnet and the policy applied last wins`,
        'map each localnet to one bridge, or make the policies select disjoint nodes',
      );
      if (k > 16) break;
    }
  }
}
