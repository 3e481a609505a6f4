/** The tuning meta plugin (plugins/meta/tuning/tuning.go; CNAO's cnv-tuning is the same binary). */
import { Rec } from '../../../field-reader';
import { checkMtu } from '../common-fields';
import { NadContext } from '../context';

/** A tuning config: mtu (its other keys are type-checked with the keys). */
export function checkTuning(ctx: NadContext, p: Rec, path: string): void {
  checkMtu(ctx, p, path);
}
