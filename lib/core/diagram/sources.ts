/**
 * The two inputs of `multihome diagram`, reduced to the one path (manifests + problems →
 * {@link buildDiagram}): a typed environment is rendered by the one renderer and validated as
 * synth validates it; YAML texts are parsed as `multihome check` parses them and validated per
 * resource and across resources.
 */
import { Problem } from '../errors';
import { Manifest } from '../manifest';
import { isRecord } from '../problems';
import { loadDocuments } from '../source/documents';
import { Topology } from '../topology/model';
import { buildEnvironment } from '../topology/build';
import { EnvironmentValidationOptions } from '../topology/validate-environment';
import { validateManifests, ManifestsValidationOptions } from '../topology/validate-manifests';
import { buildDiagram } from './build';
import { Diagram } from './model';

/**
 * The diagram of an environment: its rendered manifests with every problem synth would report
 * (intent rules, per resource, across resources; silenced warnings left out).
 */
export function diagramOfEnvironment(t: Topology, options: EnvironmentValidationOptions = {}): Diagram {
  const build = buildEnvironment(t, options);
  return buildDiagram({ title: t.name, manifests: build.manifests.map((m) => m.manifest), problems: build.problems });
}

/** One YAML text to draw, with the name it is reported under. */
export interface DiagramText {
  readonly file: string;
  readonly text: string;
}

/** Options of {@link diagramOfTexts}. */
export type DiagramTextOptions = ManifestsValidationOptions;

/**
 * The diagram of YAML texts read together: every object validated on its own
 * (`validateManifest`) and the whole set together (`validateManifestSet`); syntax problems of
 * unreadable documents land on the shared problems node.
 */
export function diagramOfTexts(title: string, texts: readonly DiagramText[], options: DiagramTextOptions = {}): Diagram {
  const manifests: Manifest[] = [];
  const problems: Problem[] = [];
  for (const { file, text } of texts) {
    const loaded = loadDocuments(file, text);
    problems.push(...loaded.problems.map((p) => ({ ...p, resource: { ...p.resource, name: `${file}:${p.line}` } })));
    for (const doc of loaded.documents) {
      if (doc.empty || !isRecord(doc.value) || typeof doc.value.kind !== 'string') continue;
      manifests.push(doc.value as Manifest);
    }
  }
  problems.push(...validateManifests(manifests, options).map((l) => l.problem));
  return buildDiagram({ title, manifests, problems });
}
