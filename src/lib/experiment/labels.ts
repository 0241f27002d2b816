import { booleanMapping } from '../data/schemaParsers.ts';
import type { Column, Table } from '../data/table.ts';
import { getColumn } from '../data/table.ts';
import type { Task } from '../models/model.ts';
import { quoteInput } from '../text/quoteInput.ts';

export interface Labels {
  /** One label per table row: 0/1, a class index, or a value; NaN where the target is missing. */
  y: Float32Array;
  /** Class names by index (binary: [negative, positive]); empty for regression. */
  classes: string[];
}

export class TargetError extends Error {
  override name = 'TargetError';
}

/**
 * Reads the target column as model labels. Binary: `positiveClass` is 1 (default: the rarer of
 * the two classes); multi-class: dictionary order; regression: the numeric values.
 */
export function readLabels(
  table: Table,
  target: string,
  task: Task,
  positiveClass?: string,
): Labels {
  const column = getColumn(table, target);
  if (task === 'regression') {
    if (column.kind !== 'numeric')
      throw new TargetError(
        `Regression needs a numeric target; ${quoteInput(target)} is ${column.kind}.`,
      );
    return { y: Float32Array.from(column.values), classes: [] };
  }
  const { codes, dictionary } = categoricalView(column, target);
  const counts = new Float64Array(dictionary.length);
  for (const code of codes) if (code >= 0) counts[code]!++;
  const present = dictionary.map((_, i) => i).filter((i) => counts[i]! > 0);
  if (present.length < 2) {
    throw new TargetError(
      `The target ${quoteInput(target)} has only one class${present.length === 1 ? ` (${quoteInput(dictionary[present[0]!]!)})` : ''}: a classifier needs at least two.`,
    );
  }
  if (task === 'binary') {
    const positive =
      column.kind === 'boolean' ? booleanSide(dictionary, positiveClass) : positiveClass;
    return binaryLabels(codes, dictionary, counts, present, target, positive);
  }
  const index = new Int32Array(dictionary.length).fill(-1);
  present.forEach((code, i) => (index[code] = i));
  const y = Float32Array.from(codes, (code) => (code < 0 ? NaN : index[code]!));
  return { y, classes: present.map((code) => dictionary[code]!) };
}

function binaryLabels(
  codes: Int32Array,
  dictionary: string[],
  counts: Float64Array,
  present: number[],
  target: string,
  positiveClass: string | undefined,
): Labels {
  if (present.length > 2) {
    throw new TargetError(
      `The target ${quoteInput(target)} has ${present.length} classes: choose the multi-class task, or a two-class target.`,
    );
  }
  let positive: number;
  if (positiveClass !== undefined) {
    positive = dictionary.indexOf(positiveClass);
    if (positive < 0 || counts[positive] === 0) {
      throw new TargetError(
        `The positive class ${quoteInput(positiveClass)} does not occur in ${quoteInput(target)} (classes: ${present.map((c) => quoteInput(dictionary[c]!)).join(', ')}).`,
      );
    }
  } else positive = counts[present[0]!]! <= counts[present[1]!]! ? present[0]! : present[1]!;
  const negative = present[0] === positive ? present[1]! : present[0]!;
  const y = Float32Array.from(codes, (code) => (code < 0 ? NaN : code === positive ? 1 : 0));
  return { y, classes: [dictionary[negative]!, dictionary[positive]!] };
}

/**
 * A boolean target's positive class as its own label: the label itself, else a word of the same
 * side ("true", "yes", "1" for a column spelt Y/N), so a config written for one spelling still
 * reads the same class.
 */
function booleanSide(dictionary: string[], positiveClass: string | undefined): string | undefined {
  if (positiveClass === undefined || dictionary.includes(positiveClass)) return positiveClass;
  const side =
    positiveClass === '1' ? 1 : positiveClass === '0' ? 0 : booleanMapping([positiveClass])?.[0];
  return side === undefined ? positiveClass : dictionary[side];
}

/** A classification target as codes: categorical as is, numeric values as their distinct strings. */
function categoricalView(
  column: Column,
  target: string,
): { codes: Int32Array; dictionary: string[] } {
  if (column.kind === 'categorical' || column.kind === 'boolean') return column;
  if (column.kind === 'numeric') {
    const dictionary: string[] = [];
    const index = new Map<number, number>();
    const codes = Int32Array.from(column.values, (v) => {
      if (Number.isNaN(v)) return -1;
      let code = index.get(v);
      if (code === undefined) {
        code = dictionary.push(String(v)) - 1;
        index.set(v, code);
      }
      return code;
    });
    return { codes, dictionary };
  }
  throw new TargetError(
    `The target ${quoteInput(target)} is a ${column.kind} column; pick a categorical or numeric one.`,
  );
}
