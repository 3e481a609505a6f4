/**
 * TOPOLOGY_NAME_INVALID: names of the intent the renderer turns into Kubernetes names, checked at
 * the prop the user wrote, with the rules the API server applies on create
 * (kubernetes/apimachinery pkg/api/validation/objectmeta.go ValidateObjectMetaAccessor: custom
 * resources such as NADs and NNCPs are named by `NameIsDNSSubdomain`, a namespace is a DNS-1123
 * label; pkg/util/validation/validation.go). Which prop: a network's name when it is the NAD name
 * (no nadName) or part of the derived NNCP name (no policyName); nadName, policyName;
 * namespaces[k]; a VM's namespace; a host policy's name; an uplink's or node group's name when
 * the derived policy name `<uplink>-<nodeGroup>` / `<network>-<nodeGroup>` is what fails. VM
 * names are TOPOLOGY_VM_NAME_INVALID (intent-names.ts).
 *
 * The rendered manifests also go through validateObjectMeta (rendered-metadata.ts); the
 * manifest-level name problem is dropped there when a problem here already names its value.
 */
import { dns1123LabelError, dns1123SubdomainError } from '../../kubernetes/names';
import { joinPath } from '../../path';
import { show } from '../../problems';
import { Topology } from '../model';
import { ResolvedTopology } from '../resolve';
import { IntentReport } from './intent-vlans';

/** A rejected value and where it was reported. */
export interface InvalidName {
  readonly path: string;
  readonly value: string;
}

/** Reports every name that would become an invalid Kubernetes name; returns what was reported. */
export function checkKubernetesNames(t: Topology, r: ResolvedTopology, report: IntentReport): InvalidName[] {
  const out: InvalidName[] = [];
  const seen = new Set<string>();
  const bad = (path: string, value: string, what: string, error: string, fix: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    out.push({ path, value });
    report(path, `${what} ${show(value)} ${error}`, fix);
  };
  const subdomain = (path: string, value: string, what: string, fix: string): boolean => {
    const e = dns1123SubdomainError(value);
    if (e) bad(path, value, what, e, fix);
    return e !== undefined;
  };
  const groupNameBad = (name: string): number => t.nodeGroups.findIndex((g) => g.name === name && dns1123SubdomainError(g.name) !== undefined);

  t.networks.forEach((n, i) => {
    const rn = r.networks[i];
    if (n.nadName === undefined) subdomain(joinPath('networks', i, 'name'), n.name, 'network name (the NetworkAttachmentDefinition name)', `rename the network: lower-case letters, digits, '-' and '.', e.g. ${show(suggest(n.name))}`);
    else subdomain(joinPath('networks', i, 'nadName'), n.nadName, 'nadName', `use a DNS-1123 subdomain, e.g. ${show(suggest(n.nadName))}`);
    if (n.policyName !== undefined) subdomain(joinPath('networks', i, 'policyName'), n.policyName, 'policyName', `use a DNS-1123 subdomain, e.g. ${show(suggest(n.policyName))}`);
    else if (rn && dns1123SubdomainError(rn.policyName) !== undefined) {
      const g = groupNameBad(rn.uplinkSpec?.nodeGroup ?? '');
      if (rn.policyName.startsWith(`${n.name}-`) && dns1123SubdomainError(n.name) !== undefined)
        subdomain(joinPath('networks', i, 'name'), n.name, `network name (part of the NodeNetworkConfigurationPolicy name ${show(rn.policyName)})`, `rename the network, e.g. ${show(suggest(n.name))}, or set policyName`);
      else if (g >= 0) subdomain(joinPath('nodeGroups', g, 'name'), t.nodeGroups[g].name, 'node group name (part of NodeNetworkConfigurationPolicy names)', `rename the node group, e.g. ${show(suggest(t.nodeGroups[g].name))}`);
      else subdomain(joinPath('networks', i, 'policyName'), rn.policyName, 'the NodeNetworkConfigurationPolicy name derived for this network', 'set policyName to a DNS-1123 subdomain');
    }
    n.namespaces.forEach((ns, k) => {
      const e = dns1123LabelError(ns);
      if (e) bad(joinPath('networks', i, 'namespaces', k), ns, 'namespace', e, `use a namespace that is a DNS-1123 label, e.g. ${show(suggest(ns).replace(/\./g, '-'))}`);
    });
  });
  r.uplinks.forEach((ru, i) => {
    const u = t.uplinks[i];
    if (!ru.rendersPolicy || dns1123SubdomainError(ru.policyName) === undefined) return;
    if (u.policyName !== undefined) return void subdomain(joinPath('uplinks', i, 'policyName'), u.policyName, 'policyName', `use a DNS-1123 subdomain, e.g. ${show(suggest(u.policyName))}`);
    const g = groupNameBad(u.nodeGroup);
    if (dns1123SubdomainError(u.name) !== undefined) subdomain(joinPath('uplinks', i, 'name'), u.name, `uplink name (part of the NodeNetworkConfigurationPolicy name ${show(ru.policyName)})`, `rename the uplink, e.g. ${show(suggest(u.name))}, or set policyName`);
    else if (g >= 0) subdomain(joinPath('nodeGroups', g, 'name'), t.nodeGroups[g].name, 'node group name (part of NodeNetworkConfigurationPolicy names)', `rename the node group, e.g. ${show(suggest(t.nodeGroups[g].name))}`);
    else subdomain(joinPath('uplinks', i, 'policyName'), ru.policyName, 'the NodeNetworkConfigurationPolicy name derived for this uplink', 'set policyName to a DNS-1123 subdomain');
  });
  (t.hostPolicies ?? []).forEach((h, i) => subdomain(joinPath('hostPolicies', i, 'name'), h.name, 'host policy name (the NodeNetworkConfigurationPolicy name)', `use a DNS-1123 subdomain, e.g. ${show(suggest(h.name))}`));
  t.vms.forEach((vm, v) => {
    const e = dns1123LabelError(vm.namespace);
    if (e) bad(joinPath('vms', v, 'namespace'), vm.namespace, 'VM namespace', e, `use a namespace that is a DNS-1123 label, e.g. ${show(suggest(vm.namespace).replace(/\./g, '-'))}`);
  });
  return out;
}

/** A lower-case, '-'-separated spelling of `s` for fixes (`VLAN_201` → `vlan-201`). */
function suggest(s: string): string {
  const out = s.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  return (out || 'name').slice(0, 63);
}
