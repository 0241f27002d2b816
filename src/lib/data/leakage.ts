import { getColumn, type Column, type Table } from './table.ts';
import {
  correlationRatio,
  groupRateAuc,
  normalizedPurity,
  oneVsRestAuc,
  pearson,
  poolRareCategories,
  quantileGroups,
  spearman,
} from './leakageScores.ts';
import { formatPercent } from '../text/format.ts';
import { inferTask } from './inferTask.ts';
import { quoteInput } from '../text/quoteInput.ts';

/** A column that predicts the target suspiciously well on its own. */
export interface LeakageFinding {
  column: string;
  /** The measure named in `reason`, in [0, 1]; higher is more suspicious. */
  score: number;
  /** Plain words for the user, naming the measure and its value. */
  reason: string;
}

export interface LeakageOptions {
  /**
   * Flag a column whose single-feature AUC, or 1 - AUC, reaches this (numeric and datetime
   * columns; categorical ones against a binary target). Default 0.95.
   */
  aucThreshold?: number;
  /**
   * Flag a column correlated with a numeric target at least this much: max(|Pearson|,
   * |Spearman|), or the correlation ratio eta for categories. Default 0.95.
   */
  correlationThreshold?: number;
  /**
   * Flag a categorical column whose per-category majority vote reaches this normalized
   * accuracy against a multi-class target. Default 0.9.
   */
  purityThreshold?: number;
  /** Categories with fewer rows are pooled, so that rare categories cannot look pure. Default 10. */
  minCategoryCount?: number;
  /** Columns not to check (ids, columns already excluded). */
  exclude?: readonly string[];
}

/** The target as integer classes (classification) or numbers (regression). */
type Target =
  | { task: 'classification'; labels: Int32Array; classCount: number }
  | { task: 'regression'; values: Float64Array };

/** Ranges a numeric column is cut into against a multi-class target. */
const QUANTILE_BINS = 20;
const AFTER_OUTCOME = 'it may only be known after the outcome, or be computed from the target';

/**
 * Columns that alone predict the target suspiciously well, most suspicious first. The target's
 * task is {@link inferTask}'s. Binary or multi-class target: numeric and datetime
 * columns by single-feature ROC AUC (one-vs-rest, averaged, for several classes); categorical
 * and boolean columns by the AUC of their per-category positive rate (binary) or normalized
 * per-category purity (multi-class). Regression target: max(|Pearson|, |Spearman|) for numbers,
 * the correlation ratio for categories. Text columns and the target are skipped.
 * O(n log n) per column.
 */
export function detectLeakage(
  table: Table,
  targetName: string,
  options: LeakageOptions = {},
): LeakageFinding[] {
  const target = targetOf(getColumn(table, targetName));
  const skip = new Set([targetName, ...(options.exclude ?? [])]);
  const findings: LeakageFinding[] = [];
  for (const column of table.columns) {
    if (skip.has(column.name) || column.kind === 'text') continue;
    const finding = scoreColumn(column, target, options);
    if (finding) findings.push(finding);
  }
  return findings.sort((a, b) => b.score - a.score);
}

function targetOf(column: Column): Target {
  if (column.kind === 'categorical' || column.kind === 'boolean') {
    return { task: 'classification', labels: column.codes, classCount: column.dictionary.length };
  }
  if (column.kind !== 'numeric') {
    throw new Error(
      `The target ${quoteInput(column.name)} must be numeric, categorical or boolean.`,
    );
  }
  const present = Array.from(new Set(column.values))
    .filter((v) => !Number.isNaN(v))
    .sort((a, b) => a - b);
  if (inferTask('numeric', present.length) === 'regression')
    return { task: 'regression', values: column.values };
  // Classes in increasing value: of two, the higher is the positive class.
  const classOf = new Map(present.map((v, k) => [v, k]));
  const labels = Int32Array.from(column.values, (v) => classOf.get(v) ?? -1);
  return { task: 'classification', labels, classCount: present.length };
}

function scoreColumn(
  column: Column,
  target: Target,
  options: LeakageOptions,
): LeakageFinding | null {
  const aucThreshold = options.aucThreshold ?? 0.95;
  const correlationThreshold = options.correlationThreshold ?? 0.95;
  const purityThreshold = options.purityThreshold ?? 0.9;
  const minCount = options.minCategoryCount ?? 10;
  const name = column.name;
  const flag = (score: number, threshold: number, reason: string): LeakageFinding | null =>
    score >= threshold ? { column: name, score, reason } : null;

  if (column.kind === 'numeric' || column.kind === 'datetime') {
    if (target.task === 'regression') {
      const r = Math.max(
        Math.abs(pearson(column.values, target.values)),
        Math.abs(spearman(column.values, target.values)),
      );
      return flag(
        r,
        correlationThreshold,
        `it correlates with the target at ${fmt(r)} — ${AFTER_OUTCOME}`,
      );
    }
    const aucs = oneVsRestAuc(column.values, target.labels, target.classCount).filter(
      (auc) => !Number.isNaN(auc),
    );
    if (aucs.length === 2) {
      // A column that ranks the target backwards is as telling as one that ranks it forwards.
      const auc = Math.max(aucs[1] as number, 1 - (aucs[1] as number));
      return flag(
        auc,
        aucThreshold,
        `alone it separates the target with AUC ${fmt(auc)} — ${AFTER_OUTCOME}`,
      );
    }
    if (aucs.length < 2) return null;
    // Several classes: a one-vs-rest AUC misses a middle class, so bin the values instead.
    const bins = quantileGroups(column.values, QUANTILE_BINS);
    const purity = normalizedPurity(bins.groups, bins.groupCount, target.labels, target.classCount);
    return flag(
      purity,
      purityThreshold,
      `cut into ${QUANTILE_BINS} ranges it alone tells the class: ${formatPercent(purity, 0)} of the way from ` +
        `guessing the majority class to perfect — ${AFTER_OUTCOME}`,
    );
  }
  if (column.kind !== 'categorical' && column.kind !== 'boolean') return null;
  const { groups, groupCount } = poolRareCategories(column.codes, minCount);
  if (target.task === 'regression') {
    const eta = correlationRatio(groups, groupCount, target.values);
    return flag(
      eta,
      correlationThreshold,
      `its categories explain ${formatPercent(eta * eta, 0)} of the target's variance (correlation ratio ${fmt(eta)}) — ${AFTER_OUTCOME}`,
    );
  }
  if (presentClassCount(target.labels, target.classCount) === 2) {
    const auc = groupRateAuc(groups, groupCount, binaryLabels(target.labels));
    const separation = Math.max(auc, 1 - auc);
    return flag(
      separation,
      aucThreshold,
      `its categories alone separate the target with AUC ${fmt(separation)} — ${AFTER_OUTCOME}`,
    );
  }
  const purity = normalizedPurity(groups, groupCount, target.labels, target.classCount);
  return flag(
    purity,
    purityThreshold,
    `its category alone tells the class: ${formatPercent(purity, 0)} of the way from guessing the ` +
      `majority class to perfect — ${AFTER_OUTCOME}`,
  );
}

function presentClassCount(labels: Int32Array, classCount: number): number {
  const seen = new Uint8Array(classCount);
  for (let i = 0; i < labels.length; i++)
    if ((labels[i] as number) >= 0) seen[labels[i] as number] = 1;
  return seen.reduce((a, b) => a + b, 0);
}

/** Two present classes as 0/1: the higher code is positive (AUC is symmetric in our use). */
function binaryLabels(labels: Int32Array): Int32Array {
  let high = -1;
  for (let i = 0; i < labels.length; i++) high = Math.max(high, labels[i] as number);
  return Int32Array.from(labels, (label) => (label < 0 ? -1 : label === high ? 1 : 0));
}

function fmt(value: number): string {
  return value.toFixed(2);
}
