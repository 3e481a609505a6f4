import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { defineEnvironment } from '../../lib/core/topology/define';

// Compile-time guarantees, checked by `tsc --noEmit` in `npm test`: each `@ts-expect-error`
// line must fail to type-check, or tsc reports an unused directive. Jest only transpiles
// (jest.config.js), so the last test below compiles this file with the TypeScript API itself.
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

  it('the type checker really rejects each typo: without its @ts-expect-error every marked line is an error, and nothing else is', () => {
    const file = __filename;
    const source = fs.readFileSync(file, 'utf8');
    const marked = source.split('\n').flatMap((l, i) => (/^\s*\/\/ @ts-expect-error /.test(l) ? [i + 2] : [])); // 1-based line after the directive
    expect(marked).toHaveLength(5);
    const config = ts.getParsedCommandLineOfConfigFile(path.join(__dirname, '..', '..', 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
    const errorLines = (text: string): number[] => {
      const host = ts.createCompilerHost(config.options);
      const read = host.getSourceFile.bind(host);
      host.getSourceFile = (name, lang, ...rest) => (path.resolve(name) === file ? ts.createSourceFile(name, text, lang) : read(name, lang, ...rest));
      const program = ts.createProgram([file], { ...config.options, noEmit: true }, host);
      return ts
        .getPreEmitDiagnostics(program)
        .filter((d) => d.file && path.resolve(d.file.fileName) === file)
        .map((d) => d.file!.getLineAndCharacterOfPosition(d.start!).line + 1);
    };
    expect(errorLines(source)).toEqual([]);
    expect([...new Set(errorLines(source.replace(/\/\/ @ts-expect-error /g, '// was-expect-error ')))]).toEqual(marked);
  }, 120_000);
});
