/**
 * The ApiObjects of the L2 constructs (`NodeNetworkPolicy`, `NetworkAttachment`): the generated
 * classes of imports/, whose typed props carry the core's wire JSON unchanged. Content is
 * produced lazily at synth, so later `addXxx` calls reach the output (STYLE.md #9); metadata is
 * fixed at construction because cdk8s needs the name up front. The generated modules are loaded
 * when the first such construct is made, not when `multihome/cdk8s` is imported (imports/ holds
 * ~33 000 generated lines that an environment never needs).
 */
import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import type * as cni from '../../imports/k8s.cni.cncf.io';
import type * as nmstate from '../../imports/nmstate.io';
import { ObjectMeta } from '../core/manifest';

/** Produces the body of a manifest (everything but apiVersion/kind/metadata) at synth time. */
export type BodyProducer = () => Record<string, unknown>;

/** The part of a manifest's body that goes under `spec`. */
function lazySpec<T>(produce: BodyProducer, map: (spec: any) => T): T {
  return Lazy.any({ produce: () => map(produce().spec) }) as unknown as T;
}

/** The NNCP's ApiObject: the generated `NodeNetworkConfigurationPolicy`, `maxUnavailable` as its int-or-string. */
export function nncpApiObject(scope: Construct, id: string, metadata: ObjectMeta, produce: BodyProducer): ApiObject {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { NodeNetworkConfigurationPolicy, NodeNetworkConfigurationPolicySpecMaxUnavailable } = require('../../imports/nmstate.io') as typeof nmstate;
  return new NodeNetworkConfigurationPolicy(scope, id, {
    metadata,
    spec: lazySpec(produce, (s) => ({
      ...s,
      ...(s.maxUnavailable !== undefined
        ? {
            maxUnavailable:
              typeof s.maxUnavailable === 'number'
                ? NodeNetworkConfigurationPolicySpecMaxUnavailable.fromNumber(s.maxUnavailable)
                : NodeNetworkConfigurationPolicySpecMaxUnavailable.fromString(String(s.maxUnavailable)),
          }
        : {}),
    })),
  });
}

/** The NAD's ApiObject: the generated `NetworkAttachmentDefinition`. */
export function nadApiObject(scope: Construct, id: string, metadata: ObjectMeta, produce: BodyProducer): ApiObject {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { NetworkAttachmentDefinition } = require('../../imports/k8s.cni.cncf.io') as typeof cni;
  return new NetworkAttachmentDefinition(scope, id, { metadata, spec: lazySpec(produce, (s) => s) });
}
