import { CodeTable } from '../errors';

/**
 * Problems the node agent finds in its input before it touches the host. Declared once (STYLE.md
 * #15); the agent config validator, the planner and the agent deployment's validation
 * (lib/core/topology/agent-intent-check.ts) look codes up here.
 */
export const AGENT_CODES: CodeTable = {
  AGENT_CONFIG_UNREADABLE: {
    severity: 'error',
    summary: 'The config file or directory cannot be read or parsed (YAML/JSON).',
    upstream: 'multihome',
  },
  AGENT_CONFIG_FILE: {
    severity: 'error',
    summary: 'An entry of the config directory is not a regular file (FIFO, socket, device) or is a symlink leaving the directory; it is not read.',
    upstream: 'kubernetes pkg/volume/util/atomic_writer.go (a ConfigMap volume holds regular files behind ..data symlinks)',
  },
  AGENT_CONFIG_LIMIT: {
    severity: 'error',
    summary: 'A config file is larger than a ConfigMap can be (1 MiB), nests too deeply or expands too far through YAML aliases.',
    upstream: 'kubernetes pkg/apis/core/validation/validation.go ValidateConfigMap (core.MaxSecretSize, 1 MiB)',
  },
  AGENT_CONFIG_SHAPE: {
    severity: 'error',
    summary: 'A config document is neither an agent config ({desiredState, probes}) nor an NNCP.',
    upstream: 'multihome',
  },
  AGENT_CONFIG_NODE_UNKNOWN: {
    severity: 'warning',
    summary: "The config has per-node state (`nodes`) but none for this agent's node (no NODE_NAME, or a node not listed): the group's state alone is applied, never another node's.",
    upstream: 'multihome',
  },
  AGENT_DUPLICATE_INTERFACE: {
    severity: 'error',
    summary: 'Two documents (or two entries) configure the same interface.',
    upstream: 'nmstate rust/src/lib/ifaces/inter_ifaces.rs (one entry per name and type)',
  },
  AGENT_INTERFACE_NAME: {
    severity: 'error',
    summary: 'An interface name the kernel would refuse (dev_valid_name) or that cannot be written safely into a batch file.',
    upstream: 'linux net/core/dev.c dev_valid_name',
  },
  AGENT_UNSUPPORTED: {
    severity: 'error',
    summary: 'A desiredState field or value the agent does not implement; the agent refuses it instead of ignoring it.',
    upstream: 'multihome (lib/agent/README.md lists the supported subset)',
  },
  AGENT_INVALID_VALUE: {
    severity: 'error',
    summary: 'A value outside what nmstate or the kernel accepts (VLAN id, prefix length, address, MTU, mode).',
    upstream: 'nmstate rust/src/lib/ifaces/*.rs, rust/src/lib/ip.rs, rust/src/lib/route.rs',
  },
  AGENT_MISSING_FIELD: {
    severity: 'error',
    summary: 'A field nmstate requires is missing (vlan.base-iface, vlan.id, bond mode for a new bond).',
    upstream: 'nmstate rust/src/lib/ifaces/vlan.rs, bond.rs',
  },
  AGENT_PORT_CONFLICT: {
    severity: 'error',
    summary: 'A port is listed by two controllers, or a port of a bridge or bond carries IP.',
    upstream: 'nmstate rust/src/lib/ifaces/inter_ifaces_controller.rs, rust/src/lib/ifaces/base.rs',
  },
  AGENT_BRIDGE_VLAN: {
    severity: 'error',
    summary: 'Bridge port VLAN rules: trunk needs trunk-tags, access has no trunk-tags nor enable-native, tag in trunk needs enable-native, no overlap.',
    upstream: 'nmstate rust/src/lib/ifaces/bridge_vlan.rs',
  },
  AGENT_PARENT_ABSENT: {
    severity: 'error',
    summary: 'An interface is up while its VLAN base or its controller is marked absent in the same state.',
    upstream: 'nmstate rust/src/lib/ifaces/inter_ifaces.rs',
  },
  AGENT_ROUTE: {
    severity: 'error',
    summary: 'A route the agent cannot apply: no next-hop-interface, next hop interface absent, bad destination.',
    upstream: 'nmstate rust/src/lib/route.rs',
  },
  AGENT_PROBE: {
    severity: 'error',
    summary: 'A probe definition is invalid (unknown type, bad target address, bad interface name).',
    upstream: 'multihome (kubernetes-nmstate pkg/probe/probes.go for the ping probe)',
  },
  AGENT_CORE_VALIDATION: {
    severity: 'error',
    summary: 'The core nmstate validator rejected the desiredState.',
    upstream: 'lib/core/nmstate',
  },
  AGENT_HOST_MISSING: {
    severity: 'error',
    summary: 'The intent needs an interface that does not exist on the host and that the agent cannot create (an ethernet NIC, a bond port).',
    upstream: 'nmstate rust/src/lib/ifaces/ethernet.rs ("Ethernet interface X does not exists")',
  },
  AGENT_HOST_KIND: {
    severity: 'error',
    summary: 'An interface exists on the host with another kind than the intent and the agent will not delete a device it cannot recreate.',
    upstream: 'multihome',
  },
  AGENT_HOST_VLAN_IN_USE: {
    severity: 'error',
    summary: 'A VLAN the intent creates has the base and VLAN id of another interface on the host: the kernel refuses a second one (EEXIST).',
    upstream: 'Linux net/8021q/vlan.c vlan_check_real_dev (vlan_find_dev → -EEXIST)',
  },
  AGENT_HOST_MTU_RANGE: {
    severity: 'error',
    summary: "An MTU outside the interface's min-mtu..max-mtu as the host reports them: the kernel refuses it.",
    upstream: 'Linux net/core/dev.c dev_validate_mtu ("mtu less than device minimum" / "mtu greater than device maximum")',
  },
};
