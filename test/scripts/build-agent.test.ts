/**
 * The agent image's inputs (review S10): the bundle is deterministic and targets the Node.js the
 * Dockerfile runs, and the Dockerfile pins its base by a required digest.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AGENT_NODE_FLAGS } from '../../lib/core/topology/agent-runtime';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildAgent, buildClusterReader, NODE_TARGET } = require('../../scripts/build-agent.js') as {
  buildAgent: (o: object) => Promise<string>;
  buildClusterReader: (o: object) => Promise<string>;
  NODE_TARGET: string;
};
const DOCKERFILE = fs.readFileSync(path.join(__dirname, '..', '..', 'Dockerfile'), 'utf8');

describe('the agent bundle', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agent-bundle-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('GIVEN two builds into different paths THEN the bytes are identical', async () => {
    const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
    const a = await buildAgent({ outfile: path.join(dir, 'a', 'multihome-agent.js') });
    const b = await buildAgent({ outfile: path.join(dir, 'b', 'multihome-agent.js') });
    expect(sha(a)).toBe(sha(b));
    expect(fs.readFileSync(a, 'utf8')).not.toContain(dir);
  }, 120000);

  test('GIVEN two builds of the cluster reader bundle into different paths THEN the bytes are identical, and it is a CommonJS module exporting readLiveCluster and LiveClusterError', async () => {
    const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
    const a = await buildClusterReader({ outfile: path.join(dir, 'a', 'multihome-cluster-reader.js') });
    const b = await buildClusterReader({ outfile: path.join(dir, 'b', 'multihome-cluster-reader.js') });
    expect(sha(a)).toBe(sha(b));
    const text = fs.readFileSync(a, 'utf8');
    expect(text).not.toContain(dir);
    expect(text.startsWith('#!')).toBe(false);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const reader = require(a) as Record<string, unknown>;
    expect(typeof reader.readLiveCluster).toBe('function');
    expect(typeof reader.LiveClusterError).toBe('function');
  }, 120000);

  test('targets the Node.js major the Dockerfile runs (24, the active LTS)', () => {
    const major = /^ARG NODE_VERSION=(\d+)$/m.exec(DOCKERFILE)?.[1];
    expect(major).toBe('24');
    expect(NODE_TARGET).toBe(`node${major}`);
  });
});

describe('the Dockerfile', () => {
  test('pins the base image by a digest build argument without default (an unpinned build fails)', () => {
    expect(DOCKERFILE).toMatch(/^ARG NODE_DIGEST$/m);
    expect(DOCKERFILE).toMatch(/^FROM node:\$\{NODE_VERSION\}-bookworm-slim@\$\{NODE_DIGEST\}$/m);
    expect(DOCKERFILE).toContain('docker buildx imagetools inspect');
  });

  test('starts the agent with its V8 flags (a fixed young generation, lib/core/topology/agent-runtime.ts)', () => {
    expect(DOCKERFILE).toContain(`exec node --min-semi-space-size=16 --max-semi-space-size=16 /usr/local/lib/multihome/multihome-agent.js "$@"`);
    expect(AGENT_NODE_FLAGS).toEqual(['--min-semi-space-size=16', '--max-semi-space-size=16']);
  });

  test('installs without recommended packages, from a dated snapshot when given, with SOURCE_DATE_EPOCH', () => {
    expect(DOCKERFILE).toContain('apt-get install -y --no-install-recommends iproute2 iputils-ping');
    expect(DOCKERFILE).toMatch(/^ARG DEBIAN_SNAPSHOT_URL=$/m);
    expect(DOCKERFILE).toMatch(/^ARG SOURCE_DATE_EPOCH$/m);
  });
});
