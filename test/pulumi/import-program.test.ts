/**
 * The Pulumi program `multihome import --format pulumi` writes, run under mocks: its components
 * register the Kubernetes objects the imported YAML had — every object of multihome's own prod
 * and estate output, with the manifest cdk8s writes for it (readiness annotations aside).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { installMocks, registered, settle } from './mocks';
import { unsecret, withoutReadiness } from './support/registered-manifests';

installMocks('import');

import { emitImportModule } from '../../lib/core/import/emit';
import { importObjects } from '../../lib/core/import/import';
import { readImportObjects } from '../../lib/core/import/objects';

const ROOT = path.join(__dirname, '..', '..');
const dir = fs.mkdtempSync(path.join(ROOT, '.import-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const key = (m: any) => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`;

describe('the imported Pulumi program', () => {
  it.each(['prod', 'estate'])('registers every object of the %s output, as cdk8s writes it', async (env) => {
    const file = path.join(ROOT, 'test', 'fixtures', 'golden', `${env}.k8s.yaml`);
    const input = readImportObjects([file]);
    const result = importObjects(env, input.objects);
    const program = path.join(dir, `${env}.ts`);
    fs.writeFileSync(program, emitImportModule(result, { format: 'pulumi', packageName: path.join(ROOT, 'lib'), sources: [file] }));
    const before = registered.length;
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const mod = require(program) as { policyNames: unknown };
    expect(mod.policyNames).toBeDefined();
    await new Promise((r) => setTimeout(r, 50));
    await settle();
    const kube = registered.slice(before).filter((r) => r.type.startsWith('kubernetes:')).map((r) => withoutReadiness(unsecret(r.inputs)));
    const expected = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => withoutReadiness(d.toJSON()));
    expect(kube.map(key).sort()).toEqual(expected.map(key).sort());
    for (const m of expected) expect(JSON.parse(JSON.stringify(kube.find((r) => key(r) === key(m))))).toEqual(JSON.parse(JSON.stringify(m)));
  });
});
