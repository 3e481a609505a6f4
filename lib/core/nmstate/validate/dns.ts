/** `dns-resolver:` (rust/src/lib/dns.rs DnsState / DnsClientState). */
import { Rec } from '../../field-reader';
import { joinPath } from '../../path';
import { show } from '../../problems';
import { DNS_CONFIG_KEYS, DNS_KEYS } from './fields';
import { ipFamily, isIpv4Text } from './ip-address';
import { State } from './state';

// DNS options nmstate supports (rust/src/lib/dns.rs SUPPORTED_DNS_OPTS_NO_VALUE / _WITH_VALUE)
const DNS_OPTS_NO_VALUE = [
  'debug', 'edns0', 'inet6', 'ip6-bytestring', 'ip6-dotint', 'no-aaaa', 'no-check-names', 'no-ip6-dotint', 'no-reload',
  'no-tld-query', 'rotate', 'single-request', 'single-request-reopen', 'trust-ad', 'use-vc',
];
const DNS_OPTS_WITH_VALUE = ['ndots', 'timeout', 'attempts'];

/** A `state` key in dns-resolver (users write `state: absent` to remove DNS; nmstate has no such field). */
function stateAbsent(st: State, obj: Rec, p: string): void {
  if (obj.state !== undefined) {
    st.ctx.add('NMSTATE_DNS_STATE_ABSENT', joinPath(p, 'state'), `${joinPath(p, 'state')} is ${show(obj.state)}; dns-resolver has no state field`, 'remove DNS settings with config: {} (or empty server/search lists) instead');
  }
}

/** `dns-resolver`: servers, search domains and options (dns.rs DnsClientState::sanitize). */
export function validateDns(st: State, v: unknown): void {
  const { ctx } = st;
  const path = joinPath(st.base, 'dns-resolver');
  const dns = ctx.record(v, path, 'dns-resolver');
  if (!dns) return;
  stateAbsent(st, dns, path);
  ctx.unknownKeys(dns, path, DNS_KEYS, 'DnsState', ['state']);
  const cp = joinPath(path, 'config');
  const cfg = ctx.record(dns.config, cp, 'dns-resolver.config');
  if (!cfg) return;
  stateAbsent(st, cfg, cp);
  ctx.unknownKeys(cfg, cp, DNS_CONFIG_KEYS, 'DnsClientState', ['state']);
  const servers = ctx.list(cfg.server, joinPath(cp, 'server'), 'dns server');
  const linkLocalIfaces = new Map<string, string>();
  (servers ?? []).forEach((s, k) => {
    const sp = joinPath(cp, 'server', k);
    const srv = ctx.string(s, sp, 'dns server');
    if (srv === undefined) return;
    // dns.rs DnsClientState::sanitize: "Invalid DNS server string" (an IPv6 with %scope is not checked).
    const ok = srv.includes(':') ? srv.split('%').length === 2 || ipFamily(srv) === 6 : isIpv4Text(srv);
    if (!ok) ctx.add('NMSTATE_DNS_SERVER_INVALID', sp, `DNS server ${show(srv)} is not an IPv4 or IPv6 address`, 'give name servers as IP addresses, e.g. 192.0.2.53 or 2001:db8::53');
    // dns.rs MergedNetworkState::validate_ipv6_link_local_address_dns_srv: link-local servers
    // (`fe80::1%eth1`) must all point to one interface (NotImplementedError; unit_tests/nm/dns.rs
    // test_two_dns_ipv6_link_local_iface).
    const [addr, scope] = srv.split('%');
    if (scope !== undefined && scope !== '' && /^fe[89ab]/i.test(addr)) {
      const first = [...linkLocalIfaces.entries()].find(([iface]) => iface !== scope);
      if (first !== undefined && !linkLocalIfaces.has(scope)) {
        ctx.add('NMSTATE_DNS_LINK_LOCAL_MULTI_IFACE', sp, `DNS server ${show(srv)} points to interface ${show(scope)} but ${first[1]} points to ${show(first[0])}; nmstate supports IPv6 link-local name servers on one interface only`, 'keep the link-local name servers on one interface, or use global addresses');
      }
      if (!linkLocalIfaces.has(scope)) linkLocalIfaces.set(scope, sp);
    }
  });
  (ctx.list(cfg.search, joinPath(cp, 'search'), 'dns search') ?? []).forEach((s, k) => ctx.string(s, joinPath(cp, 'search', k), 'dns search domain'));
  const options = ctx.list(cfg.options, joinPath(cp, 'options'), 'dns options');
  (options ?? []).forEach((o, k) => {
    const op = joinPath(cp, 'options', k);
    const opt = ctx.string(o, op, 'dns option');
    if (opt === undefined) return;
    // dns.rs DnsClientState::sanitize: SUPPORTED_DNS_OPTS_NO_VALUE / SUPPORTED_DNS_OPTS_WITH_VALUE.
    const i = opt.indexOf(':');
    const ok = i >= 0 ? DNS_OPTS_WITH_VALUE.includes(opt.slice(0, i)) : DNS_OPTS_NO_VALUE.includes(opt);
    if (!ok) ctx.add('NMSTATE_DNS_OPTION_UNSUPPORTED', op, `DNS option ${show(opt)} is not supported; allowed: ${DNS_OPTS_NO_VALUE.join(', ')}, and with a value: ${DNS_OPTS_WITH_VALUE.map((x) => `${x}:n`).join(', ')}`, 'remove the option or use a supported one');
  });
}
