import { corpusDir } from '../../support/shared';
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { parseNetworkSection, renderNetworkSection, validateVirtualMachine, withNetworkSection } from '../../../lib/core/kubevirt';
import { inFreshProcess } from '../../support/child';

/** Upstream examples, read in place (never copied into the repository). */
const CORPUS = corpusDir();

/**
 * Corpus files whose values are placeholders, not valid configuration. They must still parse and
 * render back unchanged, but are exempt from "validates without errors".
 */
const PLACEHOLDER_EXCEPTIONS: readonly string[] = [
  // KubeVirt's API round-trip fixture: every field set to `<name>Value` / negative numbers
  // (macAddress: macAddressValue, acpiIndex: -9, all bindings and all network sources at once).
  'kubevirt/kubevirt-kubevirt@d923fdb8/staging/src/kubevirt.io/api/apitesting/testdata/HEAD/kubevirt.io.v1.VirtualMachine.yaml',
];

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

interface VmDoc {
  readonly file: string;
  readonly index: number;
  readonly obj: Record<string, unknown>;
}

const docs: VmDoc[] = yamlFiles(CORPUS).flatMap((file) =>
  YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map((d, index) => ({ file: path.relative(CORPUS, file), index, obj: d.errors.length ? undefined : d.toJS() }))
    .filter((d): d is VmDoc => {
      const o = d.obj as Record<string, unknown> | undefined;
      return !!o && typeof o.apiVersion === 'string' && o.apiVersion.startsWith('kubevirt.io/') && (o.kind === 'VirtualMachine' || o.kind === 'VirtualMachineInstance');
    }),
);

/** A deep copy with every object's keys in reverse order (arrays keep their order). */
function reverseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)]));
  return v;
}

describe('conformance: KubeVirt VMs and VMIs of shared/corpus', () => {
  it('finds the corpus VMs and VMIs', () => {
    // 4 kubevirt examples (vmi-*.yaml), the API all-fields fixture, kubemacpool simple-vm.yaml.
    expect(docs.length).toBeGreaterThanOrEqual(6);
    expect(docs.map((d) => d.file)).toEqual(expect.arrayContaining([...PLACEHOLDER_EXCEPTIONS]));
  });

  it('renders every corpus network section to the same text in a fresh node process', () => {
    const render = (obj: Record<string, unknown>) => YAML.stringify(renderNetworkSection(parseNetworkSection(obj)));
    const child = inFreshProcess<string[]>(`
      const YAML = require('yaml');
      const { parseNetworkSection, renderNetworkSection } = require('./lib/core/kubevirt');
      const objs = JSON.parse(require('fs').readFileSync(0, 'utf8'));
      out(objs.map((o) => YAML.stringify(renderNetworkSection(parseNetworkSection(o)))));
    `, JSON.stringify(docs.map((d) => d.obj)));
    expect(child).toHaveLength(docs.length);
    expect(child).toEqual(docs.map((d) => render(d.obj)));
  });

  describe.each(docs.map((d) => [`${d.file}#${d.index}`, d] as const))('%s', (_, d) => {
    it('parses and renders back deep-equal', () => {
      const section = parseNetworkSection(d.obj);
      expect(withNetworkSection(d.obj, section)).toEqual(d.obj);
    });

    it('renders in canonical key order: the same text whatever the key order of the input', () => {
      const a = YAML.stringify(renderNetworkSection(parseNetworkSection(d.obj)));
      const b = YAML.stringify(renderNetworkSection(parseNetworkSection(reverseKeys(d.obj))));
      expect(a).toBe(b);
    });

    if (PLACEHOLDER_EXCEPTIONS.includes(d.file)) {
      it('is a placeholder fixture: validation reports errors (documented exception)', () => {
        expect(validateVirtualMachine(d.obj).filter((p) => p.severity === 'error').length).toBeGreaterThan(0);
      });
    } else {
      it('validates with zero errors', () => {
        expect(validateVirtualMachine(d.obj).filter((p) => p.severity === 'error')).toEqual([]);
      });
    }
  });
});
