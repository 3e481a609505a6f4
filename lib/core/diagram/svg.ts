/**
 * SVG through Graphviz's `dot` layout, compiled to WebAssembly (`@viz-js/viz`): no system
 * Graphviz needed, same bytes on every machine. Loading the WASM module is asynchronous; once
 * loaded, rendering is synchronous, so synchronous callers (cdk8s synth, `multihome synth`) load
 * a renderer first and pass it in.
 *
 * Why `@viz-js/viz` and not `@hpcc-js/wasm-graphviz`: both ship Graphviz 16 as WASM, but
 * `@hpcc-js/wasm-graphviz` is ESM-only; Node ≥ 20.19 can `require()` it, ts-jest (Jest 29's
 * CommonJS module system) cannot ("Unexpected token 'export"). `@viz-js/viz` ships a CommonJS
 * build (`dist/viz.cjs`) next to its ESM one and loads in Node, ts-node and Jest alike.
 */
import { toDot } from './dot';
import { Diagram } from './model';

/** File name of the diagram `synth` writes next to each environment's manifests (`dist/<env>/`). */
export const TOPOLOGY_SVG = 'topology.svg';

/** Lays out DOT source and returns SVG text; throws with Graphviz's messages on failure. */
export type SvgRenderer = (dot: string) => string;

let loading: Promise<SvgRenderer> | undefined;

/**
 * Loads Graphviz (once per process; later calls share the instance) and returns a synchronous
 * DOT → SVG renderer.
 */
export function loadSvgRenderer(): Promise<SvgRenderer> {
  loading ??= import('@viz-js/viz').then(async (viz) => {
    const instance = await viz.instance();
    return (dot: string): string => {
      const result = instance.render(dot, { format: 'svg', engine: 'dot' });
      if (result.status !== 'success') {
        const messages = result.errors.map((e) => `${e.level ?? 'error'}: ${e.message}`).join('; ');
        throw new Error(`Graphviz could not lay out the diagram: ${messages || 'unknown error'}`);
      }
      return result.output;
    };
  });
  return loading;
}

/** The diagram as SVG, laid out by `render` (see {@link loadSvgRenderer}). */
export function toSvg(d: Diagram, render: SvgRenderer): string {
  return render(toDot(d));
}
