import { corpusDir } from '../../support/shared';
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';

/** shared/corpus, read in place (never copied into the repository). */
export const CORPUS = corpusDir();

/** Every file under `dir`, sorted. */
export function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = path.join(dir, f);
      return fs.statSync(p).isDirectory() ? walk(p) : [p];
    });
}

/**
 * EXCEPTION 1 — Jinja templates. multus-cni's e2e/templates/*.yml.j2 contain `{{ CNI_VERSION }}`
 * inside the JSON string. The placeholder sits inside a JSON string, so the round trip runs on the
 * raw text; for validation it is substituted with the value multus' e2e harness uses for current
 * plugins ("1.0.0", supported by every profile).
 */
export function substitutePlaceholders(text: string): string {
  return text.replace(/\{\{\s*CNI_VERSION\s*\}\}/g, '1.0.0');
}

/**
 * EXCEPTION 2 — under-indented quoted scalars. Three upstream files (multus-cni
 * e2e/static-pod-nad.yml, e2e/kubeburner/templates/density-macvlan-nad.yml, examples/sriov-pod.yml)
 * write `config: '{ ... }'` with continuation lines indented less than YAML 1.2 requires. kubectl
 * (go-yaml) accepts them; the `yaml` and js-yaml packages reject them ("deficient indentation").
 * For documents that fail strict parsing, this re-reads such a scalar the way go-yaml folds it
 * (lines trimmed and joined with one space, `''` unescaped) and re-quotes it, leaving every other
 * line untouched.
 */
export function foldUnderIndentedScalars(docText: string): string {
  const lines = docText.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*[A-Za-z_][\w.-]*:\s*)'(.*)$/.exec(lines[i]);
    if (!m || closesQuote(m[2])) {
      out.push(lines[i]);
      continue;
    }
    const parts = [m[2].trim()];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const t = lines[j].trim();
      if (closesQuote(t)) {
        parts.push(t.slice(0, t.lastIndexOf("'")));
        break;
      }
      parts.push(t);
    }
    const folded = parts
      .filter((p) => p !== '')
      .join(' ')
      .replace(/''/g, "'");
    out.push(`${m[1]}${JSON.stringify(folded)}`);
    i = j;
  }
  return out.join('\n');
}

function closesQuote(s: string): boolean {
  const stripped = s.replace(/''/g, '');
  return /'\s*(#.*)?$/.test(stripped);
}

/** One NetworkAttachmentDefinition of the corpus. */
export interface CorpusNad {
  readonly file: string;
  readonly index: number;
  /** The manifest as written (placeholders kept). */
  readonly raw: Record<string, unknown>;
  /** The manifest with placeholders substituted (what validation sees). */
  readonly resolved: Record<string, unknown>;
  /** Which exceptions applied. */
  readonly exceptions: string[];
}

function parseDoc(text: string): { value: unknown; folded: boolean } {
  const strict = YAML.parseDocument(text);
  if (strict.errors.length === 0) return { value: strict.toJSON(), folded: false };
  const lenient = YAML.parseDocument(foldUnderIndentedScalars(text));
  if (lenient.errors.length > 0) throw new Error(`corpus document does not parse even with folding: ${lenient.errors[0].message}`);
  return { value: lenient.toJSON(), folded: true };
}

/** Every NAD document under shared/corpus (non-NAD documents of multi-doc files are skipped). */
export function corpusNads(): CorpusNad[] {
  const out: CorpusNad[] = [];
  for (const file of walk(CORPUS).filter((f) => /\.(ya?ml|j2)$/.test(f))) {
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes('NetworkAttachmentDefinition')) continue;
    // split on document markers first so a broken document does not hide the others
    const docs = text.split(/^---[^\n]*$/m);
    docs.forEach((docText, index) => {
      if (!/^kind:\s*NetworkAttachmentDefinition\s*$/m.test(docText)) return;
      const raw = parseDoc(docText);
      const resolved = parseDoc(substitutePlaceholders(docText));
      const exceptions = [...(raw.folded ? ['folded'] : []), ...(docText !== substitutePlaceholders(docText) ? ['jinja'] : [])];
      out.push({ file: path.relative(CORPUS, file), index, raw: raw.value as Record<string, unknown>, resolved: resolved.value as Record<string, unknown>, exceptions });
    });
  }
  return out;
}

/** Every raw CNI config file (.conf/.json/.conflist) under shared/corpus/cni. */
export function corpusCniConfigs(): Array<{ file: string; text: string }> {
  return walk(path.join(CORPUS, 'cni'))
    .filter((f) => /\.(conf|json|conflist)$/.test(f))
    .map((f) => ({ file: path.relative(CORPUS, f), text: fs.readFileSync(f, 'utf8') }));
}
