/**
 * `npm run upstream-counts`: prints, per upstream test suite, how many rejections its tests assert,
 * how many multihome reports (a fixture derived from the test) and how many are excluded (with the
 * reason, in test/upstream/<suite>.inventory.ts).
 */
import { suiteCounts } from '../test/upstream/inventory';
import { loadSuites } from '../test/upstream/load';

const rows = loadSuites().map((s) => ({ ...suiteCounts(s), at: `${s.repository}@${s.commit.slice(0, 12)}` }));
const total = rows.reduce((t, r) => ({ asserted: t.asserted + r.asserted, covered: t.covered + r.covered, excluded: t.excluded + r.excluded, accepted: t.accepted + r.accepted }), { asserted: 0, covered: 0, excluded: 0, accepted: 0 });
const line = (c: string[]) => `| ${c.join(' | ')} |`;
console.log(line(['suite', 'read at', 'asserted', 'covered', 'excluded', 'accepted inputs']));
console.log(line(['---', '---', '---:', '---:', '---:', '---:']));
for (const r of rows) console.log(line([r.suite, r.at, String(r.asserted), String(r.covered), String(r.excluded), String(r.accepted)]));
console.log(line(['total', '', String(total.asserted), String(total.covered), String(total.excluded), String(total.accepted)]));
