/**
 * `clusterState` on the Pulumi NetworkEnvironment: the same pre-flight as the cdk8s construct,
 * raised as one ResourceError before any child is registered (pulumi preview fails).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import { installMocks, registered, settle } from './mocks';

installMocks('lab');

import { lab } from '../../apps/environments/lab';
import { NetworkEnvironment } from '../../lib/pulumi';

const LAB_STATE = path.join(__dirname, '..', 'fixtures', 'preflight', 'nns', 'lab-kubevirtci.yaml');

describe('NetworkEnvironment clusterState (Pulumi)', () => {
  it('GIVEN node states matching the lab THEN the environment registers and is ready', async () => {
    const env = new NetworkEnvironment('lab-ok', { environment: lab, clusterState: [LAB_STATE] });
    await expect(env.ready.then(() => 'ready')).resolves.toBe('ready');
  });

  it('GIVEN eth1 already a port of another bridge on node01 THEN a ResourceError names PREFLIGHT_PORT_ENSLAVED and nothing is registered', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-state-'));
    const text = fs.readFileSync(LAB_STATE, 'utf8');
    const i = text.indexOf('        name: eth1\n');
    expect(i).toBeGreaterThan(0);
    // node01's eth1 becomes a port of an existing bridge br-old (nmstate 2.x reports `controller` on the port)
    fs.writeFileSync(path.join(dir, 'cluster.yaml'), text.slice(0, i) + '        controller: br-old\n' + text.slice(i));
    const before = registered.length;
    const err = await new NetworkEnvironment('lab-bad', { environment: lab, clusterState: dir }).ready.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(pulumi.ResourceError);
    expect((err as Error).message).toMatch(/\[PREFLIGHT_PORT_ENSLAVED\].*eth1 is already a port of .*br-old on node node01/);
    await settle();
    expect(registered.slice(before).filter((r) => r.type.startsWith('kubernetes:') && r.name.startsWith('lab-bad'))).toEqual([]);
  });
});
