export * from './components';
export * from './network-environment';
export * from './readiness';
export * from './stack-config';
export * from './network-agent';
// Named in the part-components' signatures (their base class and constructor args).
export type { ManifestGroup, ManifestGroupArgs } from './manifest-group';
