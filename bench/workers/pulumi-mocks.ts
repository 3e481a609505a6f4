/**
 * Pulumi mocks for the bench workers (as test/pulumi/mocks.ts): every registration is answered at
 * once; `kubernetes:` registrations are counted (and recorded when asked). A worker's measured
 * work ends at {@link BenchMocks.settled}: every manifest reached the engine side and the Pulumi
 * runtime's RPC queue drained (each registration's response processed, its URN and outputs
 * resolved) — where a `pulumi up` program's registrations end too. Both sides of the suite stop
 * there: stopping at the mock's last `newResource` call would leave a side's backlog of responses
 * out of its figure.
 */
import * as pulumi from '@pulumi/pulumi';

/** One Kubernetes resource as the mocks saw it. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly inputs: unknown;
}

/** The installed mocks. */
export interface BenchMocks {
  /** Resolves once n Kubernetes resources were registered and the runtime's RPC queue drained (then disconnects). */
  settled(n: number): Promise<void>;
  readonly recorded: Registration[];
  count(): number;
}

/** Installs the mocks. */
export async function installBenchMocks(record: boolean): Promise<BenchMocks> {
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
    async settled(n: number) {
      want = n;
      if (seen >= want) resolve();
      await done;
      await pulumi.runtime.disconnect();
    },
  };
}
