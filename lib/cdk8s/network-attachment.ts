import { ApiObject, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { Problem } from '../core/errors';
import { Manifest } from '../core/manifest';
import { nadManifest, NadConfig } from '../core/cni';
import { validateManifest, ValidateOptions } from '../core/validate';
import { nadApiObject } from './api-objects';
import { addProblemValidation, atConstruct } from './problem-validation';

/** A NetworkAttachmentDefinition, made here or elsewhere. */
export interface INetworkAttachment {
  readonly nadName: string;
  readonly namespace?: string;
}

/** Props of {@link NetworkAttachment}. */
export interface NetworkAttachmentProps extends ValidateOptions {
  /** @default - a name derived from the construct path */
  readonly name?: string;
  /** @default - the chart's namespace */
  readonly namespace?: string;
  /** CNI config or conflist (use the builders of `multihome/core` cni). */
  readonly config: NadConfig;
  /**
   * `k8s.v1.cni.cncf.io/resourceName`. For Linux bridges use
   * `bridge.network.kubevirt.io/<bridge>` so pods land only where bridge-marker saw the bridge.
   * @default - `bridge.network.kubevirt.io/<bridge>` for bridge/cnv-bridge configs, none otherwise
   */
  readonly resourceName?: string | false;
  /** Extra annotations. @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * One Multus NetworkAttachmentDefinition with a typed CNI config (L2), validated at synth as
 * the CNI plugin would read it and rendered through the generated `imports/k8s.cni.cncf.io` class.
 */
export class NetworkAttachment extends Construct implements INetworkAttachment {
  /** References a NAD made elsewhere. */
  public static fromNadName(_scope: Construct, _id: string, name: string, namespace?: string): INetworkAttachment {
    return { nadName: name, namespace };
  }

  public readonly nadName: string;
  public readonly namespace?: string;
  public readonly apiObject: ApiObject;
  /** Every problem of this NAD (errors and warnings). */
  public readonly problems: () => Problem[];

  constructor(scope: Construct, id: string, private readonly props: NetworkAttachmentProps) {
    super(scope, id);
    this.nadName = props.name ?? Names.toDnsLabel(this);
    this.namespace = props.namespace;
    const m = () => this.toManifest();
    this.apiObject = nadApiObject(this, 'Resource', m().metadata, () => ({ spec: m().spec }));
    this.problems = () => atConstruct(validateManifest(m(), props), this.node.path);
    addProblemValidation(this, this.problems);
  }

  /** The NAD as a plain manifest. */
  public toManifest(): Manifest {
    const p = this.props;
    return nadManifest({ name: this.nadName, namespace: this.namespace, config: p.config, resourceName: p.resourceName === false ? null : p.resourceName, annotations: p.annotations });
  }
}
