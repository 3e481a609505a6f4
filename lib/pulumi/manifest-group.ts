import * as pulumi from '@pulumi/pulumi';
import { Manifest } from '../core/manifest';
import { ReadinessOptions, withReadiness } from './readiness';
import { registerManifest } from './resources';

/** Args shared by every component that registers rendered manifests. */
export interface ManifestGroupArgs extends ReadinessOptions {
  /** The manifests this component registers (rendered by lib/core). */
  readonly manifests: readonly Manifest[];
  /** Resources these manifests must wait for. @default - none */
  readonly dependsOn?: pulumi.Input<pulumi.Resource>[];
  /** Kubernetes provider for every child. @default - the ambient provider */
  readonly provider?: pulumi.ProviderResource;
  /** Prefix of the children's resource names (the environment's name). @default - none */
  readonly namePrefix?: string;
}

/**
 * Base of the multihome components: registers its rendered manifests as children
 * (`{ parent: this }`, provider passed through) and exposes them by key.
 */
export abstract class ManifestGroup extends pulumi.ComponentResource {
  /** Registered resources, keyed `Kind/namespace/name`. */
  public readonly resources: ReadonlyMap<string, pulumi.CustomResource>;

  protected constructor(type: string, name: string, args: ManifestGroupArgs, opts?: pulumi.ComponentResourceOptions) {
    super(type, name, {}, opts);
    const resources = new Map<string, pulumi.CustomResource>();
    for (const m of args.manifests) {
      const key = [m.kind, m.metadata.namespace, m.metadata.name].filter(Boolean).join('/');
      resources.set(key, registerManifest(withReadiness(m, args), { parent: this, provider: args.provider, dependsOn: args.dependsOn }, args.namePrefix));
    }
    this.resources = resources;
  }
}
