/**
 * The capture evaluator pre-flight judges NNCPs with, against nmstate's own policy examples
 * (test/fixtures/preflight/nmpolicy/SOURCES.md): each policy applied to its current state must
 * give the expected desired state nmstate's tests compare with.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { evaluateCapture, resolveCaptures } from '../../../lib/core/preflight/nmpolicy';

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'preflight', 'nmpolicy');
const read = (example: string, file: string) => YAML.parse(fs.readFileSync(path.join(DIR, example, file), 'utf8')) as Record<string, unknown>;

/**
 * Examples whose expected.yml is more than the captures give: nmstate's apply-time merge and
 * normalization, which pre-flight does not need (it reads the current state itself).
 */
const LEFT_OUT: Readonly<Record<string, string>> = {
  capture_all: 'needs a capture cache passed to nmstate, which a policy file does not carry',
  'change-gateway-iface-to-mac-identifier': 'expected.yml has type, state and profile-name merged in from the current interface (nmstate merge, not the capture)',
  bridge_ref_port_by_mac: 'expected.yml normalizes the bond option balance-slb: 1 to balance_slb: true (nmstate bond option normalization)',
};

const examples = fs.readdirSync(DIR).filter((e) => fs.statSync(path.join(DIR, e)).isDirectory() && !(e in LEFT_OUT));

describe('nmpolicy captures, on nmstate examples/policy', () => {
  // nmstate prints the desired state pruned of what it would not change (the current MAC, for
  // one): every field expected.yml has must be there with its value; the lists have its length.
  test.each(examples)('%s: policy applied to current.yml gives expected.yml', (example) => {
    const result = resolveCaptures(read(example, 'policy.yml'), read(example, 'current.yml'));
    expect(result.ok).toBe(true);
    expect(result).toMatchObject({ ok: true, desiredState: read(example, 'expected.yml') });
  });

  test.each(Object.entries(LEFT_OUT))('%s is left out: %s (and still resolves)', (example) => {
    const policy = read(example, 'policy.yml');
    if (example === 'capture_all') expect(policy.capture).toMatchObject({ 'default-gw': 'override me with the cache' });
    else expect(resolveCaptures(policy, read(example, 'current.yml')).ok).toBe(true);
  });

});

describe('nmpolicy expressions', () => {
  const state = {
    interfaces: [
      { name: 'eth0', type: 'ethernet', 'mac-address': '52:55:00:D1:55:01' },
      { name: 'eth1', type: 'ethernet', 'mac-address': '52:55:00:D1:56:01' },
      { name: 'br1', type: 'linux-bridge' },
    ],
    routes: { running: [{ destination: '0.0.0.0/0', 'next-hop-interface': 'eth0', 'table-id': 254 }, { destination: '10.0.0.0/8', 'next-hop-interface': 'eth1', 'table-id': 254 }] },
    'dns-resolver': { running: { server: ['192.168.66.2'] } },
  };
  const none = () => {
    throw new Error('no capture expected');
  };

  it('== keeps the list items whose field equals the value, and only the path down to the list', () => {
    expect(evaluateCapture('interfaces.type=="ethernet"', state, none)).toEqual({ interfaces: [state.interfaces[0], state.interfaces[1]] });
  });

  it('!= keeps the others', () => {
    expect(evaluateCapture('interfaces.type != "ethernet"', state, none)).toEqual({ interfaces: [state.interfaces[2]] });
  });

  it('numbers compare as numbers', () => {
    expect(evaluateCapture('routes.running.table-id==254', state, none)).toEqual({ routes: { running: state.routes.running } });
  });

  it('a path alone keeps that subtree', () => {
    expect(evaluateCapture('dns-resolver.running', state, none)).toEqual({ 'dns-resolver': { running: { server: ['192.168.66.2'] } } });
  });

  it(':= on a piped capture replaces the field on every item', () => {
    const routes = { routes: { running: [state.routes.running[0]] } };
    expect(evaluateCapture('capture.gw | routes.running.next-hop-interface:="br1"', state, (id) => (id === 'gw' ? routes : none()))).toEqual({ routes: { running: [{ ...state.routes.running[0], 'next-hop-interface': 'br1' }] } });
  });

  it('a capture path as the value', () => {
    const gw = { routes: { running: [state.routes.running[0]] } };
    expect(evaluateCapture('interfaces.name==capture.gw.routes.running.0.next-hop-interface', state, (id) => (id === 'gw' ? gw : none()))).toEqual({ interfaces: [state.interfaces[0]] });
  });

  it('GIVEN a template reading a capture that matched nothing THEN the policy is unresolved, with the reason', () => {
    const r = resolveCaptures({ capture: { nic: 'interfaces.name=="eth9"' }, desiredState: { interfaces: [{ name: '{{ capture.nic.interfaces.0.name }}' }] } }, state);
    expect(r).toEqual({ ok: false, reason: 'capture.nic.interfaces.0.name has no value' });
  });

  it('GIVEN a capture referring to one that is not defined, or to itself THEN unresolved', () => {
    expect(resolveCaptures({ capture: { a: 'interfaces.name==capture.b.interfaces.0.name' }, desiredState: {} }, state)).toEqual({ ok: false, reason: 'capture.b is not defined' });
    expect(resolveCaptures({ capture: { a: 'capture.a | interfaces.name:="x"' }, desiredState: {} }, state)).toEqual({ ok: false, reason: 'capture.a refers to itself' });
  });

  it('GIVEN an expression it cannot parse THEN unresolved, never an exception', () => {
    expect(resolveCaptures({ capture: { a: 'interfaces.name=="eth0' }, desiredState: {} }, state).ok).toBe(false);
    expect(resolveCaptures({ capture: { a: 'interfaces.name == == "x"' }, desiredState: {} }, state).ok).toBe(false);
    expect(resolveCaptures({ capture: { a: 'interfaces == "x"' }, desiredState: {} }, state).ok).toBe(false);
  });
});
