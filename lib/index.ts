/**
 * `multihome`: the framework-free core. The cdk8s constructs are in `multihome/cdk8s`, the Pulumi
 * components in `multihome/pulumi` (kept apart so that importing one framework never loads the
 * other).
 */
export * from './core';
