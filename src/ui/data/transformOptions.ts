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
  { value: 'target', label: () => 'target (out-of-fold)' },
  { value: 'native', label: () => 'native (trees only)' },
];

export const MISSING_OPTIONS: TransformOption<MissingStrategy>[] = [
  { value: 'median', label: () => 'median' },
  { value: 'mean', label: () => 'mean' },
  { value: 'constant', label: () => 'constant' },
  { value: 'category', label: () => 'own category' },
];
