import { lab } from '../../apps/environments/lab';
import { prod } from '../../apps/environments/prod';
import { buildDiagram, diagramOfEnvironment } from '../../lib/core/diagram';
import { renderTopology } from '../../lib/core/topology/render';
import { clusterTitle, edgesBetween, macOf, nodeTitled } from './helpers';

describe('diagram of the lab environment (seed 004)', () => {
  const d = diagramOfEnvironment(lab);
  const manifests = renderTopology(lab);

  it('draws br0 as a trunk on eth1 carrying VLAN 100, in the every-node group', () => {
    const eth1 = nodeTitled(d, 'eth1');
    const br0 = nodeTitled(d, 'br0');
    expect(eth1.kind).toBe('ethernet');
    expect(br0.kind).toBe('bridge');
    expect(br0.lines).toContain('linux-bridge');
    expect(clusterTitle(d, br0)).toBe('every node');
    expect(eth1.cluster).toBe(br0.cluster);
    expect(edgesBetween(d, eth1, br0).map((e) => e.label)).toEqual(['trunk 100']);
    expect(nodeTitled(d, 'NNCP br0-eth1').cluster).toBe(br0.cluster);
  });

  it('draws NAD default/br0-100-l2 on br0 with VLAN 100', () => {
    const nad = nodeTitled(d, 'NAD br0-100-l2');
    expect(clusterTitle(d, nad)).toBe('namespace default');
    expect(nad.lines).toEqual(expect.arrayContaining(['bridge on br0', 'vlan 100']));
    expect(edgesBetween(d, nodeTitled(d, 'br0'), nad).map((e) => e.label)).toEqual(['vlan 100']);
  });

  it.each([
    ['vma', 'node01', '10.200.0.1/24'],
    ['vmb', 'node02', '10.200.0.2/24'],
  ])('draws VM %s on %s with its pinned MAC and address %s, attached through the NAD', (name, node, address) => {
    const vm = nodeTitled(d, `VM ${name}`);
    const mac = macOf(manifests, name, 'br0-100');
    expect(mac).toMatch(/^02(:[0-9a-f]{2}){5}$/);
    expect(clusterTitle(d, vm)).toBe('namespace default');
    expect(vm.lines).toContain(`node ${node}`);
    expect(vm.lines).toContain(`br0-100: bridge ${mac}`);
    expect(vm.lines.map((l) => l.trim())).toContain(address);
    expect(edgesBetween(d, nodeTitled(d, 'NAD br0-100-l2'), vm).map((e) => e.label)).toEqual(['br0-100']);
  });

  it('has no error badge: the lab environment validates clean', () => {
    expect(d.nodes.filter((n) => n.badges.some((b) => b.severity === 'error'))).toEqual([]);
  });
});

describe('diagram of the prod environment (seeds 000-002)', () => {
  const d = diagramOfEnvironment(prod);

  it('draws bond0 active-backup over ens161/ens256 with host VLANs 144/145 and its addresses', () => {
    const bond = nodeTitled(d, 'bond0');
    expect(bond.kind).toBe('bond');
    expect(bond.lines).toEqual(expect.arrayContaining(['bond active-backup', '172.39.0.30/16', 'fc00:172:39::30/64']));
    expect(clusterTitle(d, bond)).toBe('nodes {kubernetes.io/hostname=10-6-185-30}');
    for (const port of ['ens161', 'ens256']) {
      const p = nodeTitled(d, port);
      expect(p.implied).toBe(true);
      expect(edgesBetween(d, p, bond)).toHaveLength(1);
    }
    for (const id of [144, 145]) {
      const vlan = nodeTitled(d, `bond0.${id}`);
      expect(vlan.kind).toBe('vlan');
      expect(edgesBetween(d, bond, vlan).map((e) => e.label)).toEqual([`vlan ${id}`]);
    }
  });

  it('draws eno49 → eno49.1085 → bridge-1085 on the c7000 group, feeding nad-1085 in every namespace', () => {
    const eno49 = nodeTitled(d, 'eno49');
    const vlan = nodeTitled(d, 'eno49.1085');
    const bridge = nodeTitled(d, 'bridge-1085');
    expect(clusterTitle(d, bridge)).toBe('nodes {hardware=c7000}');
    expect(edgesBetween(d, eno49, vlan).map((e) => e.label)).toEqual(['vlan 1085']);
    expect(edgesBetween(d, vlan, bridge)).toHaveLength(1);
    for (const ns of ['vms', 'pxe', 'infra']) {
      const nad = d.nodes.find((n) => n.title === 'NAD nad-1085' && clusterTitle(d, n) === `namespace ${ns}`);
      expect(nad).toBeDefined();
      expect(edgesBetween(d, bridge, nad!)).toHaveLength(1);
    }
  });

  it('draws br1 on ens4 with DHCP, the pxe-vm address and vm-fedora on DHCP', () => {
    const br1 = nodeTitled(d, 'br1');
    expect(br1.lines).toContain('dhcp4');
    expect(edgesBetween(d, nodeTitled(d, 'ens4'), br1)).toHaveLength(1);
    expect(nodeTitled(d, 'VM pxe-vm').lines.map((l) => l.trim())).toContain('10.6.85.20/24');
    expect(nodeTitled(d, 'VM vm-fedora').lines.map((l) => l.trim())).toContain('dhcp4');
  });

  it('puts the unselected `vlan` policy warning on the policy node, not lost', () => {
    // prod silences it (apps/environments/prod.ts); without the silence list it is drawn
    const policy = nodeTitled(diagramOfEnvironment({ ...prod, silence: [] }), 'NNCP vlan');
    expect(policy.badges.map((b) => [b.severity, b.code])).toEqual([['warning', 'NMSTATE_NNCP_NO_NODE_SELECTOR']]);
  });
});

describe('diagram model', () => {
  it('draws the NAD a VM names but the set lacks as a dashed placeholder, still attached', () => {
    const manifests = renderTopology(lab).filter((m) => m.kind !== 'NodeNetworkConfigurationPolicy' && m.kind !== 'NetworkAttachmentDefinition');
    const d = buildDiagram({ title: 't', manifests });
    const nad = nodeTitled(d, 'NAD br0-100-l2');
    expect(nad.implied).toBe(true);
    expect(nad.lines).toEqual(['not in these manifests']);
    expect(edgesBetween(d, nad, nodeTitled(d, 'VM vma'))).toHaveLength(1);
  });
});

describe('the node agent in the diagram', () => {
  it.each([
    ['lab', lab],
    ['prod', prod],
  ])('GIVEN %s with its agent THEN the diagram is the one without the agent (its objects are not network topology)', (_n, t) => {
    expect(diagramOfEnvironment(t)).toEqual(diagramOfEnvironment({ ...t, agent: undefined }));
    expect(JSON.stringify(diagramOfEnvironment(t))).not.toMatch(/multihome-agent/);
  });

  it('GIVEN an agent problem THEN it is drawn on the shared problems node', () => {
    const d = diagramOfEnvironment({ ...prod, agent: { ...prod.agent, nodeGroupModes: { 'node-10-6-185-30': 'apply' } } });
    expect(nodeTitled(d, 'other problems').badges?.map((b) => [b.code, b.resource])).toEqual([['AGENT_DEPLOYMENT_UNSUPPORTED_INTENT', 'NetworkAgent/multihome-agent']]);
  });
});
