/**
 * The one problem type of multihome. Every validator — per resource (nmstate, CNI, KubeVirt) and
 * across resources (topology) — returns `Problem[]`; callers collect all of them and fail once.
 *
 * Modelled on aws-cdk `core/lib/errors.ts` (stable codes) and nmstate `error.rs` (`ErrorKind`).
 */
import { escapeControl, printable } from './names';

/** How bad a problem is: errors stop synth/check, warnings are printed and can be silenced per code. */
export type Severity = 'error' | 'warning';

/** Which Kubernetes object a problem is about. */
export interface ResourceRef {
  /** e.g. `NodeNetworkConfigurationPolicy`, `NetworkAttachmentDefinition`, `VirtualMachine`. */
  readonly kind: string;
  /** `metadata.name`, when known. */
  readonly name?: string;
  /** `metadata.namespace`, when the kind is namespaced and it is known. */
  readonly namespace?: string;
  /** Construct path (cdk8s) or component URN-ish path (Pulumi), when the object was built in code. */
  readonly constructPath?: string;
}

/**
 * One finding. `path` is the field path inside the resource, e.g.
 * `spec.desiredState.interfaces[1].vlan.id` or `spec.template.spec.networks[0].multus.networkName`.
 */
export interface Problem {
  /** Stable code declared once in a `codes.ts`; tests assert on it, never on the message. */
  readonly code: string;
  readonly severity: Severity;
  readonly resource: ResourceRef;
  /** Field path inside the resource (see {@link formatPath}). */
  readonly path: string;
  /** What is wrong: the field, the value given and what is allowed. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/** Declaration of one problem code: declared once, looked up everywhere else. */
export interface CodeSpec {
  readonly severity: Severity;
  /** One-line summary of the rule. */
  readonly summary: string;
  /** Upstream source that enforces the rule (file path in its repository), or `multihome` for our own lints. */
  readonly upstream: string;
}

/** A table of code declarations, keyed by code. */
export type CodeTable = Readonly<Record<string, CodeSpec>>;

/** True when at least one problem is an error. */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Renders a resource reference as `Kind/namespace/name` (namespace omitted when absent). */
export function formatResource(r: ResourceRef): string {
  return [r.kind, r.namespace, r.name ?? '<unnamed>'].filter((s) => s !== undefined && s !== '').join('/');
}

/**
 * Renders one problem on one line: `[code] Kind/ns/name path: message (fix)`, control characters
 * of names and values escaped (the line goes to a terminal).
 */
export function formatProblem(p: Problem): string {
  const where = p.resource.constructPath ? `${p.resource.constructPath} ` : '';
  return printable(`${p.severity} [${p.code}] ${where}${formatResource(p.resource)} ${p.path}: ${p.message} (${p.fix})`);
}

/** What a line of `multihome check` says about one problem. */
export interface CheckLineFields {
  readonly kind: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly path: string;
  readonly message: string;
  readonly fix: string;
  readonly severity: Severity;
  readonly code: string;
}

/**
 * One problem as `multihome check` words it: `Kind/namespace/name path: message (fix) [severity CODE]`,
 * every control character escaped (names and values come from the input). The command puts
 * `file:line` in front; the policy pack reports it as a violation.
 */
export function formatCheckLine(r: CheckLineFields): string {
  const who = [r.kind, r.namespace, r.name].filter((s): s is string => s !== undefined && s !== '').map(escapeControl).join('/');
  const path = r.path === '' ? '' : ` ${escapeControl(r.path)}`;
  return `${who}${path}: ${escapeControl(r.message)} (${escapeControl(r.fix)}) [${r.severity} ${escapeControl(r.code)}]`;
}

/**
 * Thrown once, after validation, with every problem found. Never thrown for a single problem
 * while others are still unchecked.
 */
export class MultihomeError extends Error {
  /** Every problem found (errors and warnings). */
  public readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[], heading = 'multihome validation failed') {
    const errors = problems.filter((p) => p.severity === 'error');
    super(`${heading}: ${errors.length} error(s)\n` + problems.map((p) => '  ' + formatProblem(p)).join('\n'));
    this.name = 'MultihomeError';
    this.problems = problems;
  }
}

/** Throws a {@link MultihomeError} when any problem is an error; returns the warnings otherwise. */
export function throwIfErrors(problems: readonly Problem[], heading?: string): Problem[] {
  if (hasErrors(problems)) throw new MultihomeError(problems, heading);
  return problems.filter((p) => p.severity === 'warning');
}
