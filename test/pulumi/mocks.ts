import * as pulumi from '@pulumi/pulumi';

/** One resource registered under mocks. */
export interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: any;
  readonly urn: string;
}

/** Everything the mocks saw, plus the dependsOn edges recorded at registration. */
export const registered: Registered[] = [];

/**
 * Installs Pulumi mocks that record every resource. Call before constructing components. With
 * `preview`, the run is a `pulumi preview` (dry run), and `state` gives what the engine knows of
 * a resource's outputs (default: its inputs); an output it leaves out is unknown.
 */
export function installMocks(stack = 'lab', preview = false, state: (args: pulumi.runtime.MockResourceArgs) => Record<string, unknown> = (args) => args.inputs): void {
  pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs, urn: `urn:pulumi:${stack}::multihome::${args.type}::${args.name}` });
        return { id: `${args.name}_id`, state: state(args) };
      },
      call(args: pulumi.runtime.MockCallArgs) {
        return args.inputs;
      },
    },
    'multihome',
    stack,
    preview,
  );
}

/** Resolves an Output's value. */
export function valueOf<T>(o: pulumi.Output<T> | T): Promise<T> {
  return new Promise((resolve) => pulumi.output(o).apply((v) => resolve(v as T)));
}

/**
 * Waits until every pending registration has been delivered to the mocks: drains Pulumi's RPC
 * queue, which every `registerResource` joins (`rpcKeepAlive`) — what `pulumi.runtime.disconnect`
 * waits for — so a negative check after it cannot pass because registrations were still in
 * flight. (`waitForRPCs` is the runtime's internal drain; no public API exposes it.)
 */
export async function settle(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const settings = require('@pulumi/pulumi/runtime/settings') as { waitForRPCs: () => Promise<void> };
  await settings.waitForRPCs();
}
