/**
 * The tuning meta plugin (containernetworking/plugins plugins/meta/tuning/tuning.go, read at
 * v1.9.1 adc3e6b5; CNAO's cnv-tuning is the same binary).
 */
import * as posix from 'path/posix';
import { Rec } from '../../../field-reader';
import { joinPath } from '../../../path';
import { isRecord, show } from '../../../problems';
import { checkMtu } from '../common-fields';
import { NadContext } from '../context';
import { duplicateKeys, goKey, rawMembers } from '../raw-json';

/**
 * A tuning config: sysctl keys unique and under net.*, mtu (its other keys are type-checked with
 * the keys). `index` is the plugin's place in the conflist (for its raw JSON).
 */
export function checkTuning(ctx: NadContext, p: Rec, path: string, index: number): void {
  const key = goKey(p, 'sysctl');
  if (key !== undefined && isRecord(p[key])) {
    const sp = joinPath(path, key);
    // tuning.go validateSysctlConflictingKeys: sysctlKey.UnmarshalText "duplicated sysctl keys
    // are not allowed" — JSON.parse keeps only the last, so the raw text is read.
    for (const node of rawMembers(ctx.rawPlugin(path, index), 'sysctl')) {
      for (const dup of duplicateKeys(node)) {
        ctx.add('CNI_TUNING_SYSCTL_INVALID', joinPath(sp, dup), `sysctl ${show(dup)} is given more than once; tuning refuses the config ("duplicated sysctl keys are not allowed")`, 'keep one entry per sysctl');
      }
    }
    // tuning.go getSysctlFilename: "." → "/", joined under /proc/sys, must stay under /proc/sys/net/.
    for (const k of Object.keys(p[key] as Rec)) {
      const file = posix.join('/proc/sys', k.replace(/\./g, '/').replace('IFNAME', 'eth0'));
      if (!file.startsWith('/proc/sys/net/')) {
        ctx.add('CNI_TUNING_SYSCTL_INVALID', joinPath(sp, k), `sysctl ${show(k)} is not a network sysctl; tuning only writes under /proc/sys/net ("invalid net sysctl key")`, 'use a net.* sysctl (e.g. net.ipv4.conf.IFNAME.arp_filter), or set node sysctls elsewhere');
      }
    }
  }
  checkMtu(ctx, p, path);
}
