/** What every VM rule works on: the VMI spec, its interfaces and networks read once, and the sink. */
import { FieldReader, Rec } from '../../field-reader';
import { KubevirtCode } from '../codes';
import { DEFAULT_KUBEVIRT_VERSION, hasKubevirtFeature, KubevirtApiFeature, KubevirtVersion, parseKubevirtVersion } from '../version';
import { IfaceView, NetView } from './views';

/** The validation context of one VM or VMI. */
export class VmContext {
  /** Networks by name (the first of duplicates). */
  readonly netByName = new Map<string, NetView>();
  /** Interfaces by name (the first of duplicates). */
  readonly ifaceByName = new Map<string, IfaceView>();

  constructor(
    /** The shared field reader (KubeVirt style); rules that read more fields use it. */
    readonly read: FieldReader,
    /** The VMI spec (`spec.template.spec` of a VM, `spec` of a VMI). */
    readonly spec: Rec,
    /** Path of the VMI spec. */
    readonly base: string,
    /** `domain.devices`, when it is a mapping. */
    readonly devices: Rec | undefined,
    /** Path of `domain.devices`. */
    readonly devicesPath: string,
    /** `domain.devices.interfaces`, read. */
    readonly ifaces: readonly IfaceView[],
    /** `networks`, read. */
    readonly nets: readonly NetView[],
    /** The KubeVirt release the VM is validated for; version-dependent rules read it through {@link has}. */
    readonly version: KubevirtVersion = parseKubevirtVersion(DEFAULT_KUBEVIRT_VERSION),
  ) {
    for (const n of nets) if (n.name !== undefined && !this.netByName.has(n.name)) this.netByName.set(n.name, n);
    for (const i of ifaces) if (i.name !== undefined && !this.ifaceByName.has(i.name)) this.ifaceByName.set(i.name, i);
  }

  /** Records a problem with a KubeVirt code. */
  add(code: KubevirtCode, path: string, message: string, fix: string): void {
    this.read.sink.add(code, path, message, fix);
  }

  /** True when the target KubeVirt version has `feature` (see KUBEVIRT_API_SINCE in version.ts). */
  has(feature: KubevirtApiFeature): boolean {
    return hasKubevirtFeature(this.version, feature);
  }

  /** The network an interface is connected to (same name), if any. */
  networkOf(i: IfaceView): NetView | undefined {
    return i.name !== undefined ? this.netByName.get(i.name) : undefined;
  }
}

/** One rule: a pass over the context that adds its problems. */
export type VmRule = (ctx: VmContext) => void;
