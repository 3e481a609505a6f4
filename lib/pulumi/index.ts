export * from './components';
export * from './network-environment';
export * from './readiness';
export * from './stack-config';
export * from './network-agent';
