import * as fs from 'fs';

/** A file's text, or why it was not read. */
export type BoundedRead = { readonly text: string; readonly reason?: undefined } | { readonly text?: undefined; readonly reason: string };

/**
 * Reads a UTF-8 text file that must be a regular file of at most `maxBytes`. Opened without
 * blocking and checked with fstat on the open descriptor, so a FIFO, socket or device named
 * `x.yaml` is refused instead of hanging the process, and a file swapped between check and
 * read cannot slip through. Bytes that are not UTF-8 are refused (they would decode to U+FFFD
 * and turn into names nobody wrote).
 */
export function readTextFileBounded(file: string, maxBytes: number): BoundedRead {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { reason: code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { reason: `not a regular file (${st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a FIFO' : st.isSocket() ? 'a socket' : 'a device'})` };
    if (st.size > maxBytes) return { reason: `${st.size} bytes; at most ${maxBytes} are read` };
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < st.size) {
      const n = fs.readSync(fd, buf, off, st.size - off, off);
      if (n === 0) break;
      off += n;
    }
    return decodeUtf8(buf.subarray(0, off));
  } catch (e) {
    return { reason: (e as Error).message };
  } finally {
    fs.closeSync(fd);
  }
}

/** Decodes strict UTF-8 (a UTF-8 BOM is dropped); UTF-16 is named as such. */
export function decodeUtf8(buf: Uint8Array): BoundedRead {
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) return { reason: 'the file is UTF-16 encoded; save it as UTF-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf) };
  } catch {
    return { reason: 'the file is not valid UTF-8 (a Latin-1 or binary byte?); save it as UTF-8' };
  }
}
