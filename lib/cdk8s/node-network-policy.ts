import { ApiObject, Names } from 'cdk8s';
import { Construct } from 'constructs';
import { Problem } from '../core/errors';
import { Manifest } from '../core/manifest';
import type { DnsResolver, Interface, OvnBridgeMapping, RouteEntry } from '../core/nmstate/types';
import { desiredState, nncp } from '../core/nmstate/builders';
import { validateManifest } from '../core/validate';
import { nncpApiObject } from './api-objects';
import { addProblemValidation, atConstruct } from './problem-validation';

/** A NodeNetworkConfigurationPolicy, made here or elsewhere. */
export interface INodeNetworkPolicy {
  /** `metadata.name` of the NNCP. */
  readonly policyName: string;
}

/** Props of {@link NodeNetworkPolicy}. */
export interface NodeNetworkPolicyProps {
  /** @default - a name derived from the construct path */
  readonly name?: string;
  /**
   * Equality-only node selector (kubernetes-nmstate has no matchExpressions).
   * @default - every node running the nmstate handler, control-plane nodes included
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /** @default - kubernetes-nmstate's "50%" */
  readonly maxUnavailable?: number | string;
  /** nmpolicy captures. @see https://nmstate.io/nmpolicy/ @default - none */
  readonly capture?: Readonly<Record<string, string>>;
  /** Interfaces of the desired state (nmstate wire shape). @default - none; use `addInterface` */
  readonly interfaces?: readonly Interface[];
  /** `routes.config` entries. @default - none */
  readonly routes?: readonly RouteEntry[];
  /** `dns-resolver`. @default - untouched */
  readonly dnsResolver?: DnsResolver;
  /** `ovn.bridge-mappings`. @default - none */
  readonly ovnBridgeMappings?: readonly OvnBridgeMapping[];
  /** Extra annotations (e.g. an Argo CD sync wave). @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * One kubernetes-nmstate NodeNetworkConfigurationPolicy with a typed desiredState (L2). It is
 * validated at synth as nmstate would validate it (every problem at once, with this
 * construct's path) and rendered through the generated `imports/nmstate.io` class.
 */
export class NodeNetworkPolicy extends Construct implements INodeNetworkPolicy {
  /** References an NNCP made elsewhere. */
  public static fromPolicyName(_scope: Construct, _id: string, name: string): INodeNetworkPolicy {
    return { policyName: name };
  }

  public readonly policyName: string;
  /** The generated ApiObject. */
  public readonly apiObject: ApiObject;
  /** Every problem of this policy (errors and warnings). */
  public readonly problems: () => Problem[];
  private readonly interfaces: Interface[];
  private readonly routes: RouteEntry[];
  private readonly mappings: OvnBridgeMapping[];

  constructor(scope: Construct, id: string, private readonly props: NodeNetworkPolicyProps = {}) {
    super(scope, id);
    this.policyName = props.name ?? Names.toDnsLabel(this);
    this.interfaces = [...(props.interfaces ?? [])];
    this.routes = [...(props.routes ?? [])];
    this.mappings = [...(props.ovnBridgeMappings ?? [])];
    const m = () => this.toManifest();
    this.apiObject = nncpApiObject(this, 'Resource', m().metadata, () => ({ spec: m().spec }));
    this.problems = () => atConstruct(validateManifest(m()), this.node.path);
    addProblemValidation(this, this.problems);
  }

  /** Adds an interface to the desired state and returns it. */
  public addInterface<T extends Interface>(iface: T): T {
    this.interfaces.push(iface);
    return iface;
  }

  /** Adds a route (`routes.config`) and returns it. */
  public addRoute(route: RouteEntry): RouteEntry {
    this.routes.push(route);
    return route;
  }

  /** Adds an OVN bridge mapping and returns it. */
  public addBridgeMapping(mapping: OvnBridgeMapping): OvnBridgeMapping {
    this.mappings.push(mapping);
    return mapping;
  }

  /** The NNCP as a plain manifest (what synth writes). */
  public toManifest(): Manifest {
    const p = this.props;
    return nncp({
      name: this.policyName,
      nodeSelector: p.nodeSelector && Object.keys(p.nodeSelector).length ? p.nodeSelector : undefined,
      maxUnavailable: p.maxUnavailable,
      capture: p.capture,
      annotations: p.annotations,
      desiredState: desiredState({
        interfaces: this.interfaces,
        routes: this.routes.length ? this.routes : undefined,
        dns: p.dnsResolver,
        ovnBridgeMappings: this.mappings.length ? this.mappings : undefined,
      }),
    }) as unknown as Manifest;
  }
}
