/**
 * NetworkAttachmentDefinitions compared across two outputs. Multus reads a NAD when a pod's
 * network is set up, never afterwards: a running VM (its virt-launcher pod) keeps the config it
 * started with until it restarts or migrates to a new pod (k8snetworkplumbingwg
 * multus-dynamic-networks-controller#66; ovn-kubernetes#4537). A NAD a VM still names cannot be
 * deleted safely: the VM can no longer start or migrate (kubevirt pkg/network/multus/nad.go
 * "failed to locate network attachment definition").
 */
import type { NadInfo, SetModel } from '../topology/rules/model';
import { runningUsers, vmList } from './host-context';
import { Changes, objectOf } from './record';
import { differingPaths, sameValue, shown } from './value-diff';

/** The resource-name annotation Multus/network-resources-injector read (k8s.cni.cncf.io). */
const RESOURCE_NAME = 'k8s.v1.cni.cncf.io/resourceName';

/** What the VMs on the NAD's segment see: the fields that put a NIC on another wire. */
function wireOf(n: NadInfo): Record<string, unknown> {
  return { flavour: n.flavour, bridge: n.bridge, vlan: n.vlan, vlanTrunk: n.vlanTrunk, master: n.master, physicalNetwork: n.physicalNetwork, ovnName: n.ovnName };
}

/** Every change between the NADs of two outputs. */
export function diffNads(out: Changes, old: SetModel, next: SetModel): void {
  // the NADs a ClusterUserDefinedNetwork makes (read-cudn.ts) are its changes, not NAD objects of the output
  const own = (n: NadInfo) => n.manifest.kind === 'NetworkAttachmentDefinition';
  for (const a of old.nads) {
    if (!own(a)) continue;
    const now = next.nadsByKey.get(a.key);
    if (now && !own(now)) {
      // the NAD is now to be written by OVN-Kubernetes from a ClusterUserDefinedNetwork: its
      // controller does not take over a NAD it did not create (ovn-kubernetes 8871cd9c
      // go-controller/pkg/clustermanager/userdefinednetwork/controller_helper.go: "foreign
      // NetworkAttachmentDefinition with the desired name already exist"), so the CUDN waits until this NAD is gone
      const users = next.usersByNad.get(a.key) ?? [];
      out.add(
        objectOf(a.manifest),
        'removed',
        users.length ? 'needs-absent-first' : 'replace',
        '',
        `the NAD becomes one ClusterUserDefinedNetwork ${now.manifest.metadata?.name ?? ''} makes; OVN-Kubernetes does not take over a NAD it did not create, so the CUDN stays unready until this NAD is deleted${users.length ? `, and ${vmList(users.map((u) => u.vm))} cannot start or migrate in between` : ''}`,
        users.length ? "keep the NADs (localnetAs: 'nad') while VMs use them, or stop those VMs, apply the NAD's deletion, then the CUDN" : 'apply the deletion of the NAD with or before the CUDN',
      );
      continue;
    }
    if (now) continue;
    const obj = objectOf(a.manifest);
    const still = next.usersByNad.get(a.key) ?? [];
    if (still.length) {
      out.add(obj, 'removed', 'needs-absent-first', '', `the NAD is deleted while ${vmList(still.map((u) => u.vm))} still name it: running VMs keep their NIC, but cannot start or migrate again ("failed to locate network attachment definition")`, 'unplug the interface first (attachment state: \'absent\'), apply, and remove the NAD in a later change');
    } else {
      out.add(obj, 'removed', 'removal', '', 'the NAD is deleted; no VM of the new output names it', '');
    }
  }
  for (const b of next.nads) {
    if (!own(b)) continue;
    const a = old.nadsByKey.get(b.key);
    const obj = objectOf(b.manifest);
    if (!a) {
      out.add(obj, 'added', 'in-place', '', `new network attachment (${b.flavour}${b.vlan !== undefined ? `, VLAN ${b.vlan}` : ''})`, '');
      continue;
    }
    if (sameValue(a.manifest, b.manifest)) continue;
    const configSame = a.config !== undefined && b.config !== undefined ? sameValue(a.config, b.config) : sameValue(a.manifest.spec, b.manifest.spec);
    const resourceSame = a.manifest.metadata?.annotations?.[RESOURCE_NAME] === b.manifest.metadata?.annotations?.[RESOURCE_NAME];
    if (configSame && resourceSame) {
      out.add(obj, 'modified', 'cosmetic', sameValue(a.manifest.spec, b.manifest.spec) ? 'metadata' : 'spec.config', 'the NAD is written differently (metadata, or the config JSON\'s spacing and key order) with the same meaning', '');
      continue;
    }
    const paths = configSame ? [] : a.config !== undefined && b.config !== undefined ? differingPaths(a.config, b.config, 'spec.config', 4) : ['spec.config'];
    // the config's first difference is the place to look; the resourceName annotation when only it changed
    const path = paths[0] ?? `metadata.annotations[${JSON.stringify(RESOURCE_NAME)}]`;
    const what = [
      ...(paths.length ? [`config changes at ${paths.map((p) => p.replace(/^spec\.config\.?/, '') || 'config').join(', ')}`] : []),
      ...(resourceSame ? [] : [`resourceName ${shown(a.manifest.metadata?.annotations?.[RESOURCE_NAME])} → ${shown(b.manifest.metadata?.annotations?.[RESOURCE_NAME])}`]),
    ].join('; ');
    const users = runningUsers(next, [b.key]);
    if (!users.length) {
      out.add(obj, 'modified', 'in-place', path, `${what}; no running VM uses it, so the next pod to attach gets the new config`, '');
    } else if (!sameValue(wireOf(a), wireOf(b))) {
      const moved = a.vlan !== b.vlan ? `VLAN ${shown(a.vlan)} → ${shown(b.vlan)}` : `wire ${shown(wireOf(a))} → ${shown(wireOf(b))}`;
      out.add(obj, 'modified', 'node-disruptive', path, `${what}: ${moved} for ${vmList(users)}: running VMs stay on the old segment until they restart or migrate, the rest join the new one — the two halves cannot reach each other meanwhile`, 'restart (or migrate) every VM on the network in one window, or create a new network and move VMs to it');
    } else {
      out.add(obj, 'modified', 'nad-stale', path, `${what}; ${vmList(users)} keep the old config until restarted or migrated (Multus reads a NAD only when a pod starts)`, 'restart or migrate the VMs that use it after applying (virtctl restart / virtctl migrate)');
    }
  }
}
