/**
 * Reading one input file from hostile storage, shared by `check`, `diagram`, environment files
 * and the agent's config: opened non-blocking and checked with `fstat` on the open descriptor, so
 * a FIFO, socket or device named `x.yaml` (or a path swapped for one after a directory walk) is
 * refused instead of blocking the process; a file over the limit is refused unread, and one that
 * grows past it while being read is refused too.
 */
import * as fs from 'fs';
import { sizeRefusal } from './bounded-yaml';

/** Why a file was not read: it could not be opened/read, it is not a regular file, or it is too large. */
export type FileRefusalKind = 'unreadable' | 'not-regular' | 'too-large';

/** A file's bytes, or why they were not read. */
export type RegularFileRead =
  | { readonly bytes: Buffer; readonly reason?: undefined; readonly kind?: undefined }
  | { readonly bytes?: undefined; readonly reason: string; readonly kind: FileRefusalKind };

/** What a non-regular file is, for messages. */
export function describeStats(st: fs.Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isDirectory()) return 'a directory';
  return 'not a regular file';
}

/** An fs error as a short reason. */
export function errnoReason(e: unknown): string {
  return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message;
}

/** Reads `file`, which must be a regular file of at most `maxBytes`. */
export function readRegularFile(file: string, maxBytes: number): RegularFileRead {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    return { reason: errnoReason(e), kind: 'unreadable' };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { reason: `is ${describeStats(st)}, not a regular file`, kind: 'not-regular' };
    const tooBig = sizeRefusal(st.size, maxBytes, 'file');
    if (tooBig) return { reason: `${tooBig.reason}; ${tooBig.fix}`, kind: 'too-large' };
    const buf = Buffer.allocUnsafe(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      const got = fs.readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n === buf.length) return { reason: `grew past ${maxBytes} bytes while being read`, kind: 'too-large' };
    }
    return { bytes: buf.subarray(0, n) };
  } catch (e) {
    return { reason: (e as Error).message, kind: 'unreadable' };
  } finally {
    fs.closeSync(fd);
  }
}
