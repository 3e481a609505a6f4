/**
 * The VMI spec's interfaces and networks, read once (field types reported on the way) into the
 * small views every rule works on.
 */
import { FieldReader, Rec } from '../../field-reader';
import { joinPath } from '../../path';
import { show } from '../../problems';
import { BindingMethod, DiscontinuedBindingMethod } from '../types';
import { LIST_ITEM } from './reader';

/** An interface as read for validation. */
export interface IfaceView {
  readonly index: number;
  readonly path: string;
  readonly name?: string;
  /** Core binding keys present (bridge, masquerade, sriov, passtBinding). */
  readonly bindings: readonly BindingMethod[];
  /** Discontinued binding keys present. */
  readonly discontinued: readonly DiscontinuedBindingMethod[];
  /** `binding: {name}` present. */
  readonly plugin: boolean;
  readonly model?: string;
  readonly macAddress?: string;
  readonly pciAddress?: string;
  readonly bootOrder?: number;
  readonly acpiIndex?: number;
  readonly ports?: Array<{ path: string; name?: string; port?: number; protocol?: string }>;
  /** `portRanges` (v1.9, PortRangesSpec gate), when set. */
  readonly portRanges?: { readonly path: string; readonly items: ReadonlyArray<{ path: string; protocol?: string; start?: number; end?: number }> };
  readonly dhcp?: {
    readonly path: string;
    readonly ntpServers: Array<{ path: string; value: string }>;
    readonly privateOptions: Array<{ path: string; option?: number }>;
  };
  readonly state?: string;
}

/** A network as read for validation. */
export interface NetView {
  readonly index: number;
  readonly path: string;
  readonly name?: string;
  readonly pod: boolean;
  readonly multus?: { readonly networkName?: string; readonly isDefault: boolean };
  readonly claim?: { readonly claimName?: string; readonly requestName?: string };
}

const CORE_BINDINGS: readonly BindingMethod[] = Object.values(BindingMethod);
const DISCONTINUED: readonly DiscontinuedBindingMethod[] = Object.values(DiscontinuedBindingMethod);

/** `interface "<name>"` (or `#<index>` when unnamed), for messages. */
export function ifaceLabel(i: IfaceView): string {
  return `interface ${show(i.name ?? `#${i.index}`)}`;
}

/** `network "<name>"` (or `#<index>` when unnamed), for messages. */
export function netLabel(n: NetView): string {
  return `network ${show(n.name ?? `#${n.index}`)}`;
}

function readDhcpOptions(r: FieldReader, dhcpRec: Rec, dhcpPath: string): IfaceView['dhcp'] {
  r.stringField(dhcpRec, 'bootFileName', dhcpPath);
  r.stringField(dhcpRec, 'tftpServerName', dhcpPath);
  const ntpPath = joinPath(dhcpPath, 'ntpServers');
  const ntpServers: Array<{ path: string; value: string }> = [];
  (r.listField(dhcpRec, 'ntpServers', dhcpPath) ?? []).forEach((s, k) => {
    const p = joinPath(ntpPath, k);
    if (typeof s === 'string') ntpServers.push({ path: p, value: s });
    else r.sink.add('KUBEVIRT_FIELD_TYPE', p, `${p} is ${show(s)}; it must be a string`, 'write NTP servers as IPv4 address strings');
  });
  const poPath = joinPath(dhcpPath, 'privateOptions');
  const privateOptions = r.records(r.listField(dhcpRec, 'privateOptions', dhcpPath), poPath, LIST_ITEM).map((o) => {
    r.stringField(o.value, 'value', o.path);
    return { path: o.path, option: r.intField(o.value, 'option', o.path) };
  });
  return { path: dhcpPath, ntpServers, privateOptions };
}

function readInterface(r: FieldReader, index: number, path: string, v: Rec): IfaceView {
  const bindings = CORE_BINDINGS.filter((k) => r.recordField(v, k, path) !== undefined);
  const discontinued = DISCONTINUED.filter((k) => r.recordField(v, k, path) !== undefined);
  const pluginRec = r.recordField(v, 'binding', path);
  if (pluginRec) r.stringField(pluginRec, 'name', joinPath(path, 'binding'), true);
  const portsPath = joinPath(path, 'ports');
  const portsArr = r.listField(v, 'ports', path);
  const dhcpRec = r.recordField(v, 'dhcpOptions', path);
  const dhcp = dhcpRec ? readDhcpOptions(r, dhcpRec, joinPath(path, 'dhcpOptions')) : undefined;
  r.stringField(v, 'tag', path);
  const rangesPath = joinPath(path, 'portRanges');
  const rangesArr = r.listField(v, 'portRanges', path);
  return {
    index,
    path,
    name: r.stringField(v, 'name', path, true),
    bindings,
    discontinued,
    plugin: pluginRec !== undefined,
    model: r.stringField(v, 'model', path),
    macAddress: r.stringField(v, 'macAddress', path),
    pciAddress: r.stringField(v, 'pciAddress', path),
    bootOrder: r.intField(v, 'bootOrder', path),
    acpiIndex: r.intField(v, 'acpiIndex', path),
    ports:
      portsArr === undefined
        ? undefined
        : r.records(portsArr, portsPath, LIST_ITEM).map((p) => ({
            path: p.path,
            name: r.stringField(p.value, 'name', p.path),
            port: r.intField(p.value, 'port', p.path),
            protocol: r.stringField(p.value, 'protocol', p.path),
          })),
    portRanges:
      rangesArr === undefined
        ? undefined
        : {
            path: rangesPath,
            items: r.records(rangesArr, rangesPath, LIST_ITEM).map((p) => ({
              path: p.path,
              protocol: r.stringField(p.value, 'protocol', p.path),
              start: r.intField(p.value, 'start', p.path),
              end: r.intField(p.value, 'end', p.path),
            })),
          },
    dhcp,
    state: r.stringField(v, 'state', path),
  };
}

/** Reads `domain.devices.interfaces` (`devices` undefined: none). */
export function readInterfaces(r: FieldReader, devices: Rec | undefined, devicesPath: string): IfaceView[] {
  const list = devices ? r.listField(devices, 'interfaces', devicesPath) : undefined;
  return r.records(list, joinPath(devicesPath, 'interfaces'), LIST_ITEM).map(({ index, path, value }) => readInterface(r, index, path, value));
}

function readNetwork(r: FieldReader, index: number, path: string, v: Rec): NetView {
  const pod = r.recordField(v, 'pod', path);
  if (pod) {
    r.stringField(pod, 'vmNetworkCIDR', joinPath(path, 'pod'));
    r.stringField(pod, 'vmIPv6NetworkCIDR', joinPath(path, 'pod'));
  }
  const m = r.recordField(v, 'multus', path);
  const c = r.recordField(v, 'resourceClaim', path);
  return {
    index,
    path,
    name: r.stringField(v, 'name', path, true),
    pod: pod !== undefined,
    multus: m ? { networkName: r.stringField(m, 'networkName', joinPath(path, 'multus')), isDefault: r.boolField(m, 'default', joinPath(path, 'multus')) === true } : undefined,
    claim: c ? { claimName: r.stringField(c, 'claimName', joinPath(path, 'resourceClaim')), requestName: r.stringField(c, 'requestName', joinPath(path, 'resourceClaim')) } : undefined,
  };
}

/** Reads the VMI spec's `networks`. */
export function readNetworks(r: FieldReader, spec: Rec, base: string): NetView[] {
  return r.records(r.listField(spec, 'networks', base), joinPath(base, 'networks'), LIST_ITEM).map(({ index, path, value }) => readNetwork(r, index, path, value));
}
