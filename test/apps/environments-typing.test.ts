import { defineEnvironment } from '../../lib/core/topology/define';

// Compile-time guarantees, checked by `tsc --noEmit` in `npm test`: each `@ts-expect-error`
// line must fail to type-check, or tsc reports an unused directive.
const base = {
  name: 'typing',
  nodeGroups: [{ name: 'workers', nodeSelector: {} }],
  uplinks: [{ name: 'eth1', nodeGroup: 'workers', interface: 'eth1' }],
} as const;

describe('typed environments', () => {
  it('accepts references to declared objects', () => {
    const env = defineEnvironment({
      ...base,
      networks: [{ name: 'vlan100', pattern: 'trunk-bridge', uplink: 'eth1', bridge: 'br0', vlan: 100, namespaces: ['vms'] }],
      vms: [{ name: 'vm1', namespace: 'vms', attachments: [{ network: 'vlan100' }] }],
    });
    expect(env.vms[0].attachments[0].network).toBe('vlan100');
  });

  it('rejects a typo in a network, uplink or node group reference at compile time', () => {
    const env = defineEnvironment({
      name: 'typos',
      nodeGroups: [{ name: 'workers', nodeSelector: {} }],
      // @ts-expect-error 'wrokers' is not a declared node group
      uplinks: [{ name: 'eth1', nodeGroup: 'wrokers', interface: 'eth1' }],
      // @ts-expect-error 'eht1' is not a declared uplink
      networks: [{ name: 'vlan100', pattern: 'trunk-bridge', uplink: 'eht1', bridge: 'br0', vlan: 100, namespaces: ['vms'] }],
      // @ts-expect-error 'vlan10' is not a declared network
      vms: [{ name: 'vm1', namespace: 'vms', attachments: [{ network: 'vlan10' }] }],
    });
    expect(env.networks).toHaveLength(1);
  });

  it('checks the node groups the agent options name', () => {
    const env = defineEnvironment({
      ...base,
      networks: [],
      vms: [],
      agent: {
        mode: 'observe',
        // @ts-expect-error 'wrokers' is not a declared node group
        nodeGroupModes: { wrokers: 'apply' },
        // @ts-expect-error 'gpu' is not a declared node group
        nodeGroups: ['gpu'],
      },
    });
    expect(env.agent?.mode).toBe('observe');
  });
});
