import { MinedRejection, MinedSuite } from './inventory';

/*
 * containernetworking/cni v1.3.0 (a28faab9) libcni/conf_test.go: every assertion that a libcni
 * config loader (LoadConf, ConfFromFile, ConfFromBytes, LoadNetworkConf, NetworkConfFromBytes,
 * NetworkConfFromFile) or InjectConf returns an error. A NAD carries its config in spec.config,
 * which Multus hands to ConfFromBytes (no "plugins") or NetworkConfFromBytes ("plugins"); the
 * on-disk lookups of LoadConf/LoadNetworkConf are not reached. pkg/types tests were not read.
 */

const CONF = 'libcni/conf_test.go';
const R_DISK = 'looks the config up in a directory on disk (node files); a NAD carries its config inline in spec.config, which Multus parses with ConfFromBytes / NetworkConfFromBytes';
const R_INJECT = 'InjectConf called with bad arguments by the caller (libcni API misuse), not a network config';

const covered = (test: string, asserts: string, fixture: string, code: string): MinedRejection => ({ test, asserts, status: 'covered', fixture, code });
const excluded = (test: string, asserts: string, reason: string): MinedRejection => ({ test, asserts, status: 'excluded', reason });

/** containernetworking/cni v1.3.0 libcni: the config rejections its conf tests assert, against multihome's NAD validator. */
export const SUITE: MinedSuite = {
  suite: 'cni-libcni',
  repository: 'containernetworking/cni',
  commit: 'a28faab92684aed3af64d5085733c34550ce9877',
  paths: ['libcni/conf_test.go'],
  area: 'cni',
  rejections: [
    excluded(`${CONF} Loading configuration from disk LoadConf when the config directory does not exist returns a useful error`, 'NoConfigsFoundError', R_DISK),
    excluded(`${CONF} Loading configuration from disk LoadConf when there is no config for the desired plugin returns a useful error`, '"no net configuration with name …"', R_DISK),
    covered(`${CONF} Loading configuration from disk LoadConf when a config file is malformed returns a useful error`, 'the text "{": "error parsing configuration: unexpected end of JSON input"', 'libcni-config-truncated', 'NAD_CONFIG_JSON_SYNTAX'),
    excluded(`${CONF} Loading configuration from disk LoadConf when the config is in a nested subdir will not find the config`, '"no net configuration with name"', R_DISK),
    excluded(`${CONF} Loading configuration from disk ConfFromFile when the file cannot be opened returns a useful error`, '"error reading /tmp/nope/not-here"', R_DISK),
    covered(`${CONF} Loading configuration from disk ConfFromFile when the file is missing 'type' returns a useful error`, `"error parsing configuration: missing 'type'"`, 'libcni-missing-type', 'CNI_TYPE_MISSING'),
    covered(`${CONF} Loading configuration from disk NetworkPluginConfFromBytes when the config is missing 'type' returns a useful error`, `"error parsing configuration: missing 'type'"`, 'libcni-missing-type', 'CNI_TYPE_MISSING'),
    excluded(`${CONF} Loading configuration from disk LoadNetworkConf when the config directory does not exist returns a useful error`, 'NoConfigsFoundError', R_DISK),
    excluded(`${CONF} Loading configuration from disk LoadNetworkConf when there is no config for the desired network name returns a useful error`, 'NotFoundError', R_DISK),
    covered(`${CONF} Loading configuration from disk LoadNetworkConf when a config file is malformed returns a useful error`, 'the text "{": "error parsing configuration list: unexpected end of JSON input"', 'libcni-config-truncated', 'NAD_CONFIG_JSON_SYNTAX'),
    excluded(`${CONF} Loading configuration from disk LoadNetworkConf when the config is in a nested subdir will not find the config`, '"no net configuration with name"', R_DISK),
    covered(
      `${CONF} Loading configuration from disk LoadNetworkConf when disableCheck is a string not a boolean will return an error on an unrecognized value`,
      'disableCheck "adsfasdfasf": "invalid value … for disableCheck"',
      'libcni-disable-check-invalid',
      'CNI_CONFLIST_FLAG_INVALID',
    ),
    covered(
      `${CONF} Loading configuration from disk LoadNetworkConf for loadOnlyInlinedPlugins will return an error on an unrecognized value`,
      'loadOnlyInlinedPlugins "sphagnum": "invalid value … for loadOnlyInlinedPlugins"',
      'libcni-load-only-inlined-invalid',
      'CNI_CONFLIST_FLAG_INVALID',
    ),
    excluded(
      `${CONF} Loading configuration from disk LoadNetworkConf for loadOnlyInlinedPlugins will return an error if \`plugins\` is missing and \`loadOnlyInlinedPlugins\` is \`true\``,
      '"`loadOnlyInlinedPlugins` is true, and no \'plugins\' key"',
      'a NAD config without "plugins" is a single plugin config for Multus (ConfFromBytes), so the conflist loader never sees it; on disk it names plugin files to load',
    ),
    excluded(
      `${CONF} Loading configuration from disk LoadNetworkConf for loadOnlyInlinedPlugins will return error if \`loadOnlyInlinedPlugins\` is implicitly false + no conf plugin is defined, but no plugins subfolder with network name exists`,
      '"no plugin configs found"',
      R_DISK,
    ),
    excluded(`${CONF} Loading configuration from disk NetworkConfFromFile when the file cannot be opened returns a useful error`, '"error reading /tmp/nope/not-here"', R_DISK),
    excluded(`${CONF} Loading configuration from disk InjectConf when function parameters are incorrect returns unmarshal error`, '"unmarshal existing network bytes"', R_INJECT),
    excluded(`${CONF} Loading configuration from disk InjectConf when function parameters are incorrect returns key  error`, '"keys cannot be empty"', R_INJECT),
    excluded(`${CONF} Loading configuration from disk InjectConf when function parameters are incorrect returns newValue  error`, `"key 'test' value must not be nil"`, R_INJECT),
    covered(`${CONF} NetworkConfFromBytes Version selection fails when invalid versions are specified`, 'cniVersions ["1.1.0", "0.4.0", "1.0.f"]', 'libcni-cni-versions-invalid', 'CNI_VERSION_UNSUPPORTED'),
  ],
  accepted: [
    { test: `${CONF} Loading configuration from disk LoadNetworkConf when disableCheck is a string not a boolean will read a 'true' value and convert to boolean`, fixture: 'libcni-disable-check-string-true' },
    { test: `${CONF} NetworkConfFromBytes Version selection correctly selects the maximum version`, fixture: 'libcni-cni-versions-max' },
  ],
};
