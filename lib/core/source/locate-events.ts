/**
 * Where a field path sits in a YAML document, from js-yaml's flat event stream (`parseEvents`:
 * offsets into the text, no composed nodes): the fast parser the documents are loaded with, about
 * three times cheaper than a concrete syntax tree, which matters when every one of 10k documents
 * has a problem to place (review S5). Only the events along the path are looked at; subtrees
 * beside it are skipped by depth.
 */
import * as jsyaml from 'js-yaml';
import { PathSegment } from '../path';

/** A document's events, or undefined when it does not parse (every path then falls back to its start). */
export type DocumentEvents = readonly jsyaml.Event[] | undefined;

const { SEQUENCE, MAPPING, SCALAR, POP } = jsyaml.EVENT_ID;

/** Parses `text` into events within `maxDepth` (undefined when it does not parse). */
export function documentEvents(text: string, maxDepth: number): DocumentEvents {
  try {
    return jsyaml.parseEvents(text, { maxDepth });
  } catch {
    return undefined;
  }
}

/**
 * Offset in `text` of the deepest node of `path` that exists: a mapping entry's key, a sequence
 * item's start; 0 when the document has no content.
 */
export function offsetOfPath(text: string, events: DocumentEvents, path: readonly PathSegment[]): number {
  if (!events) return 0;
  let i = events.findIndex((e) => e.type !== jsyaml.EVENT_ID.DOCUMENT);
  if (i < 0 || events[i].type === POP) return 0;
  let offset = startOf(events[i]);
  for (const seg of path) {
    const ev = events[i];
    let next = -1;
    if (ev.type === MAPPING && typeof seg === 'string') {
      for (let j = i + 1; events[j] && events[j].type !== POP; ) {
        const key = events[j];
        const value = after(events, j);
        if (key.type === SCALAR && jsyaml.getScalarValue(text, key) === seg) {
          next = value;
          offset = startOf(key);
          break;
        }
        j = after(events, value);
      }
    } else if (ev.type === SEQUENCE && typeof seg === 'number') {
      let j = i + 1;
      for (let k = 0; k < seg && events[j] && events[j].type !== POP; k++) j = after(events, j);
      if (events[j] && events[j].type !== POP) {
        next = j;
        offset = startOf(events[j]);
      }
    }
    if (next < 0 || !events[next]) break;
    i = next;
  }
  return offset;
}

/** Index of the event after the node that starts at `j`. */
function after(events: readonly jsyaml.Event[], j: number): number {
  const t = events[j]?.type;
  if (t !== MAPPING && t !== SEQUENCE) return j + 1;
  let depth = 0;
  for (let k = j; k < events.length; k++) {
    const tk = events[k].type;
    if (tk === MAPPING || tk === SEQUENCE) depth++;
    else if (tk === POP && --depth === 0) return k + 1;
  }
  return events.length;
}

/** Where a node's text starts (its anchor or tag when it has one). */
function startOf(e: jsyaml.Event): number {
  if (e.type === SCALAR) return firstOf(e.anchorStart, e.tagStart, e.valueStart);
  if (e.type === MAPPING || e.type === SEQUENCE) return firstOf(e.anchorStart, e.tagStart, e.start);
  if (e.type === jsyaml.EVENT_ID.ALIAS) return e.anchorStart;
  return 0;
}

function firstOf(...offsets: number[]): number {
  let best = -1;
  for (const o of offsets) if (o >= 0 && (best < 0 || o < best)) best = o;
  return Math.max(best, 0);
}

/** 1-based line of `offset` in `text`. */
export function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let p = text.indexOf('\n'); p !== -1 && p < offset; p = text.indexOf('\n', p + 1)) line++;
  return line;
}
