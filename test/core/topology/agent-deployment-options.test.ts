/**
 * The agent deployment's security options (review S6, S10, S13): where the HTTP server binds,
 * the opt-in /state endpoint and its token Secret, image references and digests, and the memory
 * limit against the exec buffer. Failure cases assert code, path and severity.
 */
import { lab } from '../../../apps/environments/lab';
import { prod } from '../../../apps/environments/prod';
import { Manifest } from '../../../lib/core/manifest';
import {
  AGENT_DEPLOYMENT_CODES, AGENT_EXEC_MAX_BUFFER_MEBIBYTES, AGENT_RESOURCES, AgentDeploymentOptions, renderAgentDeployment,
} from '../../../lib/core/topology/agent-deployment';
import { validateAgentDeployment } from '../../../lib/core/topology/agent-deployment-validate';
import { parseImageReference } from '../../../lib/core/topology/image-reference';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
const daemonSet = (o: AgentDeploymentOptions = {}) => renderAgentDeployment(lab, o).find((m) => m.kind === 'DaemonSet') as Manifest & { spec: any };
const pod = (o: AgentDeploymentOptions = {}) => daemonSet(o).spec.template.spec;
const container = (o: AgentDeploymentOptions = {}) => pod(o).containers[0];
const problems = (o: AgentDeploymentOptions, t = lab) => validateAgentDeployment(t, o).map((p) => ({ code: p.code, path: p.path, severity: p.severity }));

describe('S6: where the agent listens and what it serves', () => {
  test('GIVEN no listenAddress (the review\'s lab case) THEN the DaemonSet binds the node IP from the downward API, never 0.0.0.0', () => {
    const c = container();
    expect(c.args).toEqual(expect.arrayContaining(['--listen-address', '$(NODE_IP)']));
    expect(c.args).not.toContain('0.0.0.0');
    expect(c.env).toContainEqual({ name: 'NODE_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } });
  });

  test('GIVEN no state option THEN /state is not served and no token is mounted', () => {
    const c = container();
    expect(c.args).not.toContain('--serve-state');
    expect(c.args).not.toContain('--state-token-file');
    expect(pod().volumes.map((v: { name: string }) => v.name)).toEqual(['config']);
  });

  test('GIVEN state with a token Secret THEN --serve-state, the token file, and the Secret\'s key token mounted read-only', () => {
    const o: AgentDeploymentOptions = { state: { enabled: true, tokenSecret: 'agent-state-token' } };
    const c = container(o);
    const args: string[] = c.args;
    expect(args.slice(args.indexOf('--serve-state'))).toEqual(['--serve-state', '--state-token-file', '/var/run/multihome/state-token/token']);
    expect(c.volumeMounts).toContainEqual({ mountPath: '/var/run/multihome/state-token', name: 'state-token', readOnly: true });
    expect(pod(o).volumes).toContainEqual({ name: 'state-token', secret: { items: [{ key: 'token', path: 'token' }], secretName: 'agent-state-token' } });
    expect(problems(o)).toEqual([]);
  });

  test('GIVEN state without a token on the node IP THEN served, with a warning at state.enabled', () => {
    expect(container({ state: { enabled: true } }).args).toContain('--serve-state');
    expect(problems({ state: { enabled: true } })).toEqual([{ code: 'AGENT_DEPLOYMENT_STATE_UNAUTHENTICATED', path: 'state.enabled', severity: 'warning' }]);
    expect(problems({ state: { enabled: true }, listenAddress: '0.0.0.0' })).toEqual([{ code: 'AGENT_DEPLOYMENT_STATE_UNAUTHENTICATED', path: 'state.enabled', severity: 'warning' }]);
  });

  test.each(['127.0.0.1', '::1'])('GIVEN state without a token on loopback %s THEN no warning', (listenAddress) => {
    expect(problems({ state: { enabled: true }, listenAddress })).toEqual([]);
  });

  test.each<[string, AgentDeploymentOptions]>([
    ['a token Secret while /state is off', { state: { tokenSecret: 'agent-state-token' } }],
    ['a token Secret name that is not a DNS subdomain', { state: { enabled: true, tokenSecret: 'Agent_Token' } }],
  ])('GIVEN %s THEN an option error at state.tokenSecret', (_what, o) => {
    expect(problems(o)).toEqual([{ code: 'AGENT_DEPLOYMENT_OPTION', path: 'state.tokenSecret', severity: 'error' }]);
  });

  test('GIVEN a token Secret while /state is off THEN nothing is mounted', () => {
    expect(pod({ state: { tokenSecret: 'agent-state-token' } }).volumes.map((v: { name: string }) => v.name)).toEqual(['config']);
  });
});

describe('S10: image references and digests', () => {
  test.each([
    ['ghcr.io/multihome/agent:0.1.0', { name: 'ghcr.io/multihome/agent', tag: '0.1.0' }],
    [`ghcr.io/multihome/agent@${DIGEST}`, { name: 'ghcr.io/multihome/agent', digest: DIGEST }],
    [`ghcr.io/multihome/agent:0.1.0@${DIGEST}`, { name: 'ghcr.io/multihome/agent', tag: '0.1.0', digest: DIGEST }],
    ['localhost:5000/agent', { name: 'localhost:5000/agent' }],
    ['[fd00::1]:5000/team/agent:dev', { name: '[fd00::1]:5000/team/agent', tag: 'dev' }],
    ['kubevirt/fedora-cloud-container-disk-demo:v0.36.4', { name: 'kubevirt/fedora-cloud-container-disk-demo', tag: 'v0.36.4' }],
  ])('%s parses as the runtime parses it', (ref, want) => {
    expect(parseImageReference(ref)).toEqual(want);
  });

  test.each([
    ['', /empty/],
    ['ghcr.io/Multihome/agent:1', /upper-case/],
    ['agent:-dev', /not an image reference/],
    ['agent::1', /not an image reference/],
    ['agent:1 ', /not an image reference/],
    [`agent@sha256:${'A'.repeat(64)}`, /64 lower-case hex/],
    ['agent@sha256:abcd', /not an image reference|64 lower-case hex/],
    [`agent@md5:${'a'.repeat(32)}`, /algorithm sha256/],
    [`${'a'.repeat(256)}:1`, /256 characters/],
  ])('%j is refused: %s', (ref, why) => {
    const r = parseImageReference(ref);
    expect(typeof r).toBe('string');
    expect(r).toMatch(why);
  });

  test('GIVEN imageDigest THEN the DaemonSet pins the default release tag by digest', () => {
    expect(container({ imageDigest: DIGEST }).image).toBe(`ghcr.io/multihome/agent:0.1.0@${DIGEST}`);
    expect(problems({ imageDigest: DIGEST })).toEqual([]);
  });

  test('GIVEN an image with its digest THEN it runs as given, with IfNotPresent, and no warning', () => {
    const image = `registry.local/agent:dev@${DIGEST}`;
    expect(container({ image })).toMatchObject({ image, imagePullPolicy: 'IfNotPresent' });
    expect(problems({ image })).toEqual([]);
  });

  test('GIVEN the default image THEN no warning (the release tag of this version; pin it with imageDigest)', () => {
    expect(problems({})).toEqual([]);
  });

  test.each<[string, AgentDeploymentOptions, { code: string; path: string; severity: string }]>([
    ['a user-given tag without digest', { image: 'registry.local/agent:dev' }, { code: 'AGENT_DEPLOYMENT_IMAGE_UNPINNED', path: 'image', severity: 'warning' }],
    ['an untagged image (implicitly :latest)', { image: 'registry.local/agent' }, { code: 'AGENT_DEPLOYMENT_IMAGE_UNPINNED', path: 'image', severity: 'warning' }],
    ['an image the runtime cannot parse', { image: 'Registry.local/Agent:dev' }, { code: 'AGENT_DEPLOYMENT_OPTION', path: 'image', severity: 'error' }],
    ['an image with whitespace', { image: 'agent dev' }, { code: 'AGENT_DEPLOYMENT_OPTION', path: 'image', severity: 'error' }],
    ['a digest of the wrong length', { imageDigest: 'sha256:abc' }, { code: 'AGENT_DEPLOYMENT_OPTION', path: 'imageDigest', severity: 'error' }],
    ['a digest given twice', { image: `registry.local/agent@${DIGEST}`, imageDigest: DIGEST }, { code: 'AGENT_DEPLOYMENT_OPTION', path: 'imageDigest', severity: 'error' }],
  ])('GIVEN %s THEN one problem with its code and path', (_what, o, want) => {
    expect(problems(o)).toEqual([want]);
  });

  test('the problem shows the value given, bounded', () => {
    const [p] = validateAgentDeployment(lab, { image: `Agent${'x'.repeat(500)}` });
    expect(p.message).toContain('"Agentxxx');
    expect(p.message.length).toBeLessThan(300);
  });
});

describe('S13: the memory limit leaves room for the largest read the agent accepts', () => {
  test('the limit covers the runtime plus one capped dump held as buffer, string and parsed JSON (4×), with slack', () => {
    const baseline = AGENT_RESOURCES.memoryRequestMebibytes;
    expect(AGENT_EXEC_MAX_BUFFER_MEBIBYTES).toBe(32);
    expect(AGENT_RESOURCES.memoryLimitMebibytes).toBeGreaterThanOrEqual((baseline + AGENT_EXEC_MAX_BUFFER_MEBIBYTES * 6) * 1.5);
  });

  test('every DaemonSet renders that limit and request', () => {
    for (const d of renderAgentDeployment(prod).filter((m) => m.kind === 'DaemonSet') as any[])
      expect(d.spec.template.spec.containers[0].resources).toEqual({ limits: { memory: '384Mi' }, requests: { cpu: '20m', memory: '64Mi' } });
  });
});

test('every new code is declared with severity, summary and upstream', () => {
  for (const code of ['AGENT_DEPLOYMENT_IMAGE_UNPINNED', 'AGENT_DEPLOYMENT_UNRESTRICTED', 'AGENT_DEPLOYMENT_STATE_UNAUTHENTICATED'] as const) {
    expect(AGENT_DEPLOYMENT_CODES[code].severity).toBe('warning');
    expect(AGENT_DEPLOYMENT_CODES[code].upstream.length).toBeGreaterThan(10);
  }
});
