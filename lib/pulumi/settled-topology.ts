/**
 * What depends on a value that is not known yet (during `pulumi preview`, an Output of a
 * resource not created yet). A spec depends on an Input when the Input is in it or in a spec it
 * builds on: a VM on its networks, a network on its uplink and node group, an uplink or host
 * policy on its node group, the node agent on every node group's host networking. A problem about
 * such a spec is not reported until the value is known (it could be a false problem); a manifest
 * rendered from it is registered with args that settle with the value, and a manifest whose very
 * name needs the value is registered once the value is known.
 */
import { Problem } from '../core/errors';
import { EnvironmentBuild } from '../core/topology/build';
import { intentLocation } from '../core/topology/construct-terms';
import { Topology } from '../core/topology/model';
import { originKey } from '../core/topology/origin';
import { buildsOn, originKeyOfPath, SpecGraph, specGraph } from '../core/topology/spec-graph';
import { RenderedManifest } from '../core/topology/render';
import { objectKey } from '../core/manifest';
import { valueAt } from '../core/path';
import { validateManifest, ValidateOptions } from '../core/validate';
import { FoundInput, tokensIn } from './inputs';

/**
 * The settled topology as the build takes it: a VM whose whole `virtualMachine` is still unknown
 * renders as a VM of its own with the token as its image (its manifest is registered with args
 * that settle with the value; its problems wait for it).
 */
export function normalizeSettledTopology(t: Topology, unknown: ReadonlySet<string>): Topology {
  if (!unknown.size || !Array.isArray(t.vms)) return t;
  return {
    ...t,
    vms: t.vms.map((vm) => {
      if (typeof vm.virtualMachine !== 'string' || !unknown.has(vm.virtualMachine)) return vm;
      const { virtualMachine, ...rest } = vm;
      return { ...rest, image: rest.image ?? (virtualMachine as string) };
    }),
  };
}

/** Which Inputs each origin depends on, computed once per render. */
export class InputDependencies {
  private readonly graph: SpecGraph;
  private readonly byOrigin = new Map<string, FoundInput[]>();
  private readonly global: FoundInput[] = [];
  /** Origins whose own spec holds a value not known yet. */
  private readonly directUnknown = new Set<string>();
  private readonly unknownGlobal: boolean;

  constructor(t: Topology, inputs: readonly FoundInput[], private readonly unknown: ReadonlySet<string>) {
    this.graph = specGraph(t);
    for (const i of inputs) {
      const o = originKeyOfPath(t, i.path);
      if (o === undefined) this.global.push(i);
      else this.byOrigin.set(o, [...(this.byOrigin.get(o) ?? []), i]);
    }
    this.unknownGlobal = this.global.some((i) => unknown.has(i.token));
    for (const [o, is] of this.byOrigin) if (is.some((i) => unknown.has(i.token))) this.directUnknown.add(o);
  }

  /**
   * True when a problem may be false because of a value not known yet: its text holds one; or it
   * is about the intent and the value at its path, the VM's namespace, or a spec it builds on
   * holds one; or it is about a manifest that holds one; or it comes from a rule across manifests
   * (a NAD a VM names may be the one in the namespace not known yet) while any manifest holds one.
   * A problem of one manifest alone, about a manifest with only known values, is reported.
   */
  public problemWaits(p: Problem, build: EnvironmentBuild, t: Topology, options: ValidateOptions): boolean {
    if (this.unknownGlobal || this.hasUnknown(JSON.stringify(p))) return true;
    if (p.resource.kind === 'Environment') {
      const loc = intentLocation(p.path);
      const spec = loc ? ((t[loc.list] ?? [])[loc.index] as unknown as Record<string, unknown> | undefined) : undefined;
      if (!loc || !spec) return this.anyUnknown();
      if (this.hasUnknown(JSON.stringify(valueAt(spec, loc.prop)) ?? '')) return true;
      if (loc.list === 'vms' && this.hasUnknown(String(spec.namespace))) return true;
      const self = originKey(build.originOf(p));
      return [...buildsOn(this.graph, self)].some((a) => a !== self && this.directUnknown.has(a));
    }
    const key = objectKey(p.resource.kind, p.resource.name, p.resource.namespace);
    const m = build.manifests.find((r) => r.key === key)?.manifest;
    if (m && this.hasUnknown(JSON.stringify(m))) return true;
    const alone = m ? validateManifest(m, options).some((q) => q.code === p.code && q.path === p.path) : false;
    return !alone && this.anyUnknown() && build.manifests.some((r) => this.hasUnknown(JSON.stringify(r.manifest)));
  }

  private hasUnknown(text: string): boolean {
    return tokensIn(text).some((k) => this.unknown.has(k));
  }

  private anyUnknown(): boolean {
    return this.unknown.size > 0;
  }

  /**
   * The Inputs a manifest's content depends on (its args settle with them), or 'later' when its
   * name needs a value not known yet (it is registered once the value is known).
   */
  public of(r: RenderedManifest): readonly FoundInput[] | 'later' {
    if (tokensIn(r.key).some((k) => this.unknown.has(k))) return 'later';
    if (!this.byOrigin.size && !this.global.length) return [];
    const out = [...this.global];
    for (const o of buildsOn(this.graph, originKey(r.origin))) out.push(...(this.byOrigin.get(o) ?? []));
    return out;
  }
}

/** The info message of a preview with values not known yet. */
export function unknownSummary(inputs: readonly FoundInput[], unknown: ReadonlySet<string>, later: readonly RenderedManifest[]): string {
  const paths = inputs.filter((i) => unknown.has(i.token)).map((i) => i.path);
  const waiting = later.length ? `; ${later.length} resource(s) whose names need them are registered then (${later.map((r) => r.key).join(', ')})` : '';
  return `multihome: ${paths.length} value(s) are not known until the update (${paths.join(', ')}); the checks that need them run then${waiting}`;
}

