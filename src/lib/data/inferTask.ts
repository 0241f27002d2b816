import type { Task } from '../models/model.ts';
import type { ColumnKind } from './table.ts';

/** Distinct values above which a numeric target is a quantity to predict, not a set of classes. */
export const MAX_NUMERIC_CLASSES = 20;

/**
 * The task a target column implies, the one rule the Frame step, the target suggestion and the
 * leakage check share (docs/design.md, `data.task`): two distinct values make a binary task; a
 * numeric column with more than {@link MAX_NUMERIC_CLASSES} distinct values a regression;
 * anything else (categories, or a numeric column with few values) a multi-class one.
 *
 * @param cardinality distinct non-missing values
 */
export function inferTask(kind: ColumnKind, cardinality: number): Task {
  if (cardinality === 2) return 'binary';
  return kind === 'numeric' && cardinality > MAX_NUMERIC_CLASSES ? 'regression' : 'multiclass';
}
