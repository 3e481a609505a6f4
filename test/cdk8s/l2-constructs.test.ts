import { App, Chart, Testing } from 'cdk8s';
import { NetworkAttachment, NodeNetworkPolicy } from '../../lib/cdk8s';

const quiet = { warn: () => undefined };

describe('NodeNetworkPolicy (L2)', () => {
  it('renders one NNCP through imports/ with a typed desiredState; later addInterface calls reach the output', () => {
    const chart = Testing.chart();
    const p = new NodeNetworkPolicy(chart, 'vlan', {
      name: 'vlan-1085-policy-c7000',
      nodeSelector: { hardware: 'c7000' },
      maxUnavailable: 2,
      interfaces: [{ name: 'eno49', type: 'ethernet', state: 'up' }],
    });
    p.addInterface({ name: 'eno49.1085', type: 'vlan', state: 'up', vlan: { 'base-iface': 'eno49', id: 1085 } });
    const [nncp] = Testing.synth(chart);
    expect(nncp).toEqual({
      apiVersion: 'nmstate.io/v1',
      kind: 'NodeNetworkConfigurationPolicy',
      metadata: { name: 'vlan-1085-policy-c7000' },
      spec: {
        maxUnavailable: 2,
        nodeSelector: { hardware: 'c7000' },
        desiredState: {
          interfaces: [
            { name: 'eno49', state: 'up', type: 'ethernet' },
            { name: 'eno49.1085', state: 'up', type: 'vlan', vlan: { 'base-iface': 'eno49', id: 1085 } },
          ],
        },
      },
    });
  });

  it('fails synth with every problem, each carrying the construct path and the field path', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    new NodeNetworkPolicy(chart, 'bad', {
      name: 'bad',
      nodeSelector: { hardware: 'x' },
      interfaces: [
        { name: 'a-name-that-is-too-long', type: 'ethernet', state: 'up' },
        { name: 'eth1.5000', type: 'vlan', state: 'up', vlan: { 'base-iface': 'eth1', id: 5000 } },
      ],
    });
    expect(() => app.synthYaml()).toThrow(/c\/bad[\s\S]*spec\.desiredState\.interfaces\[0\]\.name[\s\S]*spec\.desiredState\.interfaces\[1\]\.vlan\.id/);
  });
});

describe('NetworkAttachment (L2)', () => {
  it('renders the CNI config as JSON and adds the bridge-marker resourceName', () => {
    const chart = Testing.chart();
    new NetworkAttachment(chart, 'nad', {
      name: 'nad-1085',
      namespace: 'vms',
      config: { cniVersion: '0.3.1', name: 'nad-1085', type: 'cnv-bridge', bridge: 'bridge-1085', macspoofchk: true, ipam: {} },
      ...quiet,
    });
    const [nad] = Testing.synth(chart);
    expect(nad.metadata).toEqual({ name: 'nad-1085', namespace: 'vms', annotations: { 'k8s.v1.cni.cncf.io/resourceName': 'bridge.network.kubevirt.io/bridge-1085' } });
    expect(JSON.parse(nad.spec.config)).toEqual({ cniVersion: '0.3.1', name: 'nad-1085', type: 'cnv-bridge', bridge: 'bridge-1085', macspoofchk: true, ipam: {} });
  });

  it('fails synth on a VLAN outside 0..4094 with the construct path', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    new NetworkAttachment(chart, 'nad', {
      name: 'x',
      namespace: 'vms',
      config: { cniVersion: '0.3.1', name: 'x', type: 'bridge', bridge: 'br0', vlan: 5000, macspoofchk: true, ipam: {} },
      ...quiet,
    });
    expect(() => app.synthYaml()).toThrow(/c\/nad[\s\S]*spec\.config\.vlan/);
  });
});
