/** The host-device plugin (plugins/main/host-device/host-device.go). */
import { Rec } from '../../../field-reader';
import { joinPath } from '../../../path';
import { RESOURCE_NAME_ANNOTATION } from '../../types';
import { checkIfname } from '../common-fields';
import { NadContext } from '../context';

const DEVICE_SELECTORS = ['device', 'hwaddr', 'kernelpath', 'pciBusID'];

/** A host-device config: a valid device name, and some way to select the device. */
export function checkHostDevice(ctx: NadContext, p: Rec, path: string): void {
  checkIfname(ctx, p, path, 'device', 'host interface to move into the pod');
  const has = DEVICE_SELECTORS.some((k) => typeof p[k] === 'string' && p[k] !== '');
  // host-device.go loadConf: `specify either "device", "hwaddr", "kernelpath" or "pciBusID"`,
  // unless Multus injects runtimeConfig.deviceID from the resourceName's device plugin.
  if (!has && ctx.annotations[RESOURCE_NAME_ANNOTATION] === undefined) {
    ctx.add('CNI_HOST_DEVICE_NO_SELECTOR', joinPath(path, 'device'), 'host-device names no device (device, hwaddr, kernelpath, pciBusID) and the NAD has no resourceName through which Multus could inject one', `set "device" (or hwaddr/kernelpath/pciBusID), or add ${RESOURCE_NAME_ANNOTATION} of a device-plugin pool`);
  }
}
