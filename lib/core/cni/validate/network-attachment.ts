/** validateNad: the NAD envelope (nad.ts), then its CNI config against a plugin profile. */
import { Problem } from '../../errors';
import { isRecord, ProblemSink } from '../../problems';
import { CNI_CODES } from '../codes';
import { nadResourceRef, readNad } from '../nad';
import { DEFAULT_PLUGIN_PROFILE, PluginProfile } from '../profiles';
import { NadContext } from './context';
import { checkNetworkConfig } from './network-config';

/** Options of {@link validateNad}. */
export interface ValidateNadOptions {
  /**
   * Which plugin build the nodes run (which types, keys and cniVersions exist).
   * @default DEFAULT_PLUGIN_PROFILE (PluginProfile.UPSTREAM)
   */
  readonly profile?: PluginProfile;
}

/**
 * Validates a whole NetworkAttachmentDefinition manifest the way Multus, libcni, the CNI plugin
 * and its IPAM would, against a plugin profile (default {@link DEFAULT_PLUGIN_PROFILE}, i.e.
 * current upstream). Returns every problem at once; paths are from the manifest root
 * (`spec.config`, `spec.config.plugins[0].vlan`,
 * `metadata.annotations["k8s.v1.cni.cncf.io/resourceName"]`).
 */
export function validateNad(obj: unknown, options: ValidateNadOptions = {}): Problem[] {
  const profile = options.profile ?? DEFAULT_PLUGIN_PROFILE;
  const sink = new ProblemSink(nadResourceRef(obj), CNI_CODES);
  const r = readNad(obj, sink);
  const spec = isRecord(obj) && isRecord(obj.spec) ? obj.spec : undefined;
  const raw = typeof spec?.config === 'string' ? spec.config : undefined;
  if (r.nad?.config !== undefined) checkNetworkConfig(new NadContext(sink, profile, r.nad, raw), r.nad.config as Record<string, unknown>);
  return sink.problems;
}
