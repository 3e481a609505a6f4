/**
 * The KubeVirt flavour of the shared {@link FieldReader}: Go's encoding/json types (no lenient
 * scalars, no templates) and KubeVirt's wording (`<path> is <value>; it must be …`).
 */
import { FieldReaderStyle, JsonKind } from '../../field-reader';
import { show } from '../../problems';
import { KubevirtCode } from '../codes';

const WANT: Partial<Record<JsonKind, string>> = {
  string: 'a string',
  integer: 'an integer',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
};

/** How KubeVirt fields are read and their problems worded (code `KUBEVIRT_FIELD_TYPE`). */
export const KUBEVIRT_READER_STYLE: FieldReaderStyle = {
  typeCode: 'KUBEVIRT_FIELD_TYPE' satisfies KubevirtCode,
  skipTemplates: false,
  lenientScalars: false,
  missing: (path, key, kind) => ({ message: `${path} is required and missing`, fix: `set ${key} to ${WANT[kind]}` }),
  mistyped: (path, key, v, kind) => ({ message: `${path} is ${show(v)}; it must be ${WANT[kind]}`, fix: `write ${key} as ${WANT[kind]}` }),
};

/** Label of list items read with `records()`: the fix reads "write each list item as a mapping". */
export const LIST_ITEM = 'each list item';
