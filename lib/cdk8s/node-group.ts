import { Construct } from 'constructs';
import { NodeGroupSpec } from '../core/topology/model';
import { INodeGroup, NodeGroupProps, nodeGroupSpec } from '../core/topology/props';
import { declareSpec } from './environment-scope';

export type { INodeGroup, NodeGroupProps } from '../core/topology/props';

/** Declares a node group (nodes sharing host networking) in the enclosing `NetworkEnvironment`; uplinks reference it. */
export class NodeGroup extends Construct implements INodeGroup {
  /** References a node group declared elsewhere in the same environment (e.g. in an environment file). */
  public static fromNodeGroupName(_scope: Construct, _id: string, name: string): INodeGroup {
    return { nodeGroupName: name };
  }

  /** Id of the group in the environment. */
  public readonly nodeGroupName: string;
  /** The declared spec. */
  public readonly spec: NodeGroupSpec;

  constructor(scope: Construct, id: string, props: NodeGroupProps) {
    super(scope, id);
    const spec = nodeGroupSpec(id, props);
    this.nodeGroupName = spec.name;
    this.spec = declareSpec(this, { kind: 'nodeGroup', name: spec.name }, (t) => t.addNodeGroup(spec));
  }
}
