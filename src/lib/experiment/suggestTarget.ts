import { inferTask } from '../data/inferTask.ts';
import type { ColumnView } from './inspectDataset.ts';

/** A target chosen for a newly imported file, the task it implies, and why, in plain words. */
export interface TargetSuggestion {
  target: string;
  task: 'binary' | 'multiclass' | 'regression';
  reason: string;
}

/** Names that usually mark the label column of a table. */
const LABEL_NAMES = /^(target|label|labels|class|y|outcome|clicked?|churn(ed)?|default|is_.+)$/i;

/**
 * A sensible target for a file whose columns do not hold the current one: the first column named
 * like a label (target, label, class, y, click, ...), else the last two-valued column, else the
 * last categorical column with at most 20 classes, else the last numeric column (regression).
 * Id-like and excluded columns are never chosen. Null when no column qualifies.
 */
export function suggestTarget(columns: readonly ColumnView[]): TargetSuggestion | null {
  const usable = columns.filter((c) => !c.idLike && !c.excluded && c.cardinality >= 2);
  // Last first: a table's label is usually its last column.
  const reversed = [...usable].reverse();
  const taskOf = (c: ColumnView) => inferTask(c.kind, c.cardinality);
  const classLike = (c: ColumnView) =>
    c.kind === 'boolean' ||
    ((c.kind === 'categorical' || c.kind === 'numeric') && c.cardinality <= 20);
  const named = usable.find(
    (c) => LABEL_NAMES.test(c.name) && (classLike(c) || c.kind === 'numeric'),
  );
  if (named) return { target: named.name, task: taskOf(named), reason: 'its name marks a label' };
  const twoValued = reversed.find((c) => c.cardinality === 2);
  if (twoValued)
    return { target: twoValued.name, task: 'binary', reason: 'the last column with two values' };
  const classes = reversed.find((c) => c.kind === 'categorical' && c.cardinality <= 20);
  if (classes)
    return {
      target: classes.name,
      task: 'multiclass',
      reason: 'the last column with a few classes',
    };
  const numeric = reversed.find((c) => c.kind === 'numeric');
  if (numeric)
    return { target: numeric.name, task: taskOf(numeric), reason: 'the last numeric column' };
  return null;
}
