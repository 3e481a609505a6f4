import type { CodeTable } from '../errors';

/** Problem codes of target profiles (an environment's `target`, `--target`, the target annotation). */
export const TARGET_CODES = {
  TARGET_PRESET_UNKNOWN: {
    severity: 'error',
    summary: 'the target names a preset multihome does not know',
    upstream: 'multihome',
  },
  TARGET_VERSION_INVALID: {
    severity: 'error',
    summary: 'a target version is not a dotted version (MAJOR.MINOR[.PATCH]) or is older than the oldest release multihome models for that component',
    upstream: 'multihome',
  },
  TARGET_CNI_UNKNOWN: {
    severity: 'error',
    summary: 'the target `cni` names no CNI plugin build multihome knows (upstream-<1.x>, debian-1.1.1, openshift-<4.N>)',
    upstream: 'multihome',
  },
  TARGET_KEY_UNKNOWN: {
    severity: 'error',
    summary: 'the target has a key that is not a component multihome knows (a typo would silently target the default)',
    upstream: 'multihome',
  },
  TARGET_NNCP_API_NOT_SERVED: {
    severity: 'error',
    summary: 'the NodeNetworkConfigurationPolicy apiVersion is not served by the target kubernetes-nmstate (v1alpha1 was removed in v0.84.0; v1 exists from v0.56.0): the API server refuses the object',
    upstream: 'nmstate/kubernetes-nmstate api/ (1cedcd87 "api: remove v1alpha1" #1304, v0.84.0; 23236eb6 "Move NMState and NodeNetworkConfigurationPolicy APIs to v1" #857, v0.56.0)',
  },
  TARGET_FIELD_NOT_SERVED: {
    severity: 'error',
    summary: 'a field of the object does not exist in the target version of its API (the API server prunes it, so what it says does not happen)',
    upstream: 'nmstate/kubernetes-nmstate a0c316b6 (#715, v0.44.0: spec.maxUnavailable)',
  },
  TARGET_CUDN_NOT_SERVED: {
    severity: 'error',
    summary: 'a ClusterUserDefinedNetwork (or its Localnet topology) on a target whose OVN-Kubernetes does not serve it (CUDN Localnet: OVN-Kubernetes ≥ 1.1, OpenShift ≥ 4.19)',
    upstream: 'ovn-kubernetes/ovn-kubernetes go-controller/pkg/crd/userdefinednetwork/v1/cudn.go (b31afc43, 6d68ba40: v1.1.0)',
  },
} as const satisfies CodeTable;

/** A code of {@link TARGET_CODES}. */
export type TargetCode = keyof typeof TARGET_CODES;
