/**
 * Kubernetes object-metadata rules, case by case against apimachinery's validators (the cases of
 * `pkg/util/validation/validation_test.go` and `pkg/api/validate/content/kube_test.go` that matter
 * here), and `validateObjectMeta` on whole objects.
 */
import {
  dns1035LabelError,
  dns1123LabelError,
  dns1123SubdomainError,
  labelValueError,
  METADATA_CODES,
  nameRuleOf,
  pathSegmentNameError,
  qualifiedNameError,
  validateObjectMeta,
} from '../../../lib/core/kubernetes';
import { ProblemSink } from '../../../lib/core/problems';

const ok = (f: (s: string) => string | undefined, xs: string[]) => expect(xs.filter((x) => f(x) !== undefined)).toEqual([]);
const bad = (f: (s: string) => string | undefined, xs: string[]) => expect(xs.filter((x) => f(x) === undefined)).toEqual([]);

describe('name rules', () => {
  it('DNS-1123 label: lower-case alphanumerics and -, alphanumeric ends, at most 63', () => {
    ok(dns1123LabelError, ['a', '0', 'a-b', '1-1', 'a'.repeat(63)]);
    bad(dns1123LabelError, ['', 'A', 'a.b', '-a', 'a-', 'a_b', 'a'.repeat(64), 'caf\u00e9', 'x\u001b']);
  });
  it('DNS-1123 subdomain: labels joined by dots, at most 253', () => {
    ok(dns1123SubdomainError, ['a.b', 'kubevirt.io', 'a'.repeat(253)]);
    bad(dns1123SubdomainError, ['', 'a..b', '.a', 'a.', 'Bad_Name', 'a'.repeat(254)]);
  });
  it('DNS-1035 label starts with a letter', () => {
    ok(dns1035LabelError, ['a1', 'svc-x']);
    bad(dns1035LabelError, ['1a', 'a.b', 'A']);
  });
  it('qualified name: [DNS-subdomain prefix/]name of at most 63 [A-Za-z0-9_.-], alphanumeric ends', () => {
    ok(qualifiedNameError, ['a', 'A', 'a_b.c-D', 'example.com/MyName', 'kubevirt.io/vm', `p/${'a'.repeat(63)}`, `${'a'.repeat(253)}/x`]);
    bad(qualifiedNameError, ['', '/a', 'a/', 'x/y/z', 'bad key!', 'Not-A-Label/x', '_a', 'a_', `${'a'.repeat(64)}`, `${'a'.repeat(254)}/x`]);
  });
  it('label value: empty or a qualified name part', () => {
    ok(labelValueError, ['', 'a', 'A_b.c-1', 'v'.repeat(63)]);
    bad(labelValueError, ['-a', 'a b', 'v'.repeat(64), 'a/b']);
  });
  it('path segment: not . or .., no / or %', () => {
    ok(pathSegmentNameError, ['system:controller:x', 'Anything Goes']);
    bad(pathSegmentNameError, ['.', '..', 'a/b', '50%']);
  });
  it('picks the rule by kind: Namespace label, Service DNS-1035, RBAC path segment, others subdomain', () => {
    expect(nameRuleOf('v1', 'Namespace').describe).toBe('a DNS-1123 label');
    expect(nameRuleOf('v1', 'Service').describe).toBe('a DNS-1035 label');
    expect(nameRuleOf('rbac.authorization.k8s.io/v1', 'ClusterRole').describe).toBe('a path segment');
    expect(nameRuleOf('kubevirt.io/v1', 'VirtualMachine').describe).toBe('a DNS-1123 subdomain');
    expect(nameRuleOf('example.com/v1', 'Namespace').describe).toBe('a DNS-1123 subdomain');
  });
});

describe('validateObjectMeta', () => {
  const run = (obj: Record<string, unknown>, options = {}) => {
    const sink = new ProblemSink({ kind: String(obj.kind) }, METADATA_CODES);
    validateObjectMeta(obj, sink, options);
    return sink.problems.map((p) => [p.code, p.path]);
  };

  it('accepts an RBAC name with a colon and a generateName ending in -', () => {
    expect(run({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:multihome' } })).toEqual([]);
    expect(run({ apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'web-' } })).toEqual([]);
  });

  it('requires a name unless told not to, and reports non-string values', () => {
    expect(run({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} })).toEqual([['METADATA_NAME_MISSING', 'metadata.name']]);
    expect(run({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }, { requireName: false })).toEqual([]);
    expect(run({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 7, labels: { app: true } } })).toEqual([
      ['METADATA_INVALID', 'metadata.name'],
      ['METADATA_LABEL_INVALID', 'metadata.labels.app'],
    ]);
  });

  it('prefixes paths with the base (List items) and sums annotation sizes', () => {
    const big = { a: 'x'.repeat(200 * 1024), b: 'y'.repeat(60 * 1024) };
    expect(run({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: big } }, { base: 'items[2]' })).toEqual([['METADATA_ANNOTATIONS_TOO_LARGE', 'items[2].metadata.annotations']]);
  });

  it('annotation keys are checked lower-cased, as ValidateAnnotations does', () => {
    expect(run({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { 'Example.COM/Note': 'x' } } })).toEqual([]);
    expect(run({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { 'Example.COM/Note': 'x' } } })).toEqual([['METADATA_LABEL_INVALID', 'metadata.labels["Example.COM/Note"]']]);
  });

  it('keeps messages bounded for a megabyte name', () => {
    const sink = new ProblemSink({ kind: 'ConfigMap' }, METADATA_CODES);
    validateObjectMeta({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '-'.repeat(1 << 20) } }, sink);
    expect(sink.problems).toHaveLength(1);
    expect(sink.problems[0].message.length + sink.problems[0].fix.length).toBeLessThan(600);
  });
});
