/**
 * Fields the API server refuses to change: a change is a replacement (delete, then create).
 * The semantic diff classifies such a change as `replace`, and the Pulumi components register
 * the objects with `replaceOnChanges` on the same fields — one table for both.
 *
 * - NNCP `spec.capture`: kubernetes-nmstate's ValidatingAdmissionPolicy
 *   (nmstate/kubernetes-nmstate deploy/handler/operator.yaml, 2026: an UPDATE must keep
 *   `spec.capture` absent or equal — "invalid policy operation: capture field cannot be
 *   modified"; earlier the update webhook in pkg/webhook/nodenetworkconfigurationpolicy).
 */
import { API } from '../manifest';

/** Kind → dotted paths of its immutable fields. */
export const IMMUTABLE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  [API.nncp.kind]: ['spec.capture'],
};
