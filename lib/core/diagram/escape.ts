/**
 * Escaping of label text for the two output syntaxes. Names in manifests are user input (a NAD
 * name, a nodeSelector label, a problem message); none of it may break out of a label.
 */

/** Control characters (newline included) become spaces: a label line is one line. */
function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]/g, ' ');
}

/** Text inside a Graphviz HTML-like label (`<...>`): XML-escaped, on one line. */
export function escapeDotHtml(s: string): string {
  return oneLine(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A Graphviz double-quoted string: backslash and quote escaped (so `\N`, `\G` and friends stay
 * literal), newlines as `\n`, other control characters dropped to spaces.
 */
export function quoteDot(s: string): string {
  const body = s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n');
  return `"${oneLine(body)}"`;
}

/**
 * Text inside a Mermaid double-quoted label: characters Mermaid or its HTML labels would
 * interpret (`"`, `#`, `&`, `<`, `>`, backtick) become Mermaid entity codes (`#34;`).
 */
export function escapeMermaid(s: string): string {
  return oneLine(s).replace(/["#&<>`]/g, (c) => `#${c.codePointAt(0)};`);
}
