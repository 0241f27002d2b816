import type {
  CategoricalEncoding,
  ColumnTransformSpec,
  MissingStrategy,
  NumericScaling,
} from '../../lib/features/spec.ts';

/** A choice of a select: its value and how to name it, given the column's resolved spec. */
export interface TransformOption<T extends string> {
  value: T;
  label: (spec: ColumnTransformSpec) => string;
}

export const SCALING_OPTIONS: TransformOption<NumericScaling>[] = [
  { value: 'standardize', label: () => 'standardise' },
  { value: 'minmax', label: () => 'min-max' },
  { value: 'log1p', label: () => 'log1p' },
  { value: 'quantile', label: (s) => `quantile (${s.quantileBins} buckets)` },
  { value: 'none', label: () => 'none' },
];

export const ENCODING_OPTIONS: TransformOption<CategoricalEncoding>[] = [
  { value: 'onehot', label: (s) => `one-hot (top ${s.topK})` },
  { value: 'hashing', label: (s) => `hashing (${s.hashBuckets})` },
  { value: 'embedding', label: (s) => `embedding (d=${s.dim})` },
  { value: 'frequency', label: () => 'frequency' },
  {
    value: 'target',
    label: (s) =>
      s.targetFit === 'in-sample' ? 'target (in-sample: leaks labels)' : 'target (out-of-fold)',
  },
  { value: 'native', label: () => 'native (trees only)' },
];

const NUMERIC_MISSING: TransformOption<MissingStrategy>[] = [
  { value: 'median', label: () => 'median' },
  { value: 'mean', label: () => 'mean' },
  { value: 'constant', label: () => 'constant' },
  { value: 'category', label: () => 'own category' },
];

/** A categorical column has no median: its 'median' and 'mean' both fill the most frequent level. */
const CATEGORICAL_MISSING: TransformOption<MissingStrategy>[] = [
  { value: 'median', label: () => 'most frequent level' },
  { value: 'constant', label: () => 'constant' },
  { value: 'category', label: () => 'own category' },
];

/** The default for every column: each statistic says what it means for categorical columns. */
export const DEFAULT_MISSING_OPTIONS: TransformOption<MissingStrategy>[] = [
  { value: 'median', label: () => 'median (categorical: most frequent level)' },
  { value: 'mean', label: () => 'mean (categorical: most frequent level)' },
  { value: 'constant', label: () => 'constant' },
  { value: 'category', label: () => 'own category' },
];

/** Missing-value choices for a column: numeric statistics only where they mean something. */
export function missingOptions(categorical: boolean): TransformOption<MissingStrategy>[] {
  return categorical ? CATEGORICAL_MISSING : NUMERIC_MISSING;
}

/** The choice shown for `missing`: on a categorical column 'mean' is the same as 'median'. */
export function shownMissing(missing: MissingStrategy, categorical: boolean): MissingStrategy {
  return categorical && missing === 'mean' ? 'median' : missing;
}
