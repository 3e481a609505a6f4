/**
 * cloud-init volumes: `pkg/virt-api/webhooks/validating-webhook/admitters/vmi-create-admitter.go`
 * validateVolumes, plus what cloud-init does with networkData in the guest.
 */
import { Rec } from '../../../field-reader';
import { joinPath } from '../../../path';
import { show } from '../../../problems';
import { CLOUD_INIT_NETWORK_DATA_MAX_BYTES, CLOUD_INIT_USER_DATA_MAX_BYTES, NetworkDataParseError, parseNetworkData } from '../../cloud-init';
import { KubevirtCode } from '../../codes';
import { parseMac } from '../../mac';
import { VmInterfaceState } from '../../types';
import { VmContext } from '../context';
import { LIST_ITEM } from '../reader';

/** Go `base64.StdEncoding.DecodeString` (CR/LF ignored, padding required); undefined when invalid. */
function decodeStdBase64(s: string): Buffer | undefined {
  const t = s.replace(/[\r\n]/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(t)) return undefined;
  return Buffer.from(t, 'base64');
}

/** One data part of a cloud-init volume (user-data or network-data): its three source keys and limits. */
interface DataPart {
  readonly inlineKey: string;
  readonly b64Key: string;
  readonly refKey: string;
  readonly max: number;
  readonly tooLarge: KubevirtCode;
  readonly sources: KubevirtCode;
  readonly what: string;
}

const USER_DATA: DataPart = {
  inlineKey: 'userData', b64Key: 'userDataBase64', refKey: 'secretRef', max: CLOUD_INIT_USER_DATA_MAX_BYTES,
  tooLarge: 'KUBEVIRT_CLOUD_INIT_USER_DATA_TOO_LARGE', sources: 'KUBEVIRT_CLOUD_INIT_USER_DATA_SOURCES', what: 'user-data',
};
const NETWORK_DATA: DataPart = {
  inlineKey: 'networkData', b64Key: 'networkDataBase64', refKey: 'networkDataSecretRef', max: CLOUD_INIT_NETWORK_DATA_MAX_BYTES,
  tooLarge: 'KUBEVIRT_CLOUD_INIT_NETWORK_DATA_TOO_LARGE', sources: 'KUBEVIRT_CLOUD_INIT_NETWORK_DATA_SOURCES', what: 'network-data',
};

/** What a data part holds: its text (when inline or valid base64), where, and how many sources it sets. */
interface PartContent {
  readonly text?: string;
  readonly textPath?: string;
  readonly count: number;
}

/** True when `key` is a secret reference with a name. */
function hasSecretRef(ctx: VmContext, ci: Rec, cp: string, key: string): boolean {
  const s = ctx.read.recordField(ci, key, cp);
  return s !== undefined && !!ctx.read.stringField(s, 'name', joinPath(cp, key));
}

/** validateVolumes for one part: one source at most, inline size within KubeVirt's limit, valid base64. */
function checkPart(ctx: VmContext, ci: Rec, cp: string, volName: unknown, part: DataPart): PartContent {
  const { inlineKey, b64Key, refKey, max } = part;
  let count = 0;
  let len = 0;
  let lenPath = '';
  let text: string | undefined;
  let textPath: string | undefined;
  if (hasSecretRef(ctx, ci, cp, refKey)) count++;
  const b64 = ctx.read.stringField(ci, b64Key, cp);
  if (b64) {
    count++;
    const decoded = decodeStdBase64(b64);
    if (!decoded) ctx.add('KUBEVIRT_CLOUD_INIT_BASE64_INVALID', joinPath(cp, b64Key), `${b64Key} of volume ${show(volName)} is not valid base64`, 'encode with standard base64 (with padding), e.g. base64 -w0');
    else {
      text = decoded.toString('utf8');
      textPath = joinPath(cp, b64Key);
    }
    len = decoded?.length ?? 0;
    lenPath = joinPath(cp, b64Key);
  }
  const inline = ctx.read.stringField(ci, inlineKey, cp);
  if (inline) {
    count++;
    len = Buffer.byteLength(inline, 'utf8');
    lenPath = joinPath(cp, inlineKey);
    text = inline;
    textPath = lenPath;
  }
  if (count > 1) ctx.add(part.sources, cp, `volume ${show(volName)} sets more than one ${part.what} source (${inlineKey}, ${b64Key}, ${refKey})`, `keep exactly one of ${inlineKey}, ${b64Key}, ${refKey}`);
  if (len > max) ctx.add(part.tooLarge, lenPath, `${lenPath.split('.').pop()} of volume ${show(volName)} is ${len} bytes; KubeVirt admits at most ${max} bytes inline`, `move it into a Secret and reference it with ${refKey} (cloudInitVolume/cloudInitSecret do this)`);
  return { text, textPath, count };
}

/**
 * networkData content: cloud-init parses it in the guest (network_state.py); KubeVirt does not.
 * Multihome lints: NICs matched by guest name with several NICs, MACs no interface sets.
 */
function checkNetworkData(ctx: VmContext, text: string, textPath: string, ifaceMacs: ReadonlySet<string>, liveIfaces: number): void {
  // Blank networkData (KubeVirt's own tests use " ": vmi-create-admitter_test.go "should accept
  // CloudInitNoCloud volume if it has only a networkData source") is an empty YAML document:
  // cloud-init reads no network config and applies its fallback, as without networkData.
  if (text.trim() === '') return;
  let parsed;
  try {
    parsed = parseNetworkData(text);
  } catch (e) {
    if (!(e instanceof NetworkDataParseError)) throw e;
    ctx.add('KUBEVIRT_NETWORK_DATA_INVALID', textPath, `${e.message}; cloud-init in the guest will not configure the network`, 'write a network config v2 mapping (version: 2, ethernets: …), e.g. with networkDataV2()');
    return;
  }
  if (parsed.version !== 2) return;
  // multihome lint: NICs addressed by guest name (kubevirt/kubevirt#16693). Only meaningful with more than one NIC.
  const byName = parsed.ethernets.filter((e) => e.macaddress === undefined);
  if (byName.length && liveIfaces > 1) {
    ctx.add('KUBEVIRT_NETWORK_DATA_MATCH_BY_NAME', textPath, `networkData configures ${byName.map((e) => e.id).join(', ')} by guest interface name without match.macaddress; with ${liveIfaces} NICs the guest's NIC order/naming is not stable (kubevirt/kubevirt#16693)`, 'set macAddress on each interface and match on it: match: {macaddress: "<mac>"} plus set-name (networkDataV2 renders this)');
  }
  const unknown = parsed.ethernets.filter((e) => e.macaddress !== undefined && !ifaceMacs.has(parseMac(e.macaddress)?.text ?? `?${e.macaddress}`));
  if (unknown.length) {
    ctx.add('KUBEVIRT_NETWORK_DATA_UNKNOWN_MAC', textPath, `networkData matches macaddress ${unknown.map((e) => `${e.macaddress} (${e.id})`).join(', ')}, which no interface of this VM sets; that config never applies`, 'set the same macAddress on the interface, or fix the MAC in networkData');
  }
}

/** The canonical MACs the VM's interfaces set. */
function interfaceMacs(ctx: VmContext): Set<string> {
  return new Set(ctx.ifaces.map((i) => (i.macAddress ? parseMac(i.macAddress)?.text : undefined)).filter((m): m is string => m !== undefined));
}

/** vmi-create-admitter.go validateVolumes for cloudInitNoCloud / cloudInitConfigDrive volumes, then their networkData. */
export function checkCloudInitVolumes(ctx: VmContext): void {
  const { read, base } = ctx;
  let macs: ReadonlySet<string> | undefined;
  const volsPath = joinPath(base, 'volumes');
  for (const vol of read.records(read.listField(ctx.spec, 'volumes', base), volsPath, LIST_ITEM)) {
    const type = vol.value.cloudInitNoCloud !== undefined && vol.value.cloudInitNoCloud !== null ? 'cloudInitNoCloud' : vol.value.cloudInitConfigDrive !== undefined && vol.value.cloudInitConfigDrive !== null ? 'cloudInitConfigDrive' : undefined;
    if (!type) continue;
    const ci = read.recordField(vol.value, type, vol.path);
    if (!ci) continue;
    const cp = joinPath(vol.path, type);
    const user = checkPart(ctx, ci, cp, vol.value.name, USER_DATA);
    const net = checkPart(ctx, ci, cp, vol.value.name, NETWORK_DATA);
    if (user.count === 0 && net.count === 0) {
      ctx.add('KUBEVIRT_CLOUD_INIT_EMPTY', cp, `volume ${show(vol.value.name)} has no user-data and no network-data source`, 'set userData (or userDataBase64/secretRef) and/or networkData, or remove the volume');
    }
    if (net.text === undefined || net.textPath === undefined) continue;
    macs ??= interfaceMacs(ctx);
    checkNetworkData(ctx, net.text, net.textPath, macs, ctx.ifaces.filter((i) => i.state !== VmInterfaceState.ABSENT).length);
  }
}
