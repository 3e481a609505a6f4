export { SpecComponent, TYPE_TOKENS } from './components';
export * from './network-environment';
export * from './network-agent';
export * from './readiness';
export * from './stack-config';
