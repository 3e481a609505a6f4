/**
 * One desired state: its interfaces (each by its kind), the rules between them, then routes,
 * DNS and OVN, in that report order.
 */
import { joinPath } from '../../path';
import { isRecord, ProblemSink, show } from '../../problems';
import { validateDns } from './dns';
import { NETWORK_STATE_KEYS, OVSDB_KEYS } from './fields';
import { validateControllers, validateParents } from './inter-ifaces';
import { readInterfaces } from './interfaces';
import { validateOvn } from './ovn';
import { NMSTATE_READER_STYLE, NmstateReader } from './reader';
import { validateRoutes } from './routes';
import { State } from './state';
import { DEFAULT_NMSTATE_VERSION, isVersionText } from './versions';

/** Options of {@link validateDesiredState} and `validateNncp`. */
export interface NmstateValidationOptions {
  /**
   * The nmstate release the nodes run (`handlerNmstateVersion` of the NodeNetworkState): keys,
   * enum values and interface types added after it are reported as NMSTATE_FIELD_NEWER_THAN_TARGET.
   * @default DEFAULT_NMSTATE_VERSION (the newest 2.2.x known)
   */
  readonly nmstateVersion?: string;
}

/** The target release of `options`, checked (a malformed version is a caller error, thrown). */
export function targetVersion(options: NmstateValidationOptions | undefined): string {
  const v = options?.nmstateVersion ?? DEFAULT_NMSTATE_VERSION;
  if (!isVersionText(v)) throw new Error(`nmstateVersion ${show(v)} is not a release such as ${DEFAULT_NMSTATE_VERSION}`);
  return v;
}

/**
 * Validates an nmstate desired state the way nmstate `options.nmstateVersion` (default
 * {@link DEFAULT_NMSTATE_VERSION}) would at apply time, adding every problem to `sink` (paths start
 * at `base`). Interfaces of types this model does not type are checked for their base fields only;
 * values that are nmpolicy capture templates are skipped.
 */
export function validateDesiredState(state: unknown, sink: ProblemSink, base = 'spec.desiredState', options: NmstateValidationOptions = {}): void {
  const ctx = new NmstateReader(sink, NMSTATE_READER_STYLE, targetVersion(options));
  const root = ctx.record(state, base, 'desiredState');
  if (!root) return;
  // net_state.rs NetworkState is deny_unknown_fields (unit_tests/net_state.rs test_invalid_top_key).
  ctx.unknownKeys(root, base, NETWORK_STATE_KEYS, 'NetworkState');
  // ovs.rs OvsDbGlobalConfig is deny_unknown_fields (tests/integration/ovs_test.py test_raise_error_on_unknown_ovsdb_global_section).
  if (isRecord(root['ovs-db'])) ctx.unknownKeys(root['ovs-db'], joinPath(base, 'ovs-db'), OVSDB_KEYS, 'OvsDbGlobalConfig');
  const st: State = { ctx, base, ifaces: [], byName: new Map() };
  const list = ctx.list(root.interfaces, joinPath(base, 'interfaces'), 'interfaces');
  if (list) readInterfaces(st, list);
  validateParents(st);
  validateControllers(st);
  if (root.routes !== undefined) validateRoutes(st, root.routes);
  if (root['dns-resolver'] !== undefined) validateDns(st, root['dns-resolver']);
  if (root.ovn !== undefined) validateOvn(st, root.ovn);
}
