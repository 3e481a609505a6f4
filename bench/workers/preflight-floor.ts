/**
 * The pre-flight floor: read the NodeNetworkState files and the Node list the way pre-flight
 * reads them — lib/core/source/object-reader.ts `readObjects` (regular files, size cap, UTF-8,
 * bounded YAML parse, List items) — and nothing else.
 */
import { readObjects } from '../../lib/core/source/object-reader';
import { input, main, now, report } from './common';

main(() => {
  const { stateDir } = input<{ stateDir: string }>();
  let objects = 0;
  let problems = 0;
  const t0 = now();
  const read = readObjects([stateDir], { source: () => problems++, shape: () => problems++, object: () => objects++ });
  const t1 = now();
  report({ ms: t1 - t0, objects, problems: problems + read.unreadable.length, files: read.files });
});
