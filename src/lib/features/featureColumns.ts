/**
 * Which table columns become features and with which transform: every column except the target,
 * the excluded ones and those the spec drops. Shared by fitting and by the planner.
 */
import type { Column, Table } from '../data/table.ts';
import {
  isDropped,
  resolveColumnSpec,
  type ColumnTransformSpec,
  type FeatureSpec,
} from './spec.ts';

export interface FeatureColumn {
  column: Column;
  spec: ColumnTransformSpec;
}

/** The feature columns in table order, each with its resolved transform. */
export function selectFeatureColumns(
  table: Table,
  spec: FeatureSpec,
  target: string,
  exclude: readonly string[] = [],
): FeatureColumn[] {
  const excluded = new Set(exclude);
  excluded.add(target);
  const out: FeatureColumn[] = [];
  for (const column of table.columns) {
    if (excluded.has(column.name) || isDropped(spec, column.name)) continue;
    out.push({ column, spec: resolveColumnSpec(spec, column.name) });
  }
  return out;
}

/** The training values of a numeric or datetime column, gathered in trainRows order. */
export function gatherValues(values: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = values[rows[i]!]!;
  return out;
}
