/**
 * Bytes of a manifest file to text, strictly: UTF-8 only (a UTF-8 byte-order mark is dropped).
 * A Latin-1 byte or a UTF-16 file is refused with its line instead of being read as U+FFFD, which
 * would turn `café` into a name no rule recognises and no user can find. go-yaml (kubectl) refuses
 * invalid UTF-8 the same way (readerc.go yaml_parser_update_buffer: "invalid leading UTF-8 octet").
 */
import { SOURCE_CODES } from './codes';
import { SourceProblem } from './documents';

/** Text of a file, or the problem that stops it from being read. */
export type DecodedSource = { readonly text: string; readonly problem?: undefined } | { readonly text?: undefined; readonly problem: SourceProblem };

const resource = { kind: 'YAML', name: 'file' };

/** Decodes `bytes` as UTF-8, refusing anything else with an INPUT_ENCODING problem on the line of the first bad byte. */
export function decodeSource(file: string, bytes: Uint8Array): DecodedSource {
  const bom16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (bom16) {
    const order = bytes[0] === 0xff ? 'FF FE, UTF-16LE' : 'FE FF, UTF-16BE';
    return {
      problem: problem(file, 1, `the file is UTF-16 (byte-order mark ${order}); multihome check reads UTF-8, as kubectl's document splitter and most tools expect`, `convert it: iconv -f UTF-16 -t UTF-8 ${shellWord(file)} > out.yaml (PowerShell: Out-File -Encoding utf8)`),
    };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at; i++)
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    const byte = bytes[at] ?? 0;
    return {
      problem: problem(
        file,
        line,
        `byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} at line ${line}, column ${at - lineStart + 1} is not valid UTF-8 (Latin-1 or Windows-1252 text?)`,
        `save the file as UTF-8, e.g. iconv -f latin1 -t UTF-8 ${shellWord(file)} > out.yaml; Kubernetes names are ASCII anyway`,
      ),
    };
  }
}

function problem(file: string, line: number, message: string, fix: string): SourceProblem {
  return { code: 'INPUT_ENCODING', severity: SOURCE_CODES.INPUT_ENCODING.severity, resource, path: '', message, fix, file, line };
}

/** The file name as one word for the fix text (quoted when it holds anything unusual, control characters escaped). */
function shellWord(file: string): string {
  return /^[\w./-]+$/.test(file) ? file : JSON.stringify(file.length > 200 ? file.slice(0, 200) : file);
}

/**
 * Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629: no
 * overlong forms, no surrogates, nothing past U+10FFFF); the length when all is well.
 */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0 || i + n >= b.length) return i;
    for (let k = 1; k <= n; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    const d = b[i + 1];
    if ((c === 0xe0 && d < 0xa0) || (c === 0xed && d > 0x9f) || (c === 0xf0 && d < 0x90) || (c === 0xf4 && d > 0x8f)) return i;
    i += n + 1;
  }
  return b.length;
}
