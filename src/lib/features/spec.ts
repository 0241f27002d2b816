/**
 * The feature part of the experiment config (`config.features`): how each column becomes model inputs.
 * Field names are a public contract (docs/design.md): more may be added, none renamed.
 */

import {
  CATEGORICAL_ENCODING,
  FEATURE_SETTINGS as F,
  MISSING_STRATEGY,
  NUMERIC_SCALING,
  QUANTILE_OUTPUT,
  TARGET_FIT,
} from '../catalog/featureSettings.ts';

/** How a numeric (or datetime, as epoch ms) column is scaled. */
export type NumericScaling = (typeof NUMERIC_SCALING.options)[number]['value'];

/**
 * How a categorical (or boolean) column is encoded. 'target' (the smoothed mean label of the level) is meant
 * for binary and regression targets; it needs the labels when fitting. 'native' hands the level's code to
 * gradient-boosted trees, which split on sets of levels (gbdt only): the NATIVE_MAX_LEVELS most frequent
 * levels get codes 0..L-1 by training frequency, rarer and unseen ones share the code L ("<other>").
 */
export type CategoricalEncoding = (typeof CATEGORICAL_ENCODING.options)[number]['value'];

/** Most levels a 'native' column keeps: with "<other>", 255 codes, one tree bin each. */
export const NATIVE_MAX_LEVELS = 254;

/**
 * How missing values are filled.
 * Numeric: 'mean' / 'median' / 'constant' fill the raw value before scaling; 'category' sets the scaled
 * value to 0 and always adds a missing-indicator column (the indicator carries the information).
 * Categorical: 'mean' / 'median' fill with the most frequent training level (a mean has no meaning
 * there); 'constant' fills with `constant`; 'category' makes missing its own level "<missing>".
 */
export type MissingStrategy = (typeof MISSING_STRATEGY.options)[number]['value'];

/**
 * 'out-of-fold': a training row's target mean leaves out its own fold, so no row sees its own label.
 * 'in-sample' (a mistake, kept to teach it): the means are fitted on the training and validation
 * rows together and used as they are on those same rows, so each row's own label is inside its
 * feature; validation scores look too good, and rows encoded later (test, serving) get no such help
 * (docs/design.md "The experiment config").
 */
export type TargetFit = (typeof TARGET_FIT.options)[number]['value'];

/** Whether quantile buckets are emitted as one-hot columns or as one ordinal column in [0, 1]. */
export type QuantileOutput = (typeof QUANTILE_OUTPUT.options)[number]['value'];

export interface ColumnTransformSpec {
  numeric: NumericScaling;
  /** Number of quantile buckets K (numeric 'quantile'); default 10. */
  quantileBins: number;
  /** Default 'onehot'. */
  quantileOutput: QuantileOutput;
  categorical: CategoricalEncoding;
  /** One-hot keeps at most this many most frequent levels, the rest go to "<other>"; default 50. */
  topK: number;
  /** One-hot and embedding: levels seen fewer times than this in training go to "<other>" / id 0; default 1 (keep all). */
  minFrequency: number;
  /** Number of buckets N for 'hashing'; default 1024. */
  hashBuckets: number;
  /** Embedding dimension d for 'embedding'; read by the embedding model; default 8. */
  dim: number;
  /** Largest embedding vocabulary (levels by training frequency, excluding the reserved id 0); 0 = no cap. Default 0. */
  maxVocab: number;
  /** Folds for out-of-fold target encoding on training rows; default 5. */
  targetFolds: number;
  /** Pseudo-count m pulling a level's target mean toward the prior: (sum + m prior) / (count + m); default 10. */
  targetSmoothing: number;
  /**
   * How target means meet their own rows; default 'out-of-fold'. 'in-sample' is the leakage
   * mistake, offered to be seen: see TargetFit.
   */
  targetFit: TargetFit;
  missing: MissingStrategy;
  /** Fill value for missing 'constant': a number for numeric columns (default 0), a level for categorical (default "<missing>"). */
  constant?: number | string;
  /** Add a 0/1 "<col>_missing" column; default false (always on for numeric missing 'category'). */
  indicator: boolean;
  /** Number of hashed buckets N of a text column's TF-IDF (unigrams + bigrams); default 1024. */
  textBuckets: number;
}

/** Per-column override: any subset of the default, or `drop: true` to leave the column out. */
export type ColumnOverride = Partial<ColumnTransformSpec> & { drop?: boolean };

/** A hashed cross of two columns into `buckets` features: [columnA, columnB, buckets]. */
export type CrossSpec = [string, string, number];

export interface FeatureSpec {
  default: Partial<ColumnTransformSpec>;
  columns?: Record<string, ColumnOverride>;
  crosses?: CrossSpec[];
}

/** Every default from the settings catalog (src/lib/catalog/featureSettings.ts). */
export const DEFAULT_COLUMN_TRANSFORM: Readonly<ColumnTransformSpec> = Object.freeze({
  numeric: NUMERIC_SCALING.default,
  quantileBins: F.quantileBins.default,
  quantileOutput: QUANTILE_OUTPUT.default,
  categorical: CATEGORICAL_ENCODING.default,
  topK: F.topK.default,
  minFrequency: F.minFrequency.default,
  hashBuckets: F.hashBuckets.default,
  dim: F.dim.default,
  maxVocab: F.maxVocab.default,
  targetFolds: F.targetFolds.default,
  targetSmoothing: F.targetSmoothing.default,
  targetFit: TARGET_FIT.default,
  missing: MISSING_STRATEGY.default,
  indicator: false,
  textBuckets: F.textBuckets.default,
});

export const DEFAULT_FEATURE_SPEC: Readonly<FeatureSpec> = Object.freeze({
  default: DEFAULT_COLUMN_TRANSFORM,
});

/** The level used for a categorical missing value under 'category' (and the default 'constant'). */
export const MISSING_LEVEL = '<missing>';
/** The one-hot bucket of rare, unseen and capped-away levels. */
export const OTHER_LEVEL = '<other>';

/** A column's override, read safely: user column names like "__proto__" never reach Object.prototype. */
export function columnOverride(spec: FeatureSpec, name: string): ColumnOverride | undefined {
  const columns = spec.columns;
  if (columns === undefined || !Object.hasOwn(columns, name)) return undefined;
  return columns[name];
}

/** The full transform for one column: defaults, then spec.default, then the column's own override. */
export function resolveColumnSpec(spec: FeatureSpec, name: string): ColumnTransformSpec {
  const resolved: ColumnTransformSpec = { ...DEFAULT_COLUMN_TRANSFORM };
  // A hand-written or older config may lack `default`.
  if (spec.default !== undefined) assignDefined(resolved, spec.default);
  const override = columnOverride(spec, name);
  if (override !== undefined) assignDefined(resolved, override);
  return resolved;
}

// Copies only known keys with defined values, so `{ topK: undefined }` keeps the default and stray keys are ignored.
function assignDefined(target: ColumnTransformSpec, source: Partial<ColumnTransformSpec>): void {
  const writable = target as unknown as Record<string, unknown>;
  for (const key of Object.keys(DEFAULT_COLUMN_TRANSFORM).concat('constant')) {
    if (!Object.hasOwn(source, key)) continue;
    const value = (source as Record<string, unknown>)[key];
    if (value !== undefined) writable[key] = value;
  }
}
