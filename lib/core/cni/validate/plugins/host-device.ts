/**
 * The host-device plugin (containernetworking/plugins plugins/main/host-device/host-device.go,
 * read at v1.9.1 adc3e6b5).
 */
import { Rec } from '../../../field-reader';
import { joinPath } from '../../../path';
import { isRecord, show } from '../../../problems';
import { RESOURCE_NAME_ANNOTATION } from '../../types';
import { checkIfname } from '../common-fields';
import { NadContext } from '../context';
import { goKey } from '../raw-json';

/** The selectors of NetConf in getLink's order of precedence (device wins, then hwaddr, …). */
const DEVICE_SELECTORS = ['device', 'hwaddr', 'kernelpath', 'pciBusID'] as const;

/** True for a MAC address Go's net.ParseMAC accepts (EUI-48, EUI-64 or 20-octet IPoIB; ":" "-" or "." groups). */
export function isGoMac(s: string): boolean {
  // net.ParseMAC: 6, 8 or 20 octets as hh:hh… / hh-hh…, or 3, 4 or 10 dot-separated groups of 4 hex digits.
  const octets = /^[0-9a-fA-F]{2}(?:([:-])[0-9a-fA-F]{2}(?:\1[0-9a-fA-F]{2})*)$/.test(s) ? s.split(/[:-]/).length : 0;
  const quads = /^[0-9a-fA-F]{4}(?:\.[0-9a-fA-F]{4})+$/.test(s) ? s.split('.').length : 0;
  return [6, 8, 20].includes(octets) || [3, 4, 10].includes(quads);
}

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v !== '';

/**
 * A host-device config: a valid device name; some way to select the device; the selector the
 * plugin uses well-formed; selectors it ignores flagged.
 *
 * host-device.go loadConf (v1.9.1): `runtimeConfig.deviceID` (NetConf.RuntimeConfig.DeviceID) is
 * applied first by handleDeviceID — a PCI address becomes pciBusID, an auxiliary-bus name the
 * aux device — and only then is `specify either "device", "hwaddr", "kernelpath" or "pciBusID"`
 * raised. So a static runtimeConfig.deviceID selects the device exactly like pciBusID (upstream
 * test "Works with a valid … config on auxiliary device" passes one); Multus injects the same
 * field from the resourceName's device plugin.
 */
export function checkHostDevice(ctx: NadContext, p: Rec, path: string): void {
  checkIfname(ctx, p, path, 'device', 'host interface to move into the pod');
  const rcKey = goKey(p, 'runtimeConfig');
  const rc = rcKey === undefined ? undefined : p[rcKey];
  const idKey = isRecord(rc) ? goKey(rc, 'deviceID') : undefined;
  const deviceID = isRecord(rc) && idKey !== undefined && nonEmpty(rc[idKey]) ? rc[idKey] : undefined;
  const given = DEVICE_SELECTORS.flatMap((k) => {
    const key = goKey(p, k);
    return key !== undefined && nonEmpty(p[key]) ? [{ sel: k, key, value: p[key] as string }] : [];
  });
  // host-device.go loadConf: `specify either "device", "hwaddr", "kernelpath" or "pciBusID"`,
  // after handleDeviceID applied runtimeConfig.deviceID; Multus injects runtimeConfig.deviceID
  // when the NAD has a resourceName (multus-cni pkg/k8sclient/k8sclient.go getKubernetesDelegate).
  if (given.length === 0 && deviceID === undefined) {
    if (ctx.annotations[RESOURCE_NAME_ANNOTATION] === undefined) {
      ctx.add('CNI_HOST_DEVICE_NO_SELECTOR', joinPath(path, 'device'), 'host-device names no device (device, hwaddr, kernelpath, pciBusID, runtimeConfig.deviceID) and the NAD has no resourceName through which Multus could inject one', `set "device" (or hwaddr/kernelpath/pciBusID/runtimeConfig.deviceID), or add ${RESOURCE_NAME_ANNOTATION} of a device-plugin pool`);
    }
    return;
  }
  const [used, ...rest] = given;
  // getLink: `case len(hwaddr) > 0: net.ParseMAC(hwaddr) … "failed to parse MAC address %q"`.
  if (used?.sel === 'hwaddr' && !isGoMac(used.value)) {
    ctx.add('CNI_HOST_DEVICE_SELECTOR_INVALID', joinPath(path, used.key), `hwaddr is ${show(used.value)}, which is not a MAC address; the plugin fails with "failed to parse MAC address"`, 'write hwaddr as six colon-separated octets, e.g. "52:54:00:12:34:56"');
  }
  // getLink: "kernel device path %q must be absolute and begin with /sys/devices/".
  if (used?.sel === 'kernelpath' && !used.value.startsWith('/sys/devices/')) {
    ctx.add('CNI_HOST_DEVICE_SELECTOR_INVALID', joinPath(path, used.key), `kernelpath is ${show(used.value)}; the plugin requires an absolute path beginning with /sys/devices/`, 'use the device directory under /sys/devices/ (e.g. /sys/devices/pci0000:00/0000:00:03.0)');
  }
  // getLink switches on device, hwaddr, kernelpath, pciaddr, auxDev in that order: everything
  // after the first non-empty one is never read (a static deviceID replaces pciBusID).
  const ignored: Array<{ what: string; at: string }> = rest.map((r) => ({ what: r.sel, at: joinPath(path, r.key) }));
  if (deviceID !== undefined && used !== undefined && used.sel !== 'pciBusID') ignored.push({ what: 'runtimeConfig.deviceID', at: joinPath(path, rcKey!, idKey!) });
  if (deviceID !== undefined && used?.sel === 'pciBusID') ignored.push({ what: 'pciBusID', at: joinPath(path, used.key) });
  const winner: string = deviceID !== undefined && (used === undefined || used.sel === 'pciBusID') ? 'runtimeConfig.deviceID' : used!.sel;
  for (const i of ignored) {
    ctx.add('CNI_HOST_DEVICE_SELECTOR_IGNORED', i.at, `${i.what} is ignored: host-device selects its device by ${winner}, which takes precedence`, `keep one selector (${winner}) and remove ${i.what}`);
  }
}
