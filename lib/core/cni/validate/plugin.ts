/**
 * One plugin object: its type against the profile, its keys, its IPAM, then the rules of its
 * type (one file per plugin under plugins/).
 */
import { Rec } from '../../field-reader';
import { joinPath } from '../../path';
import { show } from '../../problems';
import { PluginProfile } from '../profiles';
import { NadContext } from './context';
import { checkIpam } from './ipam/ipam';
import { checkKeys } from './keys';
import { checkBandwidth } from './plugins/bandwidth';
import { checkBridge } from './plugins/bridge';
import { checkDummy } from './plugins/dummy';
import { checkHostDevice } from './plugins/host-device';
import { checkIpvlan } from './plugins/ipvlan';
import { checkMacvlan } from './plugins/macvlan';
import { checkOvnOverlay } from './plugins/ovn-k8s-cni-overlay';
import { checkPortmap } from './plugins/portmap';
import { checkSriov } from './plugins/sriov';
import { checkTuning } from './plugins/tuning';
import { checkVlan } from './plugins/vlan';

/**
 * Plugins of containernetworking/plugins that create the pod interface and run without IPAM
 * (bridge.go isLayer2, macvlan/ipvlan/host-device/vlan/tap with "ipam": {}): their result then
 * has no IP, which a 0.1.0/0.2.0 result cannot express.
 */
const L2_CAPABLE = new Set(['bridge', 'cnv-bridge', 'macvlan', 'ipvlan', 'host-device', 'vlan', 'tap']);

/**
 * Checks plugin `p` at `path` (the `index`-th of conflist `top`, or the config itself): type,
 * whether the profile ships it, chained-only plugins first, keys, IPAM and the type's own rules.
 */
export function checkPlugin(ctx: NadContext, p: Rec, path: string, index: number, top: Rec): void {
  const { profile } = ctx;
  const type = p.type;
  if (typeof type !== 'string' || type === '') {
    // libcni/conf.go ConfFromBytes "missing 'type'"; multus pkg/types/conf.go LoadDelegateNetConf.
    ctx.add('CNI_TYPE_MISSING', joinPath(path, 'type'), `type is ${show(type)}; every plugin needs a non-empty string type naming the plugin binary`, 'set "type" (e.g. "bridge", "macvlan", "ovn-k8s-cni-overlay")');
    return;
  }
  // Decision: a type the profile does not ship is a WARNING, not an error. NADs legitimately use
  // plugins installed by operators (ovs-cni, macvtap, SR-IOV operator, CNAO's cnv-bridge) that a
  // base profile cannot know about, and the failure is loud at pod start ("failed to find plugin
  // in path", containernetworking/cni pkg/invoke/find.go), not silent. Rejecting would produce
  // false errors on valid NADs such as the nad-client example with type "foo".
  if (!profile.hasPlugin(type)) {
    const known = PluginProfile.isKnownPlugin(type);
    ctx.add(
      'CNI_TYPE_NOT_IN_PROFILE',
      joinPath(path, 'type'),
      known
        ? `type ${show(type)} is not shipped by plugin profile ${profile.name} (${profile.description})`
        : `type ${show(type)} is not a plugin multihome knows; profile ${profile.name} does not ship it`,
      known ? `make sure the nodes have the ${type} binary (installed by its operator), or pick the matching profile` : 'check the spelling, and that the binary is installed on every node',
    );
  }
  // plugins/meta/tuning/tuning.go cmdAdd "Required prevResult missing"; bandwidth/portmap/sbr
  // main.go "must be called as chained plugin".
  if (index === 0 && profile.isChainedOnly(type)) {
    ctx.add('CNI_CHAINED_PLUGIN_FIRST', joinPath(path, 'type'), `${type} is a chained meta plugin but is the first plugin of ${path === 'spec.config' ? 'the config' : 'the conflist'}; it needs the result of a preceding plugin`, `put a main plugin (bridge, macvlan, …) before ${type} in "plugins"`);
  }
  const keys = profile.pluginKeys(type);
  checkKeys(ctx, p, path, keys, `the ${type} plugin of profile ${profile.name}`, type);

  const ipamType = checkIpam(ctx, p, path);
  // containernetworking/cni pkg/types/040/types.go convertTo02x: "cannot convert: no valid IP
  // addresses" — the plugin's PrintResult converts its result to the config's 0.1.0/0.2.0, which
  // needs an IP (bridge_test.go/macvlan_test.go: every L2 case has AddErr020/AddErr010).
  if (index === 0 && ctx.isPre030 && !ipamType && L2_CAPABLE.has(type)) {
    ctx.add('CNI_VERSION_RESULT_WITHOUT_IP', 'spec.config.cniVersion', `cniVersion ${ctx.cniVersion} results must carry an IP address, but the ${type} plugin has no IPAM; every ADD fails with "cannot convert: no valid IP addresses"`, `set "cniVersion": "${ctx.highestCommonVersion()}" (or add IPAM)`);
  }

  switch (type) {
    case 'bridge':
    case 'cnv-bridge':
      return checkBridge(ctx, p, path, keys, ipamType, index);
    case 'macvlan':
      return checkMacvlan(ctx, p, path);
    case 'ipvlan':
      return checkIpvlan(ctx, p, path);
    case 'host-device':
      return checkHostDevice(ctx, p, path);
    case 'sriov':
      return checkSriov(ctx, p, path, index);
    case 'ovn-k8s-cni-overlay':
      return checkOvnOverlay(ctx, p, path, top);
    case 'tuning':
    case 'cnv-tuning':
      return checkTuning(ctx, p, path, index);
    case 'vlan':
      return checkVlan(ctx, p, path);
    case 'dummy':
      return checkDummy(ctx, path, ipamType);
    case 'bandwidth':
      return checkBandwidth(ctx, p, path);
    case 'portmap':
      return checkPortmap(ctx, p, path);
    default:
      return;
  }
}
