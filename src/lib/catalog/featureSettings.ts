import type { ChoiceSetting, DefaultedNumberSetting, NumberSetting } from './setting.ts';

/**
 * Feature settings, each once: how a column becomes model inputs (docs/design.md "Data and
 * features"). Each applies as `features.default.<key>` to every column and as
 * `features.columns.<name>.<key>` to one; paths here name the default. Each encoding names the knob
 * that sizes it.
 */

/**
 * Most hashed buckets of one column or cross: 2^18. Logistic regression and networks read hashed
 * and one-hot blocks as sparse rows (their cost grows with non-zeros, not buckets); gradient-boosted
 * trees read dense cells, where the 1 GiB matrix budget refuses large tables with a message.
 */
const MAX_BUCKETS = 1 << 18;

const count = (
  key: string,
  defaultValue: number,
  min: number,
  max: number,
  label: string,
  help: string,
): DefaultedNumberSetting => ({
  path: `features.default.${key}`,
  type: 'integer',
  default: defaultValue,
  min,
  max,
  ui: { min, max, step: 1 },
  label,
  help,
});

export const NUMERIC_SCALING = {
  path: 'features.default.numeric',
  default: 'standardize',
  options: [
    { value: 'standardize', label: 'standardise', help: 'Subtract the mean, divide by the sd.' },
    { value: 'minmax', label: 'min-max', help: 'Map the training range to [0, 1].' },
    { value: 'log1p', label: 'log1p', help: 'ln(1 + x): tames long right tails.' },
    {
      value: 'quantile',
      label: 'quantile',
      help: 'Bucket by training quantiles: robust to outliers and monotone shapes.',
      sizedBy: 'quantileBins',
    },
    { value: 'none', label: 'none', help: 'The raw value.' },
  ],
  label: 'Numeric scaling',
  help: 'How numeric (and date) columns are scaled; statistics come from the training split.',
} as const satisfies ChoiceSetting;

export const CATEGORICAL_ENCODING = {
  path: 'features.default.categorical',
  default: 'onehot',
  options: [
    {
      value: 'onehot',
      label: 'one-hot',
      help: 'One column per frequent level, the rest in "<other>".',
      sizedBy: 'topK',
    },
    {
      value: 'hashing',
      label: 'hashing',
      help: 'Levels folded into N buckets by a hash: fixed size, collisions cost a little accuracy.',
      sizedBy: 'hashBuckets',
    },
    {
      value: 'embedding',
      label: 'embedding',
      help: 'A learned vector of dimension d per level (read by the embedding + MLP model only).',
      sizedBy: 'dim',
    },
    { value: 'frequency', label: 'frequency', help: "The level's share of the training rows." },
    {
      value: 'target',
      label: 'target',
      help: "The level's smoothed mean label, fitted as targetFit says (out-of-fold by default).",
    },
    {
      value: 'native',
      label: 'native (trees only)',
      help: 'Trees split on sets of levels (gbdt only).',
    },
  ],
  label: 'Categorical encoding',
  help: 'How categorical (and boolean) columns become inputs.',
} as const satisfies ChoiceSetting;

/**
 * How target-encoding means meet the rows they encode. 'in-sample' is a mistake kept to teach it:
 * each row's own label is inside its feature (docs/design.md "The experiment config").
 */
export const TARGET_FIT = {
  path: 'features.default.targetFit',
  default: 'out-of-fold',
  options: [
    {
      value: 'out-of-fold',
      label: 'out-of-fold',
      help: "A training row's level mean leaves out its own fold: no row sees its own label.",
    },
    {
      value: 'in-sample',
      label: 'in-sample: leaks labels',
      help: 'The mistake: means fitted on the rows they encode, so validation scores look too good.',
    },
  ],
  label: 'Target encoding fit',
  help: 'How target-encoding means are fitted on the rows they encode.',
} as const satisfies ChoiceSetting;

export const MISSING_STRATEGY = {
  path: 'features.default.missing',
  default: 'median',
  options: [
    { value: 'median', label: 'median', help: 'Fill with the training median.' },
    { value: 'mean', label: 'mean', help: 'Fill with the training mean.' },
    { value: 'constant', label: 'constant', help: 'Fill with a fixed value (0 or "<missing>").' },
    {
      value: 'category',
      label: 'own category',
      help: 'Missing is its own level (numeric: 0 plus an indicator column).',
    },
  ],
  label: 'Missing values',
  help: 'How missing cells are filled; categorical columns fill median and mean with the most frequent level.',
} as const satisfies ChoiceSetting;

export const QUANTILE_OUTPUT = {
  path: 'features.default.quantileOutput',
  default: 'onehot',
  options: [
    { value: 'onehot', label: 'one-hot', help: 'One column per bucket.' },
    { value: 'ordinal', label: 'ordinal', help: "One column: the bucket's rank in [0, 1]." },
  ],
  label: 'Quantile output',
  help: 'How quantile buckets reach the model.',
} as const satisfies ChoiceSetting;

export const FEATURE_SETTINGS = {
  quantileBins: count(
    'quantileBins',
    10,
    1,
    255,
    'Quantile buckets',
    'Buckets K of quantile scaling, edges at training quantiles.',
  ),
  topK: count(
    'topK',
    50,
    1,
    100_000,
    'One-hot top-K',
    'One-hot keeps the K most frequent levels; the rest share "<other>".',
  ),
  minFrequency: count(
    'minFrequency',
    1,
    1,
    1_000_000,
    'Min level count',
    'One-hot and embedding: levels seen fewer times in training go to "<other>".',
  ),
  hashBuckets: count(
    'hashBuckets',
    1024,
    1,
    MAX_BUCKETS,
    'Hash buckets',
    'Buckets N of the hashing trick: fewer buckets, more collisions.',
  ),
  dim: count(
    'dim',
    8,
    1,
    256,
    'Embedding dim',
    'Vector length d learned per level by the embedding + MLP model.',
  ),
  maxVocab: count(
    'maxVocab',
    0,
    0,
    1_000_000,
    'Max embedding vocabulary',
    'Most levels an embedding keeps, by training frequency; 0 = no cap.',
  ),
  targetFolds: count(
    'targetFolds',
    5,
    2,
    20,
    'Target-encoding folds',
    'Folds of out-of-fold target encoding on the training rows.',
  ),
  targetSmoothing: {
    path: 'features.default.targetSmoothing',
    type: 'number',
    default: 10,
    min: 0,
    max: 1e6,
    ui: { min: 0, max: 1000, step: 1 },
    label: 'Target-encoding smoothing',
    help: "Pseudo-count m pulling a level's mean toward the prior: (sum + m prior) / (count + m).",
  },
  textBuckets: count(
    'textBuckets',
    1024,
    1,
    MAX_BUCKETS,
    'Text buckets',
    'Hashed TF-IDF buckets of a text column (unigrams and bigrams).',
  ),
} as const satisfies Record<string, NumberSetting>;

/** Buckets of a hashed cross of two columns: the third entry of each `features.crosses` item. */
export const CROSS_BUCKETS = {
  path: 'features.crosses.*.2',
  type: 'integer',
  min: 1,
  max: MAX_BUCKETS,
  ui: { min: 1, max: MAX_BUCKETS, step: 1 },
  label: 'Cross buckets',
  help: 'Hashed buckets of a cross of two columns (each pair of levels one feature).',
} as const satisfies NumberSetting;

export type FeatureSizeKey = keyof typeof FEATURE_SETTINGS;

/** The number that sizes a choice's option (one-hot `topK`, hashing `hashBuckets`), if it has one. */
export function sizeOf(
  choice: ChoiceSetting,
  value: string,
): { key: FeatureSizeKey; setting: DefaultedNumberSetting } | null {
  const key = choice.options.find((o) => o.value === value)?.sizedBy;
  if (key === undefined || !Object.hasOwn(FEATURE_SETTINGS, key)) return null;
  return { key: key as FeatureSizeKey, setting: FEATURE_SETTINGS[key as FeatureSizeKey] };
}
