import * as pulumi from '@pulumi/pulumi';
import { Origin } from '../core/topology/origin';
import { RenderedManifest } from '../core/topology/render';
import { SpecComponent } from './components';
import { ReadinessOptions, withReadiness } from './readiness';
import { registerManifest } from './resources';

/** How {@link registerRendered} registers: readiness, provider, resource-name prefix. */
export interface RegisterOptions extends ReadinessOptions {
  readonly provider?: pulumi.ProviderResource;
  readonly namePrefix?: string;
}

/**
 * Registers rendered manifests in their order, each as a child of the component `parentOf` gives
 * and after the resources its tags name (`dependsOn`, always rendered earlier: NNCPs after the
 * NNCPs whose interfaces they use). Objects the render keeps on removal (`retain`: the NMState
 * CR, NetworkAddonsConfig `cluster`, created Namespaces) get `retainOnDelete`, so destroying the
 * stack or dropping the environment never uninstalls the operators or deletes VMs' namespaces.
 */
export function registerRendered(rendered: readonly RenderedManifest[], parentOf: (origin: Origin) => SpecComponent, options: RegisterOptions): void {
  const byKey = new Map<string, pulumi.CustomResource>();
  for (const r of rendered) {
    const parent = parentOf(r.origin);
    const dependsOn = r.dependsOn.map((k) => byKey.get(k)).filter((x): x is pulumi.CustomResource => x !== undefined);
    const resource = registerManifest(withReadiness(r.manifest, options), { parent, provider: options.provider, dependsOn, ...(r.retain ? { retainOnDelete: true } : {}) }, options.namePrefix);
    byKey.set(r.key, resource);
    parent.resources.set(r.key, resource);
  }
}
