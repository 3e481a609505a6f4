/**
 * Validation of NetworkAttachmentDefinitions and the CNI JSON inside them, rule for rule as the
 * consumers check it: Multus / network-attachment-definition-client (the envelope), libcni (type,
 * cniVersion, conflist), the plugins' own config loaders (bridge, macvlan, ipvlan, host-device,
 * tuning, vlan, dummy, bandwidth, portmap, static, host-local at containernetworking/plugins
 * v1.1.1 … v1.9.1, with the rules mined from the v1.9.1 tests — test/upstream/cni-*.inventory.ts), sriov-cni,
 * whereabouts and OVN-Kubernetes. Each rule cites the upstream file and function it mirrors; the
 * code table (codes.ts) holds severities. Paths are from the manifest root, e.g.
 * `spec.config.plugins[0].vlan`.
 *
 * Layout: network-config.ts (libcni: name, cniVersion, plugin list) → plugin.ts (type, profile,
 * keys.ts, IPAM, the 0.1.0/0.2.0 result rule) → one file per plugin under plugins/ and per IPAM
 * under ipam/. raw-json.ts reads what JSON.parse hides (duplicate keys) and finds keys the way Go does.
 */
export { validateNad } from './network-attachment';
export type { ValidateNadOptions } from './network-attachment';
