/**
 * A cheap planner for the UI: the feature count, per-column widths, matrix bytes and warnings a spec would
 * give, without materialising the matrix (one counting pass per categorical column; a sort for quantiles).
 * Its counts equal those of fitFeaturePipeline on the same inputs.
 */
import type { Table } from '../data/table.ts';
import { gatherValues, selectFeatureColumns } from './featureColumns.ts';
import { fitNumeric, numericMainWidth } from './numericTransform.ts';
import type { CategoricalEncoding, FeatureSpec, NumericScaling } from './spec.ts';
import { countLevels, selectVocabulary } from './vocabulary.ts';
import { formatBytes, formatPercent } from '../text/format.ts';
import { quoteInput } from '../text/quoteInput.ts';

export interface ColumnPlan {
  name: string;
  kind: 'numeric' | 'categorical' | 'text' | 'cross';
  encoding: NumericScaling | CategoricalEncoding | 'tfidf' | 'hashing';
  /** Dense features, indicator included. */
  features: number;
  /** Distinct training levels (after filling missing values); categorical only. */
  levels?: number;
  /** Embedding vocabulary incl. the reserved id 0; embedding only. */
  vocabSize?: number;
  /** Embedding dimension from the spec; embedding only. */
  dim?: number;
}

export interface FeaturePlan {
  /** Dense feature count (FeatureMatrix.cols). */
  features: number;
  /** Embedding id columns. */
  idColumns: number;
  columns: ColumnPlan[];
  /** Bytes of one row: 4 per dense feature and per id. */
  bytesPerRow: number;
  /** Bytes of the matrix for options.rows rows. */
  matrixBytes: number;
  warnings: string[];
}

export interface DescribeOptions {
  target: string;
  exclude?: string[];
  /** Rows the matrix will hold; default table.rowCount. */
  rows?: number;
  /** Warn above this many matrix bytes; default 512 MiB. */
  memoryBudgetBytes?: number;
}

/** Why a config with no feature column cannot train: the plan warns, the run refuses. */
export const NO_FEATURES =
  'There are no feature columns: the data set has only the target, or every other column is ' +
  'excluded or dropped. Use at least one other column as a feature.';

/** Above this many one-hot columns for one source column, suggest hashing or an embedding. */
export const WIDE_ONE_HOT = 1000;
/** Above this many dense features in all, warn. */
export const MANY_FEATURES = 10_000;
const DEFAULT_BUDGET = 512 * 1024 * 1024;

/** Plans the features of `spec` over `trainRows` of `table`. */
export function describeFeatures(
  table: Table,
  trainRows: Int32Array,
  spec: FeatureSpec,
  options: DescribeOptions,
): FeaturePlan {
  const columns: ColumnPlan[] = [];
  const warnings: string[] = [];
  let idColumns = 0;
  for (const { column, spec: s } of selectFeatureColumns(
    table,
    spec,
    options.target,
    options.exclude,
  )) {
    const indicator = s.indicator ? 1 : 0;
    if (column.kind === 'numeric' || column.kind === 'datetime') {
      // Only quantile one-hot depends on the data (tied cut points merge); fitting it is a sort.
      const main =
        s.numeric === 'quantile' && s.quantileOutput === 'onehot'
          ? numericMainWidth(
              fitNumeric(column.name, column.kind, gatherValues(column.values, trainRows), s, 0),
            )
          : 1;
      const features = main + (indicator || s.missing === 'category' ? 1 : 0);
      columns.push({ name: column.name, kind: 'numeric', encoding: s.numeric, features });
    } else if (column.kind === 'text') {
      columns.push({
        name: column.name,
        kind: 'text',
        encoding: 'tfidf',
        features: bucketCount(s.textBuckets) + indicator,
      });
    } else {
      const { ranked } = countLevels(column, trainRows, s);
      const levels = ranked.length;
      const plan: ColumnPlan = {
        name: column.name,
        kind: 'categorical',
        encoding: s.categorical,
        features: 0,
        levels,
      };
      if (s.categorical === 'onehot') {
        const kept = selectVocabulary(ranked, s.minFrequency, Math.max(0, s.topK));
        plan.features = kept.length + 1;
        const keptRows = ranked.slice(0, kept.length).reduce((n, r) => n + r.count, 0);
        const otherShare = trainRows.length > 0 ? 1 - keptRows / trainRows.length : 0;
        if (plan.features > WIDE_ONE_HOT) {
          warnings.push(
            `One-hot ${quoteInput(column.name)} makes ${plan.features.toLocaleString('en-US')} columns: consider hashing or an embedding.`,
          );
        } else if (otherShare > 0.1) {
          warnings.push(
            `One-hot ${quoteInput(column.name)} keeps ${kept.length} of its ${levels} levels in the training split; ${formatPercent(otherShare, 0)} of rows fall in "<other>": consider hashing or an embedding.`,
          );
        }
      } else if (s.categorical === 'hashing') {
        plan.features = bucketCount(s.hashBuckets);
        if (levels > plan.features) {
          warnings.push(
            `Hashing ${quoteInput(column.name)}: ${levels} levels in the training split into ${plan.features} buckets, so levels collide.`,
          );
        }
      } else if (s.categorical === 'embedding') {
        plan.vocabSize = selectVocabulary(ranked, s.minFrequency, s.maxVocab).length + 1;
        plan.dim = s.dim;
        idColumns++;
      } else {
        plan.features = 1;
      }
      plan.features += indicator;
      if (levels > 0.9 * trainRows.length && trainRows.length >= 100) {
        warnings.push(
          `${quoteInput(column.name)} has a distinct value on almost every row: it looks like an ID.`,
        );
      }
      columns.push(plan);
    }
  }
  for (const [a, b, buckets] of spec.crosses ?? []) {
    for (const name of [a, b]) {
      const kind = table.columns.find((c) => c.name === name)?.kind;
      if (kind !== 'categorical' && kind !== 'boolean') {
        warnings.push(`Cross ${a} x ${b}: ${quoteInput(name)} is not a categorical column.`);
      }
    }
    columns.push({
      name: `${a}*${b}`,
      kind: 'cross',
      encoding: 'hashing',
      features: bucketCount(buckets),
    });
  }
  const features = columns.reduce((n, c) => n + c.features, 0);
  if (columns.length === 0) warnings.push(NO_FEATURES);
  const bytesPerRow = 4 * (features + idColumns);
  const matrixBytes = bytesPerRow * (options.rows ?? table.rowCount);
  if (features > MANY_FEATURES) {
    warnings.push(
      `${features.toLocaleString('en-US')} features in all: training and serving will be slow.`,
    );
  }
  const budget = options.memoryBudgetBytes ?? DEFAULT_BUDGET;
  if (matrixBytes > budget) {
    warnings.push(
      `The feature matrix would take ${formatBytes(matrixBytes)} (budget ${formatBytes(budget)}): use fewer hash buckets, embeddings instead of one-hot, or fewer rows.`,
    );
  }
  // A config can name the same cross twice: one warning each, not two identical lines.
  return {
    features,
    idColumns,
    columns,
    bytesPerRow,
    matrixBytes,
    warnings: [...new Set(warnings)],
  };
}

// As the fitters read a bucket count.
function bucketCount(n: number): number {
  return Math.max(1, Math.floor(n));
}
