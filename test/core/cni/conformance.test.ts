import { parseNad, parseNadConfig, renderNad, renderNadConfig, validateNad, PluginProfile, hasErrorsFor } from './conformance-helpers';
import { corpusCniConfigs, corpusNads } from './corpus';

/*
 * Conformance against shared/corpus (read in place): every upstream NAD parses and renders back
 * to the same object (spec.config compared as JSON), and validates with zero errors under every
 * profile that ships its plugins. See corpus.ts for the two documented exceptions (Jinja
 * placeholders; under-indented quoted scalars that only go-yaml accepts).
 */

const nads = corpusNads();
const configs = corpusCniConfigs();

describe('corpus NADs', () => {
  it('finds the upstream NADs (multus-cni, nad-client, whereabouts)', () => {
    expect(nads.length).toBeGreaterThanOrEqual(8);
  });

  for (const n of nads) {
    const label = `${n.file}#${n.index} (${String((n.raw.metadata as { name?: unknown })?.name)})${n.exceptions.length ? ` [${n.exceptions.join(', ')}]` : ''}`;

    it(`${label}: parse → render keeps every field and the config JSON`, () => {
      const r = parseNad(n.raw);
      if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('\n'));
      const out = renderNad(r.nad) as Record<string, unknown>;
      const { spec: outSpec, ...outRest } = out;
      const { spec: inSpec, ...inRest } = n.raw;
      expect(outRest).toEqual(inRest);
      const o = outSpec as Record<string, unknown>;
      const i = inSpec as Record<string, unknown>;
      expect(Object.keys(o).sort()).toEqual(Object.keys(i).sort());
      expect(JSON.parse(o.config as string)).toEqual(JSON.parse(i.config as string));
      // rendering is deterministic: a second round gives the same bytes
      const again = parseNad(out);
      expect(again.ok && (renderNad(again.nad).spec as Record<string, unknown>).config).toBe(o.config);
    });

    it(`${label}: validates with zero errors under UPSTREAM`, () => {
      const problems = validateNad(n.resolved, { profile: PluginProfile.UPSTREAM });
      expect(problems.filter((p) => p.severity === 'error').map((p) => `${p.code} @ ${p.path}: ${p.message}`)).toEqual([]);
    });

    it(`${label}: validates with zero errors under every profile`, () => {
      for (const profile of PluginProfile.all()) {
        expect(hasErrorsFor(n.resolved, profile)).toEqual([]);
      }
    });
  }
});

describe('corpus CNI config files (containernetworking/plugins testdata)', () => {
  it('finds them', () => expect(configs.length).toBeGreaterThanOrEqual(2));

  for (const c of configs) {
    it(`${c.file}: parseNadConfig → renderNadConfig is JSON-identical`, () => {
      const r = parseNadConfig(c.text);
      if (!r.ok) throw new Error(`does not parse: ${JSON.stringify(r)}`);
      expect(JSON.parse(renderNadConfig(r.config))).toEqual(JSON.parse(c.text));
    });

    it(`${c.file}: wrapped in a NAD named like the network, validates with zero errors`, () => {
      const cfg = JSON.parse(c.text) as { name: string };
      const nad = { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: cfg.name }, spec: { config: c.text } };
      for (const profile of PluginProfile.all()) expect(hasErrorsFor(nad, profile)).toEqual([]);
    });
  }
});
