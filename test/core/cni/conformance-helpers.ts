import { PluginProfile, validateNad } from '../../../lib/core/cni';

export { parseNad, parseNadConfig, renderNad, renderNadConfig, validateNad, PluginProfile } from '../../../lib/core/cni';

/** Errors of `validateNad` under `profile`, as `code @ path` strings. */
export function hasErrorsFor(obj: unknown, profile: PluginProfile): string[] {
  return validateNad(obj, { profile })
    .filter((p) => p.severity === 'error')
    .map((p) => `${profile.name}: ${p.code} @ ${p.path}: ${p.message}`);
}
