/**
 * Pulumi mocks for the bench workers (as test/pulumi/mocks.ts): every registration is answered at
 * once; `kubernetes:` registrations are counted (and recorded when asked) so a worker knows when
 * the last manifest reached the engine side.
 */
import * as pulumi from '@pulumi/pulumi';

/** One Kubernetes resource as the mocks saw it. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly inputs: unknown;
}

/** Installs the mocks; `until(n)` resolves once n Kubernetes resources were registered. */
export async function installBenchMocks(record: boolean): Promise<{ until(n: number): Promise<void>; recorded: Registration[]; count(): number }> {
  const recorded: Registration[] = [];
  let seen = 0;
  let want = Infinity;
  let resolve: () => void = () => undefined;
  const done = new Promise<void>((r) => (resolve = r));
  await pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        if (args.type.startsWith('kubernetes:')) {
          seen++;
          if (record) recorded.push({ type: args.type, name: args.name, inputs: args.inputs });
          if (seen >= want) resolve();
        }
        return { id: `${args.name}_id`, state: args.inputs };
      },
      call(args: pulumi.runtime.MockCallArgs) {
        return args.inputs;
      },
    },
    'multihome',
    'bench',
    false,
  );
  return {
    recorded,
    count: () => seen,
    until(n: number) {
      want = n;
      if (seen >= want) resolve();
      return done;
    },
  };
}
