/**
 * The CNI flavour of the shared {@link FieldReader}: Go's encoding/json types (JSON null decodes
 * to the zero value, so it is never wrong), no templates, and the CNI wording of a field whose
 * type makes the plugin's `json.Unmarshal` fail.
 */
import { FieldReaderStyle, JsonKind, jsonTypeName } from '../../field-reader';
import { show } from '../../problems';
import { CniCode } from '../codes';

/** How each JSON kind is named in messages. */
export const KIND_WORDS: Readonly<Record<JsonKind, string>> = {
  string: 'a string',
  boolean: 'true or false',
  integer: 'an integer',
  object: 'a JSON object',
  array: 'a JSON array',
  stringMap: 'an object of string values',
  boolMap: 'an object of true/false values',
  any: 'any value',
};

/** How plugin config fields are read and their problems worded (code `CNI_FIELD_TYPE`). */
export const CNI_READER_STYLE: FieldReaderStyle = {
  typeCode: 'CNI_FIELD_TYPE' satisfies CniCode,
  skipTemplates: false,
  lenientScalars: false,
  missing: (_path, key, kind) => ({ message: `${key} is missing; allowed: ${KIND_WORDS[kind]}`, fix: `set ${key}` }),
  mistyped: (_path, key, v, kind) => ({ message: `${key} is ${show(v)} (${jsonTypeName(v)}); allowed: ${KIND_WORDS[kind]} — otherwise the plugin's json.Unmarshal fails`, fix: `write ${key} as ${KIND_WORDS[kind]}` }),
};
