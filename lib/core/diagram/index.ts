/** Topology diagrams: manifests → graph → DOT, Mermaid, SVG. */
export * from './model';
export * from './ids';
export * from './escape';
export * from './build';
export * from './sources';
export * from './dot';
export * from './mermaid';
export * from './svg';
