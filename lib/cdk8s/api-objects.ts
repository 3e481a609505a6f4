/**
 * Turns core manifests into cdk8s ApiObjects. Content is produced lazily at synth, so later
 * `addXxx` calls and the whole-environment render reach the output (STYLE.md #9); metadata is
 * fixed at construction because cdk8s needs the name up front.
 */
import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { NetworkAttachmentDefinition } from '../../imports/k8s.cni.cncf.io';
import { VirtualMachine } from '../../imports/kubevirt.io';
import { NetworkAddonsConfig } from '../../imports/networkaddonsoperator.network.kubevirt.io';
import {
  NmState,
  NodeNetworkConfigurationPolicy,
  NodeNetworkConfigurationPolicySpecMaxUnavailable,
} from '../../imports/nmstate.io';
import { API, ObjectMeta } from '../core/manifest';

/** Produces the body of a manifest (everything but apiVersion/kind/metadata) at synth time. */
export type BodyProducer = () => Record<string, unknown>;

/** The part of a manifest's body that goes under `spec`. */
function lazySpec<T>(produce: BodyProducer, map: (spec: any) => T): T {
  return Lazy.any({ produce: () => map(produce().spec) }) as unknown as T;
}

/**
 * Creates the ApiObject for a manifest of a known kind, through the generated classes in
 * imports/ where their typed props carry our wire JSON unchanged (NNCP, NAD, NMState,
 * NetworkAddonsConfig). VirtualMachines go through a plain ApiObject with the generated GVK: the
 * generated VM props wrap int-or-string/quantity fields in classes and would drop plain values.
 */
export function manifestApiObject(
  scope: Construct,
  id: string,
  head: { apiVersion: string; kind: string; metadata: ObjectMeta },
  produce: BodyProducer,
): ApiObject {
  const { apiVersion, kind, metadata } = head;
  switch (kind) {
    case API.nncp.kind:
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
    case API.nad.kind:
      return new NetworkAttachmentDefinition(scope, id, { metadata, spec: lazySpec(produce, (s) => s) });
    case API.nmstate.kind:
      return new NmState(scope, id, { metadata, spec: lazySpec(produce, (s) => s) });
    case API.networkAddonsConfig.kind:
      return new NetworkAddonsConfig(scope, id, { metadata, spec: lazySpec(produce, (s) => s) });
    case API.vm.kind:
      return new ApiObject(scope, id, { ...VirtualMachine.GVK, metadata, spec: Lazy.any({ produce: () => produce().spec }) });
    default:
      // Kinds without a generated class (Secret, ConfigMap…): every top-level field, lazily.
      return new ApiObject(scope, id, { apiVersion, kind, metadata, ...lazyFields(produce) });
  }
}

function lazyFields(produce: BodyProducer): Record<string, unknown> {
  const first = produce();
  return Object.fromEntries(Object.keys(first).map((k) => [k, Lazy.any({ produce: () => produce()[k] })]));
}
