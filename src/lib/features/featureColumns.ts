/**
 * Which table columns become features and with which transform: every column except the target,
 * the excluded ones and those the spec drops. One rule for fitting, the planner, the Python export
 * and the data step's "Use" boxes.
 */
import type { Column, Table } from '../data/table.ts';
import {
  columnOverride,
  resolveColumnSpec,
  type ColumnTransformSpec,
  type FeatureSpec,
} from './spec.ts';

export interface FeatureColumn {
  column: Column;
  spec: ColumnTransformSpec;
}

/** Columns a data set leaves out of the features, before the spec's own `drop`. */
export interface FeatureExclusions {
  /** Never features: the target, the ranking group, a true-probability or ignored column. */
  never: readonly string[];
  /** Left out unless the column's override says `drop: false`: id-like and all-missing columns. */
  byDefault?: readonly string[];
}

/**
 * Whether column `name` is a feature: never one when in `exclusions.never`; otherwise the column's
 * own `drop` override decides; without one, columns in `exclusions.byDefault` are left out and
 * every other column is a feature.
 */
export function isFeatureColumn(
  spec: FeatureSpec,
  name: string,
  exclusions: FeatureExclusions,
): boolean {
  if (exclusions.never.includes(name)) return false;
  const drop = columnOverride(spec, name)?.drop;
  return drop === undefined ? !(exclusions.byDefault ?? []).includes(name) : !drop;
}

/** The feature columns in table order, each with its resolved transform. */
export function selectFeatureColumns(
  table: Table,
  spec: FeatureSpec,
  target: string,
  exclude: readonly string[] = [],
): FeatureColumn[] {
  const exclusions = { never: [target, ...exclude] };
  const out: FeatureColumn[] = [];
  for (const column of table.columns) {
    if (!isFeatureColumn(spec, column.name, exclusions)) continue;
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
