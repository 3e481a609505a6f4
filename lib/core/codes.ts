/**
 * Every problem code multihome can report, in one registry built from the code tables themselves
 * (each declared once, next to its rules), so a table's new codes appear here without being
 * listed again. Used to document codes and to check that every reported code is declared.
 */
import { CNI_CODES } from './cni/codes';
import { CodeTable } from './errors';
import { AGENT_CODES } from './host-intent/codes';
import { IMPORT_CODES } from './import/codes';
import { METADATA_CODES } from './kubernetes/codes';
import { KUBEVIRT_CODES } from './kubevirt/codes';
import { NMSTATE_CODES } from './nmstate/codes';
import { OVN_CUDN_CODES } from './ovn/codes';
import { POLICY_CONFIG_CODES } from './policy-config-codes';
import { PREFLIGHT_CODES } from './preflight/codes';
import { ENVIRONMENT_NAME_CODES } from './render/environment-names';
import { TARGET_ANNOTATION_CODES } from './render/targets';
import { TARGET_CODES } from './target/codes';
import { SOURCE_CODES } from './source/codes';
import { ENVIRONMENT_FILE_CODES } from './source/environment-file';
import { AGENT_DEPLOYMENT_CODES } from './topology/agent-deployment';
import { TOPOLOGY_CODES } from './topology/codes';

/** The code tables, by the name they are exported under. */
export const PROBLEM_CODE_TABLES: Readonly<Record<string, CodeTable>> = {
  SOURCE_CODES,
  ENVIRONMENT_FILE_CODES,
  ENVIRONMENT_NAME_CODES,
  TARGET_ANNOTATION_CODES,
  TARGET_CODES,
  METADATA_CODES,
  NMSTATE_CODES,
  CNI_CODES,
  OVN_CUDN_CODES,
  KUBEVIRT_CODES,
  TOPOLOGY_CODES,
  AGENT_DEPLOYMENT_CODES,
  AGENT_CODES,
  POLICY_CONFIG_CODES,
  PREFLIGHT_CODES,
  IMPORT_CODES,
};

/** Every declared problem code with its declaration (severity, summary, upstream). */
export const ALL_PROBLEM_CODES: CodeTable = Object.freeze(Object.assign({}, ...Object.values(PROBLEM_CODE_TABLES)) as CodeTable);

/** True when `code` is declared in one of the code tables. */
export function isDeclaredProblemCode(code: string): boolean {
  return Object.hasOwn(ALL_PROBLEM_CODES, code);
}
