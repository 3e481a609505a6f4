import * as pulumi from '@pulumi/pulumi';
import { IMMUTABLE_FIELDS } from '../core/kubernetes/immutable-fields';
import { Manifest } from '../core/manifest';
import { RenderedManifest } from '../core/topology/render';
import { ReadinessOptions, withReadiness } from './readiness';
import { registerManifest } from './resources';

/** How {@link registerRendered} registers: readiness, provider, resource-name prefix. */
export interface RegisterOptions extends ReadinessOptions {
  readonly provider?: pulumi.ProviderResource;
  readonly namePrefix?: string;
}

/** A rendered manifest to register: under `parent`, with its args (the manifest, or an Output of it while an Input it uses settles). */
export interface Registration {
  readonly rendered: RenderedManifest;
  readonly parent: pulumi.Resource;
  /** @default - the rendered manifest itself */
  readonly args?: pulumi.Input<Manifest>;
}

/**
 * Resource options that follow what the cluster does with an object (README "Use it from
 * Pulumi"): multihome names every object (`metadata.name` is fixed, never auto-named), so a
 * replacement must delete the old object first (`deleteBeforeReplace`), or the create collides
 * with it; immutable fields replace (`replaceOnChanges`); objects the render keeps on removal
 * (`retain`: the NMState CR, NetworkAddonsConfig `cluster`, created Namespaces — cluster
 * singletons and namespaces holding VMs) are never deleted by Pulumi (`retainOnDelete`).
 */
export function lifecycleOptions(r: RenderedManifest): pulumi.CustomResourceOptions {
  const immutable = Object.prototype.hasOwnProperty.call(IMMUTABLE_FIELDS, r.manifest.kind) ? IMMUTABLE_FIELDS[r.manifest.kind] : undefined;
  return {
    deleteBeforeReplace: true,
    ...(immutable ? { replaceOnChanges: [...immutable] } : {}),
    ...(r.retain ? { retainOnDelete: true } : {}),
  };
}

/**
 * Registers rendered manifests in their order, each as a child of its `parent` and after the
 * resources its tags name (`dependsOn` — the edges of the sync waves — always rendered earlier:
 * NNCPs after the NNCPs whose interfaces they use, NADs after their NNCP, VMs after their NADs),
 * with {@link lifecycleOptions} and the NNCP readiness annotations. Returns the resources by key.
 */
export function registerRendered(registrations: readonly Registration[], options: RegisterOptions): Map<string, pulumi.CustomResource> {
  const byKey = new Map<string, pulumi.CustomResource>();
  for (const { rendered: r, parent, args } of registrations) {
    const dependsOn: pulumi.CustomResource[] = [];
    for (const k of r.dependsOn) {
      const d = byKey.get(k);
      if (d) dependsOn.push(d);
    }
    const ready = (m: Manifest) => withReadiness(m, options);
    const input = args === undefined ? ready(r.manifest) : pulumi.output(args).apply(ready);
    const resource = registerManifest(r.manifest, input, { parent, provider: options.provider, dependsOn, ...lifecycleOptions(r) }, options.namePrefix);
    byKey.set(r.key, resource);
  }
  return byKey;
}
