#!/usr/bin/env node
/**
 * Wraps the VirtualMachine / VirtualMachineInstance definitions of KubeVirt's OpenAPI document
 * (swagger.json, Apache-2.0) into a CustomResourceDefinition that `cdk8s import` accepts.
 * KubeVirt publishes no CRD YAML: virt-operator generates it at runtime
 * (see shared/corpus/SOURCES.md). `$ref`s are inlined (CRD schemas cannot hold refs); a type that
 * refers to itself becomes `x-kubernetes-preserve-unknown-fields`.
 *
 * Usage: node scripts/kubevirt-crd.js <swagger.json> <out.yaml>
 */
const fs = require('fs');
const YAML = require('yaml');

const [swaggerPath, outPath] = process.argv.slice(2);
if (!swaggerPath || !outPath) {
  console.error('usage: kubevirt-crd.js <swagger.json> <out.yaml>');
  process.exit(2);
}
const defs = JSON.parse(fs.readFileSync(swaggerPath, 'utf8')).definitions;

function inline(schema, stack) {
  if (Array.isArray(schema)) return schema.map((s) => inline(s, stack));
  if (schema === null || typeof schema !== 'object') return schema;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/definitions/', '');
    const rest = { ...schema };
    delete rest.$ref;
    delete rest.default;
    if (stack.includes(name)) return { ...rest, type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    return { ...inline(defs[name], [...stack, name]), ...(rest.description ? { description: rest.description } : {}) };
  }
  const out = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'default') continue; // structural schemas forbid most defaults; not needed for codegen
    if (k === 'format' && v === 'int-or-string') {
      out['x-kubernetes-int-or-string'] = true;
      continue;
    }
    if (k === 'format' && typeof v !== 'string') continue;
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, inline(pv, stack)])) : inline(v, stack);
  }
  if (out.type === undefined && out.properties) out.type = 'object';
  return out;
}

function schemaFor(def) {
  const s = inline(defs[def], [def]);
  // ObjectMeta is supplied by the API server and by cdk8s (ApiObjectMetadata).
  s.properties.metadata = { type: 'object' };
  delete s.properties.status;
  return s;
}

const crd = (kind, plural, def) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `${plural}.kubevirt.io` },
  spec: {
    group: 'kubevirt.io',
    names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
    scope: 'Namespaced',
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schemaFor(def) } }],
  },
});

const docs = [
  crd('VirtualMachine', 'virtualmachines', 'v1.VirtualMachine'),
  crd('VirtualMachineInstance', 'virtualmachineinstances', 'v1.VirtualMachineInstance'),
];
fs.writeFileSync(outPath, docs.map((d) => YAML.stringify(d)).join('---\n'));
