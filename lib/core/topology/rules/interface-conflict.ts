/**
 * TOPOLOGY_INTERFACE_CONFLICT: one interface defined by two NNCPs that select overlapping nodes,
 * with different settings: type, MTU, bond mode or bond/bridge ports. kubernetes-nmstate applies
 * each policy alone, in no defined order, and nothing merges or compares policies
 * (nmstate/kubernetes-nmstate controllers/handler/nodenetworkconfigurationpolicy_controller.go;
 * kubernetes-nmstate#1101): the policy applied last sets the interface, the other one's state is
 * undone, and a re-applied policy flips it back. Settings only one policy gives are not compared
 * (nmstate keeps what a desired state leaves out). Runs on the manifest set, so `multihome check`
 * finds it in hand-written YAML too.
 */
import { joinPath } from '../../path';
import { isRecord } from '../../problems';
import { RuleContext } from './context';
import { NncpIface } from './model';
import { who } from './report';
import { formatSelector, selectorsCompatible } from './selectors';

/** Definitions per interface name compared pairwise (an interface is defined by a handful). */
const MAX_DEFS = 16;

/** One compared setting: its path under the interface and its value (undefined: not set). */
interface Setting {
  readonly field: string;
  readonly path: readonly string[];
  readonly value: (d: NncpIface) => string | number | undefined;
}

const bondMode = (d: NncpIface): string | undefined => {
  const la = d.raw['link-aggregation'];
  return isRecord(la) && typeof la.mode === 'string' ? la.mode : undefined;
};

const portList = (d: NncpIface): string | undefined => (d.ports.length ? d.ports.map((p) => p.name).sort().join(', ') : undefined);

const SETTINGS: readonly Setting[] = [
  { field: 'type', path: ['type'], value: (d) => d.type },
  { field: 'mtu', path: ['mtu'], value: (d) => d.mtu },
  { field: 'bond mode', path: ['link-aggregation', 'mode'], value: bondMode },
  { field: 'ports', path: ['link-aggregation', 'port'], value: portList },
];

/** The path of a setting of `d` (ports: under the bridge block for a bridge). */
function settingPath(d: NncpIface, s: Setting): string {
  if (s.field === 'ports' && !isRecord(d.raw['link-aggregation'])) return d.ports[0]?.path ?? joinPath(d.path, 'bridge');
  return joinPath(d.path, ...s.path);
}

/** Reports every interface two overlapping policies define differently. */
export function checkInterfaceConflicts(ctx: RuleContext): void {
  const { model, findings } = ctx;
  for (const all of model.ifacesByName.values()) {
    const defs = all.filter((d) => !d.absent).slice(0, MAX_DEFS);
    if (defs.length < 2) continue;
    for (let j = 1; j < defs.length; j++) {
      const later = defs[j];
      for (let i = 0; i < j; i++) {
        const earlier = defs[i];
        if (earlier.policy === later.policy || !selectorsCompatible(earlier.policy.selector, later.policy.selector)) continue;
        const differ = SETTINGS.filter((s) => {
          const a = s.value(earlier);
          const b = s.value(later);
          return a !== undefined && b !== undefined && a !== b;
        });
        if (!differ.length) continue;
        const what = differ.map((s) => `${s.field} ${JSON.stringify(s.value(later))} here, ${JSON.stringify(s.value(earlier))} there`).join('; ');
        findings.add(
          'TOPOLOGY_INTERFACE_CONFLICT',
          later.policy.ref,
          settingPath(later, differ[0]),
          `interface ${JSON.stringify(later.name)} is defined here (${later.path}) and in ${who(earlier.policy.ref)} (${earlier.path}), both on nodes ${formatSelector(later.policy.selector)} / ${formatSelector(earlier.policy.selector)}, with different settings: ${what}; each policy is applied alone and the one applied last wins`,
          `define ${JSON.stringify(later.name)} in one policy only (the other may refer to it as a base or port), or give both the same ${differ.map((s) => s.field).join(', ')}`,
        );
        break;
      }
    }
  }
}
