/**
 * Adoption of existing YAML (`multihome import`): read NNCP, NAD and VM objects, model what
 * multihome can express, keep the rest as given (`Topology.passThrough`), and write the
 * environment as a TypeScript module.
 */
export { readImportObjects } from './objects';
export type { ImportInput, InputObject } from './objects';
export { importObjects } from './import';
export type { ImportResult, KeptObject } from './import';
export { emitImportModule, IMPORT_FORMATS } from './emit';
export type { EmitOptions, ImportFormat } from './emit';
export { DECLARED_ADDITIONS, declaredAddition } from './additions';
export type { AdditionId } from './additions';
export { compareObjects, differencePath } from './compare';
export type { Difference } from './compare';
export { IMPORT_CODES } from './codes';
