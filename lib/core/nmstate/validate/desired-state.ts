/**
 * One desired state: its interfaces (each by its kind), the rules between them, then routes,
 * DNS and OVN, in that report order.
 */
import { joinPath } from '../../path';
import { ProblemSink } from '../../problems';
import { validateDns } from './dns';
import { validateControllers, validateParents } from './inter-ifaces';
import { readInterfaces } from './interfaces';
import { validateOvn } from './ovn';
import { NMSTATE_READER_STYLE, NmstateReader } from './reader';
import { validateRoutes } from './routes';
import { State } from './state';

/**
 * Validates an nmstate desired state the way nmstate would at apply time, adding every problem to
 * `sink` (paths start at `base`). Interfaces of types this model does not type are checked for
 * their base fields only; values that are nmpolicy capture templates are skipped.
 */
export function validateDesiredState(state: unknown, sink: ProblemSink, base = 'spec.desiredState'): void {
  const ctx = new NmstateReader(sink, NMSTATE_READER_STYLE);
  const root = ctx.record(state, base, 'desiredState');
  if (!root) return;
  const st: State = { ctx, base, ifaces: [], byName: new Map() };
  const list = ctx.list(root.interfaces, joinPath(base, 'interfaces'), 'interfaces');
  if (list) readInterfaces(st, list);
  validateParents(st);
  validateControllers(st);
  if (root.routes !== undefined) validateRoutes(st, root.routes);
  if (root['dns-resolver'] !== undefined) validateDns(st, root['dns-resolver']);
  if (root.ovn !== undefined) validateOvn(st, root.ovn);
}
