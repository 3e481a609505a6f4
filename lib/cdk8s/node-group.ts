import { Construct } from 'constructs';
import { NodeGroupSpec } from '../core/topology/model';
import { NetworkEnvironment } from './network-environment';

/** A set of nodes sharing host networking, referenced by uplinks. */
export interface INodeGroup {
  /** Id of the group in the environment. */
  readonly nodeGroupName: string;
}

/** Props of {@link NodeGroup}. */
export interface NodeGroupProps {
  /** @default the construct id */
  readonly name?: string;
  /** Equality-only NNCP nodeSelector. An empty selector targets every node. */
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** Known node names, used to check VM pinning. @default - unknown */
  readonly nodes?: readonly string[];
  /** NNCP maxUnavailable for this group's policies. @default - kubernetes-nmstate's "50%" */
  readonly maxUnavailable?: number | string;
}

/** Declares a node group in the enclosing {@link NetworkEnvironment}. */
export class NodeGroup extends Construct implements INodeGroup {
  /** References a node group declared elsewhere in the same environment. */
  public static fromNodeGroupName(_scope: Construct, _id: string, name: string): INodeGroup {
    return { nodeGroupName: name };
  }

  public readonly nodeGroupName: string;
  /** The declared spec. */
  public readonly spec: NodeGroupSpec;

  constructor(scope: Construct, id: string, props: NodeGroupProps) {
    super(scope, id);
    this.nodeGroupName = props.name ?? id;
    this.spec = NetworkEnvironment.of(this).topology.addNodeGroup({ ...props, name: this.nodeGroupName });
  }
}
