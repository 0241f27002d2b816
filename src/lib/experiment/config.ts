import * as v from 'valibot';
import { BACKEND_CHOICES } from '../backendChoices.ts';
import type { FeatureSpec } from '../features/spec.ts';

/**
 * The experiment config: one typed, validated object that describes a run completely. The UI,
 * the share link, the CLI, sweeps and IndexedDB all speak it (docs/design.md: a public contract —
 * fields may be added, none renamed).
 */

/** Metrics a user can frame a problem by; lower is better for the losses and errors. */
export const METRIC_CHOICES = [
  'logLoss',
  'rocAuc',
  'averagePrecision',
  'brier',
  'ece',
  'normalizedEntropy',
  'accuracy',
  'macroF1',
  'rmse',
  'mae',
  'r2',
] as const;
export type MetricName = (typeof METRIC_CHOICES)[number];

const fraction = (max: number) => v.pipe(v.number(), v.minValue(0), v.maxValue(max));
const positiveInt = (max: number) =>
  v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(max));

const SyntheticSourceSchema = v.object({
  synthetic: v.object({
    kind: v.literal('ctr'),
    rows: v.optional(positiveInt(1_000_000)),
    baseRate: v.optional(v.pipe(v.number(), v.minValue(0.001), v.maxValue(0.5))),
    missingRate: v.optional(fraction(0.9)),
    interactions: v.optional(v.boolean()),
  }),
});

const SourceSchema = v.union([
  v.pipe(
    v.string(),
    v.regex(
      /^(builtin|csv|upload):.+$/,
      'a source is "builtin:NAME", "csv:PATH" or a synthetic spec',
    ),
  ),
  SyntheticSourceSchema,
]);

const ColumnKindSchema = v.picklist(['numeric', 'categorical', 'boolean', 'text', 'datetime']);

const DataSchema = v.object({
  source: SourceSchema,
  target: v.pipe(v.string(), v.minLength(1)),
  task: v.picklist(['binary', 'multiclass', 'regression']),
  /** The class that counts as 1 in a binary task; default: the rarer class. */
  positiveClass: v.optional(v.string()),
  split: v.optional(
    v.object({
      method: v.picklist(['random', 'time']),
      test: v.pipe(v.number(), v.minValue(0.05), v.maxValue(0.5)),
      validation: v.pipe(v.number(), v.minValue(0), v.maxValue(0.5)),
      timeColumn: v.optional(v.string()),
    }),
    { method: 'random', test: 0.2, validation: 0.1 },
  ),
  /** Column type overrides chosen by the user. */
  types: v.optional(v.record(v.string(), ColumnKindSchema)),
});

const TransformSchema = v.object({
  numeric: v.optional(v.picklist(['none', 'standardize', 'minmax', 'log1p', 'quantile'])),
  quantileBins: v.optional(positiveInt(255)),
  quantileOutput: v.optional(v.picklist(['onehot', 'ordinal'])),
  categorical: v.optional(
    v.picklist(['onehot', 'hashing', 'embedding', 'frequency', 'target', 'native']),
  ),
  topK: v.optional(positiveInt(100_000)),
  minFrequency: v.optional(positiveInt(1_000_000)),
  hashBuckets: v.optional(positiveInt(1 << 20)),
  dim: v.optional(positiveInt(256)),
  maxVocab: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  targetFolds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(20))),
  targetSmoothing: v.optional(v.pipe(v.number(), v.minValue(0))),
  missing: v.optional(v.picklist(['mean', 'median', 'constant', 'category'])),
  constant: v.optional(v.union([v.number(), v.string()])),
  indicator: v.optional(v.boolean()),
  textBuckets: v.optional(positiveInt(1 << 20)),
});

const FeaturesSchema = v.object({
  default: v.optional(TransformSchema, {}),
  columns: v.optional(
    v.record(v.string(), v.object({ ...TransformSchema.entries, drop: v.optional(v.boolean()) })),
  ),
  crosses: v.optional(v.array(v.tuple([v.string(), v.string(), positiveInt(1 << 20)]))),
});

const ImbalanceSchema = v.object({
  /** w, the fraction of negatives kept in training; 1 = no downsampling. */
  negativeRate: v.optional(v.pipe(v.number(), v.gtValue(0), v.maxValue(1)), 1),
  /** Apply q = p / (p + (1 - p) / w) to the model's predictions. */
  recalibrate: v.optional(v.boolean(), true),
  /** Each training positive is repeated this many times (the alternative to downsampling); 1 = off. */
  positiveUpsample: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(1000)), 1),
  /** "downsample" keeps a fraction w of negatives; "upweight" also gives them weight 1/w. */
  mode: v.optional(v.picklist(['downsample', 'upweight']), 'downsample'),
  classWeights: v.optional(v.picklist(['none', 'balanced']), 'none'),
  /** Post-hoc calibration fitted on the validation split. */
  calibration: v.optional(v.picklist(['none', 'platt', 'isotonic']), 'none'),
});

const LogisticSchema = v.object({
  family: v.literal('logistic'),
  /**
   * Which implementation trains it: plain typed arrays (fastest for narrow inputs on any
   * backend), tfjs (pays off for wide inputs on a GPU backend), or auto to choose.
   */
  solver: v.optional(v.picklist(['auto', 'typed-arrays', 'tfjs'])),
  l2: v.optional(v.pipe(v.number(), v.minValue(0))),
  learningRate: v.optional(v.pipe(v.number(), v.gtValue(0))),
  epochs: v.optional(positiveInt(1000)),
  batchSize: v.optional(positiveInt(1 << 16)),
});

const GbdtSchema = v.object({
  family: v.literal('gbdt'),
  trees: v.optional(positiveInt(5000)),
  maxDepth: v.optional(positiveInt(16)),
  maxLeaves: v.optional(positiveInt(1 << 16)),
  learningRate: v.optional(v.pipe(v.number(), v.gtValue(0), v.maxValue(1))),
  minChildWeight: v.optional(v.pipe(v.number(), v.minValue(0))),
  minSamplesLeaf: v.optional(positiveInt(1 << 20)),
  l2: v.optional(v.pipe(v.number(), v.minValue(0))),
  rowSubsample: v.optional(v.pipe(v.number(), v.gtValue(0), v.maxValue(1))),
  colSubsample: v.optional(v.pipe(v.number(), v.gtValue(0), v.maxValue(1))),
  maxBins: v.optional(v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(255))),
  earlyStoppingRounds: v.optional(positiveInt(1000)),
});

const mlpEntries = {
  hidden: v.optional(v.pipe(v.array(positiveInt(4096)), v.maxLength(8))),
  activation: v.optional(v.picklist(['relu', 'tanh', 'gelu'])),
  dropout: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(0.9))),
  l2: v.optional(v.pipe(v.number(), v.minValue(0))),
  optimizer: v.optional(v.picklist(['adam', 'sgd'])),
  learningRate: v.optional(v.pipe(v.number(), v.gtValue(0))),
  batchSize: v.optional(positiveInt(1 << 16)),
  epochs: v.optional(positiveInt(1000)),
  earlyStoppingPatience: v.optional(positiveInt(1000)),
};

const MlpSchema = v.object({ family: v.literal('mlp'), ...mlpEntries });
const EmbeddingMlpSchema = v.object({
  family: v.literal('embedding-mlp'),
  ...mlpEntries,
  embeddingDim: v.optional(positiveInt(256)),
});

const ModelSchema = v.variant('family', [
  LogisticSchema,
  GbdtSchema,
  MlpSchema,
  EmbeddingMlpSchema,
]);

export const ExperimentConfigSchema = v.object({
  /** Seeds the split, sampling, initialisation and shuffling: same config + seed + backend = same numbers. */
  seed: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31 - 1)), 42),
  data: DataSchema,
  features: v.optional(FeaturesSchema, { default: {} }),
  imbalance: v.optional(ImbalanceSchema, {}),
  model: ModelSchema,
  backend: v.optional(v.picklist(BACKEND_CHOICES), 'auto'),
  /** Step 1, Frame: the metric that matters and the serving latency budget. */
  frame: v.optional(
    v.object({
      metric: v.optional(v.picklist(METRIC_CHOICES), 'logLoss'),
      /** Budget for one-row predict at p99, in milliseconds. */
      latencyBudgetMs: v.optional(v.pipe(v.number(), v.gtValue(0)), 1),
    }),
    {},
  ),
});

export type ExperimentConfig = v.InferOutput<typeof ExperimentConfigSchema>;
export type ExperimentConfigInput = v.InferInput<typeof ExperimentConfigSchema>;
export type ModelConfig = ExperimentConfig['model'];
export type SyntheticSource = v.InferOutput<typeof SyntheticSourceSchema>;

/** The features block is the feature pipeline's own spec; the return type keeps them one type. */
export function featureSpecOf(config: ExperimentConfig): FeatureSpec {
  return config.features;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates unknown input (a file, a share link, IndexedDB) into a config with defaults filled in. */
export function parseConfig(input: unknown): ExperimentConfig {
  const result = v.safeParse(ExperimentConfigSchema, input);
  if (result.success) {
    checkNativeCategorical(result.output);
    return result.output;
  }
  const issue = result.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? '(root)';
  throw new ConfigError(`Invalid config at ${path}: ${issue.message}`);
}

/** 'native' categorical codes mean something only to trees, which split on sets of them. */
function checkNativeCategorical(config: ExperimentConfig): void {
  const family = config.model.family;
  if (family === 'gbdt') return;
  const { default: defaults, columns = {} } = config.features;
  const paths = [
    ...(defaults.categorical === 'native' ? ['features.default.categorical'] : []),
    ...Object.entries(columns)
      .filter(([, column]) => column.categorical === 'native')
      .map(([name]) => `features.columns.${name}.categorical`),
  ];
  if (paths.length > 0) {
    throw new ConfigError(
      `Invalid config at ${paths[0]}: "native" categorical codes need model.family "gbdt" (trees split on sets of levels); ${family} needs onehot, hashing, embedding, frequency or target`,
    );
  }
}
