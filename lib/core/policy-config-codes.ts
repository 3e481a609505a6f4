import { CodeTable } from './errors';

/**
 * Problems in the configuration of multihome's Pulumi policy pack (lib/policy): the per-code
 * enforcement levels name codes multihome does not have. Declared in core (no Pulumi import) so
 * the one registry of codes (codes.ts) lists them.
 */
export const POLICY_CONFIG_CODES: CodeTable = {
  POLICY_CONFIG_UNKNOWN_CODE: {
    severity: 'error',
    summary: 'The policy pack configuration sets an enforcement level for a problem code multihome does not report; the level would silently apply to nothing.',
    upstream: 'multihome',
  },
};
