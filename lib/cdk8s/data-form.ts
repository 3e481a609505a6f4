/** Constructs made from the data form (`environment:` prop): their problems keep data-form paths. */
import { Construct } from 'constructs';
import { Declarer } from '../core/topology/declarer-terms';

const DATA_FORM = new WeakSet<Construct>();

/** Marks a construct as made from the data form (`environment:` prop). */
export function markDataForm<T extends Construct>(c: T): T {
  DATA_FORM.add(c);
  return c;
}

/** A construct as the declarer of a spec (lib/core/topology/declarer-terms.ts). */
export function declarerOf(c: Construct): Declarer {
  return { path: c.node.path, id: c.node.id, ...(DATA_FORM.has(c) ? { dataForm: true } : {}) };
}
