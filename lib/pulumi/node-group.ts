import * as pulumi from '@pulumi/pulumi';
import { INodeGroup, NodeGroupProps, nodeGroupSpec } from '../core/topology/props';
import { TYPE_TOKENS } from './components';
import { EnvironmentPart } from './environment-part';

/** Args of {@link NodeGroup}: the core {@link NodeGroupProps} (the cdk8s construct's), nodeSelector values as Inputs. */
export interface NodeGroupArgs extends Omit<NodeGroupProps, 'nodeSelector'> {
  /** Labels selecting the group's nodes (a value may come from another resource). */
  readonly nodeSelector: Readonly<Record<string, pulumi.Input<string>>>;
}

/** Nodes sharing host networking, in a `NetworkEnvironment` (`{ parent: env }`); uplinks reference it. */
export class NodeGroup extends EnvironmentPart implements INodeGroup {
  /** References a node group declared elsewhere in the same environment (e.g. its data form). */
  public static fromNodeGroupName(name: string): INodeGroup {
    return { nodeGroupName: name };
  }

  /** Id of the group in the environment. */
  public readonly nodeGroupName: string;

  constructor(name: string, args: NodeGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super(TYPE_TOKENS.NodeGroup, name, opts, []);
    const spec = nodeGroupSpec(name, args as NodeGroupProps);
    this.nodeGroupName = spec.name;
    this.scope.declare(this, { kind: 'nodeGroup', name: spec.name }, (t) => t.addNodeGroup(spec));
  }

  protected outputsOf(): pulumi.Inputs {
    return { nodeGroupName: this.nodeGroupName };
  }
}
