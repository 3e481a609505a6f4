/**
 * Validation of NNCP manifests and nmstate desired states, rule for rule as nmstate (rules read at
 * nmstate/nmstate 614c66dc = v2.2.37+8, key tables extended to the newest 2.2.x; the target
 * release is the `nmstateVersion` option, default {@link DEFAULT_NMSTATE_VERSION}) and
 * kubernetes-nmstate (c9752755) check them; every rule cites the
 * upstream file and function it mirrors. Rules nmstate leaves to NetworkManager or the kernel
 * (name length, VLAN id range) cite the kernel; multihome's own lints say `multihome`.
 *
 * Like nmstate, a desired state is a partial edit: whatever depends on the node's current state
 * (does the bond exist already? is IPv4 enabled on an interface not mentioned here?) is either
 * skipped or reported as a warning, never as an error. Values that are nmpolicy capture templates
 * (`"{{ capture.x.interfaces.0.name }}"`) are resolved on the node and are not checked.
 *
 * Layout, like nmstate's `rust/src/lib`: one file per interface kind under `ifaces/` (dispatched by
 * the exhaustive switch in interfaces.ts), the rules between interfaces in inter-ifaces.ts, then
 * routes.ts, dns.ts, ovn.ts, and the CRD envelope in nncp-envelope.ts.
 */
export { isCaptureTemplate } from '../../field-reader';
export { validateDesiredState } from './desired-state';
export type { NmstateValidationOptions } from './desired-state';
export { DEFAULT_NMSTATE_VERSION } from './versions';
export { checkNncpEnvelope, nncpResource } from './nncp-envelope';
export { nmstateSink, validateNncp } from './nncp';
export type { NncpValidationOptions } from './nncp';
export type { NncpApiVersions } from './nncp-envelope';
