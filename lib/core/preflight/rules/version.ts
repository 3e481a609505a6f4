/**
 * PREFLIGHT_NMSTATE_TOO_OLD: features the node's handler (NNS `handlerNmstateVersion`) is older
 * than, each with the nmstate release that added it (nmstate/nmstate CHANGELOG).
 */
import { joinPath } from '../../path';
import { FindingSink } from '../finding';
import { compareVersions } from '../node-facts';
import { PolicyOnNode } from '../policy-on-node';
import { at } from './interfaces';

/** One feature with the first nmstate release that has it. */
interface Feature {
  readonly since: readonly [number, number, number];
  readonly what: string;
}

/** Interface types newer than nmstate 2.2.0, by the release that added them (CHANGELOG). */
const TYPE_SINCE: Readonly<Record<string, Feature>> = {
  macsec: { since: [2, 2, 16], what: 'MACsec interfaces (CHANGELOG 2.2.16 "Support to MACsec interface")' },
  hsr: { since: [2, 2, 22], what: 'HSR/PRP interfaces (CHANGELOG 2.2.22)' },
  ipvlan: { since: [2, 2, 37], what: 'IPVLAN interfaces (CHANGELOG 2.2.37 "IPVLAN interface support")' },
  ipip: { since: [2, 2, 59], what: 'IPIP tunnels (CHANGELOG 2.2.59)' },
  sit: { since: [2, 2, 59], what: 'SIT tunnels (CHANGELOG 2.2.59)' },
};

const IDENTIFIER_SINCE: Readonly<Record<string, Feature>> = {
  'mac-address': { since: [2, 2, 10], what: 'identifier: mac-address (CHANGELOG 2.2.10 "Support matching interface with MAC address")' },
  'pci-address': { since: [2, 2, 47], what: 'identifier: pci-address (CHANGELOG 2.2.47; nmstate.io/features/pci_identifier.html)' },
};

const DISPATCH: Feature = { since: [2, 2, 17], what: 'dispatch scripts (CHANGELOG 2.2.17 "Support invoking dispatch script")' };
const ROUTE_IGNORE: Feature = { since: [2, 2, 50], what: 'route state: ignore (CHANGELOG 2.2.50)' };

/** Reports each feature the policy uses that the node's handler predates. */
export function checkNmstateVersion(p: PolicyOnNode, sink: FindingSink): void {
  const version = p.state.nmstateVersion;
  if (!version) return;
  const report = (path: string, f: Feature) => {
    if (compareVersions(version, f.since) >= 0) return;
    sink.add('PREFLIGHT_NMSTATE_TOO_OLD', at(p), path, `${f.what} needs nmstate ${f.since.join('.')}; node ${p.node.name}'s handler runs ${p.state.nmstateVersionText ?? version.join('.')}`, `upgrade kubernetes-nmstate on that node, or write the policy without ${f.what.split(' (')[0]}`);
  };
  for (const d of p.desired.interfaces) {
    if (d.type && TYPE_SINCE[d.type]) report(joinPath(d.path, 'type'), TYPE_SINCE[d.type]);
    if (d.identifier && IDENTIFIER_SINCE[d.identifier]) report(joinPath(d.path, 'identifier'), IDENTIFIER_SINCE[d.identifier]);
    if (d.raw.dispatch !== undefined) report(joinPath(d.path, 'dispatch'), DISPATCH);
  }
  for (const r of p.desired.routes) if (r.state === 'ignore') report(joinPath(r.path, 'state'), ROUTE_IGNORE);
}
