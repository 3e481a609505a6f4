/**
 * The directory walk of `multihome check` on hostile trees (security review S7): self-links do
 * not loop, links out of the tree are not followed, FIFOs are skipped (never opened blocking), and
 * explicit arguments that are not regular files are unreadable with a reason.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkPaths, formatInputNotes } from '../../lib/cli/check';
import { expandPaths } from '../../lib/core/source/files';
import { readRegularFile } from '../../lib/core/source/read-file';

const NAD = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: default}\n`;
const mkdir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'mh-walk-'));

describe('expandPaths on hostile trees', () => {
  it('a -> . and b -> . : each directory is entered once, the file read once', () => {
    const d = mkdir();
    fs.writeFileSync(path.join(d, 'nad.yaml'), NAD);
    fs.symlinkSync('.', path.join(d, 'a'));
    fs.symlinkSync('.', path.join(d, 'b'));
    const r = expandPaths([d]);
    expect(r.files).toEqual([path.join(d, 'nad.yaml')]);
    expect(r.unreadable).toEqual([]);
    expect(checkPaths([d])).toMatchObject({ exitCode: 0, files: 1, resources: 1 });
  });

  it('a FIFO named pipe.yaml is skipped with a reason, not opened', () => {
    const d = mkdir();
    execFileSync('mkfifo', [path.join(d, 'pipe.yaml')]);
    fs.writeFileSync(path.join(d, 'ok.yaml'), NAD);
    const r = checkPaths([d]);
    expect(r).toMatchObject({ exitCode: 0, files: 1 });
    expect(r.skipped).toEqual([{ path: path.join(d, 'pipe.yaml'), reason: 'is a FIFO, not a regular file' }]);
    expect(formatInputNotes(r)).toEqual([`multihome check: skipped ${path.join(d, 'pipe.yaml')}: is a FIFO, not a regular file`]);
  });

  it('a FIFO given explicitly is unreadable (exit 2), and reading it does not block', () => {
    const d = mkdir();
    const fifo = path.join(d, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const r = checkPaths([fifo]);
    expect(r.exitCode).toBe(2);
    expect(r.unreadable).toEqual([{ path: fifo, reason: 'is a FIFO, not a regular file' }]);
    // the reader itself refuses it too (opened O_NONBLOCK, checked with fstat)
    expect(readRegularFile(fifo, 1024)).toEqual({ reason: 'is a FIFO, not a regular file', kind: 'not-regular' });
  });

  it('a symlink to a file outside the tree is skipped with a reason; one inside is read once', () => {
    const outside = mkdir();
    fs.writeFileSync(path.join(outside, 'secret.yaml'), NAD);
    const d = mkdir();
    fs.writeFileSync(path.join(d, 'real.yaml'), NAD);
    fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(d, 'out.yaml'));
    fs.symlinkSync('real.yaml', path.join(d, 'same.yaml'));
    fs.symlinkSync(outside, path.join(d, 'outdir'));
    const r = expandPaths([d]);
    expect(r.files).toEqual([path.join(d, 'real.yaml')]);
    expect(r.skipped.map((s) => [path.basename(s.path), s.reason])).toEqual([
      ['out.yaml', `is a symbolic link to ${fs.realpathSync(path.join(outside, 'secret.yaml'))}, outside ${fs.realpathSync(d)}`],
      ['outdir', `is a symbolic link to ${fs.realpathSync(outside)}, outside ${fs.realpathSync(d)}`],
    ]);
  });

  it('a symlinked subdirectory inside the tree is walked once', () => {
    const d = mkdir();
    fs.mkdirSync(path.join(d, 'sub'));
    fs.writeFileSync(path.join(d, 'sub', 'x.yaml'), NAD);
    fs.symlinkSync('sub', path.join(d, 'link'));
    expect(expandPaths([d]).files).toEqual([path.join(d, 'link', 'x.yaml')]);
  });

  it('a file over the size limit is unreadable with the limit named', () => {
    const d = mkdir();
    const f = path.join(d, 'big.yaml');
    fs.writeFileSync(f, 'x'.repeat(2048));
    expect(readRegularFile(f, 1024).reason).toMatch(/file is 2048 bytes; at most 1024 bytes is read/);
    expect(readRegularFile(f, 4096).bytes?.length).toBe(2048);
  });
});
