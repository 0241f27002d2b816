import * as v from 'valibot';
import { BACKEND_CHOICES } from '../backendChoices.ts';
import { IMBALANCE_SETTINGS, SPLIT_SETTINGS } from '../catalog/dataSettings.ts';
import { EVALUATION_SETTINGS as EVALUATION } from '../catalog/evaluationSettings.ts';
import { FRAME_SETTINGS as FRAME } from '../catalog/frameSettings.ts';
import {
  CATEGORICAL_ENCODING,
  CROSS_BUCKETS,
  FEATURE_SETTINGS as FEATURE,
  MISSING_STRATEGY,
  NUMERIC_SCALING,
  QUANTILE_OUTPUT,
  TARGET_FIT,
} from '../catalog/featureSettings.ts';
import { METRIC_KEYS, type MetricKey } from '../catalog/metrics.ts';
import {
  EMBEDDING_MLP_SETTINGS,
  GBDT_SETTINGS as GBDT,
  LOGISTIC_SETTINGS as LOGISTIC,
  MLP_LAYERS,
  MLP_SETTINGS as MLP,
} from '../catalog/modelSettings.ts';
import { choiceValues, type NumberSetting } from '../catalog/setting.ts';
import { CTR_MAX_DAYS } from '../data/syntheticSpec.ts';
import type { FeatureSpec } from '../features/spec.ts';
import { SERVING_EXAMPLE_DEFAULTS as SERVING } from '../serving/capacity.ts';
import { configIssueField, describeConfigIssue } from './configIssue.ts';
import { keyedRecord } from './keyedRecord.ts';

/**
 * The experiment config: one typed, validated object that describes a run completely. The UI,
 * the share link, the CLI, sweeps and IndexedDB all speak it (docs/design.md: a public contract —
 * fields may be added, none renamed).
 */

/** A metric a user can frame a problem by: a key of the metric catalog. */
export type MetricName = MetricKey;

const fraction = (max: number) => v.pipe(v.number(), v.minValue(0), v.maxValue(max));
const positiveInt = (max: number) =>
  v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(max));

/** A catalog number's validator: its type and schema range, with its help for editors. */
function numberOf(setting: NumberSetting) {
  const { min, max, help } = setting;
  const above = setting.minExclusive
    ? v.gtValue<number, number>(min)
    : v.minValue<number, number>(min);
  // One flat pipe, so the JSON Schema generator sees every action.
  return setting.type === 'integer'
    ? v.pipe(v.number(), v.integer(), above, v.maxValue(max), v.description(help))
    : v.pipe(v.number(), above, v.maxValue(max), v.description(help));
}

const SyntheticSourceSchema = v.strictObject({
  synthetic: v.strictObject({
    kind: v.literal('ctr'),
    rows: v.optional(positiveInt(1_000_000)),
    baseRate: v.optional(v.pipe(v.number(), v.minValue(0.001), v.maxValue(0.5))),
    missingRate: v.optional(fraction(0.9)),
    missingByLabel: v.optional(
      v.strictObject({
        column: v.pipe(v.string(), v.minLength(1)),
        whenClick: fraction(0.9),
        whenNoClick: fraction(0.9),
      }),
    ),
    interactions: v.optional(v.boolean()),
    /** Adds a `time` column spread over this many days (docs/design.md); absent: none. */
    days: v.optional(positiveInt(CTR_MAX_DAYS)),
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

const DataSchema = v.strictObject({
  source: SourceSchema,
  target: v.pipe(v.string(), v.minLength(1)),
  task: v.picklist(['binary', 'multiclass', 'regression']),
  /** The class that counts as 1 in a binary task; default: the rarer class. */
  positiveClass: v.optional(v.string()),
  split: v.optional(
    v.strictObject({
      method: v.picklist(choiceValues(SPLIT_SETTINGS.method)),
      test: numberOf(SPLIT_SETTINGS.test),
      validation: numberOf(SPLIT_SETTINGS.validation),
      timeColumn: v.optional(v.string()),
    }),
    {
      method: SPLIT_SETTINGS.method.default,
      test: SPLIT_SETTINGS.test.default,
      validation: SPLIT_SETTINGS.validation.default,
    },
  ),
  /** Column type overrides chosen by the user. */
  types: v.optional(keyedRecord(ColumnKindSchema)),
  /**
   * A group column (user, query, session) for ranking metrics (docs/design.md "Ranking metrics");
   * binary task only; never a feature.
   */
  group: v.optional(v.pipe(v.string(), v.minLength(1))),
});

const TransformSchema = v.strictObject({
  numeric: v.optional(v.picklist(choiceValues(NUMERIC_SCALING))),
  quantileBins: v.optional(numberOf(FEATURE.quantileBins)),
  quantileOutput: v.optional(v.picklist(choiceValues(QUANTILE_OUTPUT))),
  categorical: v.optional(v.picklist(choiceValues(CATEGORICAL_ENCODING))),
  topK: v.optional(numberOf(FEATURE.topK)),
  minFrequency: v.optional(numberOf(FEATURE.minFrequency)),
  hashBuckets: v.optional(numberOf(FEATURE.hashBuckets)),
  dim: v.optional(numberOf(FEATURE.dim)),
  maxVocab: v.optional(numberOf(FEATURE.maxVocab)),
  targetFolds: v.optional(numberOf(FEATURE.targetFolds)),
  targetSmoothing: v.optional(numberOf(FEATURE.targetSmoothing)),
  targetFit: v.optional(v.picklist(choiceValues(TARGET_FIT))),
  missing: v.optional(v.picklist(choiceValues(MISSING_STRATEGY))),
  constant: v.optional(v.union([v.number(), v.string()])),
  indicator: v.optional(v.boolean()),
  textBuckets: v.optional(numberOf(FEATURE.textBuckets)),
});

const FeaturesSchema = v.strictObject({
  default: v.optional(TransformSchema, {}),
  columns: v.optional(
    keyedRecord(v.strictObject({ ...TransformSchema.entries, drop: v.optional(v.boolean()) })),
  ),
  crosses: v.optional(v.array(v.tuple([v.string(), v.string(), numberOf(CROSS_BUCKETS)]))),
});

const ImbalanceSchema = v.strictObject({
  /** w, the fraction of negatives kept in training; 1 = no downsampling. */
  negativeRate: v.optional(
    numberOf(IMBALANCE_SETTINGS.negativeRate),
    IMBALANCE_SETTINGS.negativeRate.default,
  ),
  /** Apply q = p / (p + (1 - p) / w) to the model's predictions. */
  recalibrate: v.optional(v.boolean(), true),
  /** Each training positive is repeated this many times (the alternative to downsampling); 1 = off. */
  positiveUpsample: v.optional(
    numberOf(IMBALANCE_SETTINGS.positiveUpsample),
    IMBALANCE_SETTINGS.positiveUpsample.default,
  ),
  /** "downsample" keeps a fraction w of negatives; "upweight" also gives them weight 1/w. */
  mode: v.optional(
    v.picklist(choiceValues(IMBALANCE_SETTINGS.mode)),
    IMBALANCE_SETTINGS.mode.default,
  ),
  classWeights: v.optional(
    v.picklist(choiceValues(IMBALANCE_SETTINGS.classWeights)),
    IMBALANCE_SETTINGS.classWeights.default,
  ),
  /** Post-hoc calibration fitted on the validation split. */
  calibration: v.optional(
    v.picklist(choiceValues(IMBALANCE_SETTINGS.calibration)),
    IMBALANCE_SETTINGS.calibration.default,
  ),
});

/** How the test split is scored: ranking cut-off and a simulated deployment base rate (binary). */
const EvaluationSchema = v.strictObject({
  /** Cut-off rank of NDCG@k and Recall@k. Default 10. */
  k: v.optional(positiveInt(10_000), 10),
  /**
   * Resamples the test split, seeded, to this positive rate, as if serving where clicks are
   * rarer or commoner (docs/design.md "Prior shift"). Absent: the test split as drawn.
   */
  deploymentBaseRate: v.optional(numberOf(EVALUATION.deploymentBaseRate)),
  /**
   * Correction of the test predictions for the deployment base rate: none, known (q from the
   * training and deployment base rates) or estimated (b' by EM from the unlabelled predictions).
   */
  priorCorrection: v.optional(
    v.picklist(choiceValues(EVALUATION.priorCorrection)),
    EVALUATION.priorCorrection.default,
  ),
});

const LogisticSchema = v.strictObject({
  family: v.literal('logistic'),
  /**
   * Where the L-BFGS fit computes its gradients: plain typed arrays (fastest for narrow inputs on
   * any backend), tfjs (pays off for wide inputs on a GPU backend), or auto to choose. The
   * optimiser is the same, so both give the same model up to float32 rounding.
   */
  solver: v.optional(v.picklist(choiceValues(LOGISTIC.solver))),
  l2: v.optional(numberOf(LOGISTIC.l2)),
  maxIterations: v.optional(numberOf(LOGISTIC.maxIterations)),
});

const GbdtSchema = v.strictObject({
  family: v.literal('gbdt'),
  trees: v.optional(numberOf(GBDT.trees)),
  maxDepth: v.optional(numberOf(GBDT.maxDepth)),
  maxLeaves: v.optional(numberOf(GBDT.maxLeaves)),
  learningRate: v.optional(numberOf(GBDT.learningRate)),
  minChildWeight: v.optional(numberOf(GBDT.minChildWeight)),
  minSamplesLeaf: v.optional(numberOf(GBDT.minSamplesLeaf)),
  l2: v.optional(numberOf(GBDT.l2)),
  rowSubsample: v.optional(numberOf(GBDT.rowSubsample)),
  colSubsample: v.optional(numberOf(GBDT.colSubsample)),
  maxBins: v.optional(numberOf(GBDT.maxBins)),
  earlyStoppingRounds: v.optional(numberOf(GBDT.earlyStoppingRounds)),
});

const mlpEntries = {
  hidden: v.optional(
    v.pipe(
      v.array(numberOf(MLP_LAYERS.width)),
      v.minLength(MLP_LAYERS.depth.min),
      v.maxLength(MLP_LAYERS.depth.max),
    ),
  ),
  activation: v.optional(v.picklist(choiceValues(MLP.activation))),
  dropout: v.optional(numberOf(MLP.dropout)),
  l2: v.optional(numberOf(MLP.l2)),
  optimizer: v.optional(v.picklist(choiceValues(MLP.optimizer))),
  learningRate: v.optional(numberOf(MLP.learningRate)),
  batchSize: v.optional(numberOf(MLP.batchSize)),
  epochs: v.optional(numberOf(MLP.epochs)),
  earlyStoppingPatience: v.optional(numberOf(MLP.earlyStoppingPatience)),
};

const MlpSchema = v.strictObject({ family: v.literal('mlp'), ...mlpEntries });
const EmbeddingMlpSchema = v.strictObject({
  family: v.literal('embedding-mlp'),
  ...mlpEntries,
  embeddingDim: v.optional(numberOf(EMBEDDING_MLP_SETTINGS.embeddingDim)),
});

const ModelSchema = v.variant('family', [
  LogisticSchema,
  GbdtSchema,
  MlpSchema,
  EmbeddingMlpSchema,
]);

/** Traffic and prices for the capacity block (docs/design.md "Capacity and cost"); defaults are examples. */
const ServingSchema = v.strictObject({
  /** Peak prediction requests per second; example 1,000. */
  peakQps: v.optional(v.pipe(v.number(), v.gtValue(0), v.maxValue(1e9)), SERVING.peakQps),
  /** Rows scored per request (1 for one prediction, hundreds for ranking); example 1; at most 10,000. */
  candidatesPerRequest: v.optional(positiveInt(10_000), SERVING.candidatesPerRequest),
  /** Inverse of the planned utilisation, 1 to 10 (1.5 = cores at two thirds); example 1.5. */
  headroom: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(10)), SERVING.headroom),
  /** Price of a core-hour in the user's currency; example 0.04. */
  pricePerCoreHour: v.optional(v.pipe(v.number(), v.minValue(0)), SERVING.pricePerCoreHour),
  /** Price of a GB (1e9 bytes) of memory for a month; example 3. */
  pricePerGbMonth: v.optional(v.pipe(v.number(), v.minValue(0)), SERVING.pricePerGbMonth),
  /** Training rows arriving per day, before downsampling; example 100,000,000. */
  dailyTrainingRows: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1e15)),
    SERVING.dailyTrainingRows,
  ),
});

export const ExperimentConfigSchema = v.strictObject({
  /** The JSON Schema an editor validates the file against; ignored by the app. */
  $schema: v.optional(v.string()),
  /** Seeds the split, sampling, initialisation and shuffling: same config + seed + backend = same numbers. */
  seed: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(2 ** 31 - 1)), 42),
  data: DataSchema,
  features: v.optional(FeaturesSchema, { default: {} }),
  imbalance: v.optional(ImbalanceSchema, {}),
  model: ModelSchema,
  evaluation: v.optional(EvaluationSchema, {}),
  backend: v.optional(v.picklist(BACKEND_CHOICES), 'auto'),
  /** Step 1, Frame: the metric that matters and the serving budgets (latency, model size). */
  frame: v.optional(
    v.strictObject({
      metric: v.optional(v.picklist(METRIC_KEYS), 'logLoss'),
      /** p99 budget of one prediction request (one row, or the candidates of a request), ms. */
      latencyBudgetMs: v.optional(numberOf(FRAME.latencyBudgetMs), FRAME.latencyBudgetMs.default),
      /** Largest model to ship, bytes (parameters + feature tables, as `model.bytes`); none when absent. */
      modelBytesBudget: v.optional(numberOf(FRAME.modelBytesBudget)),
    }),
    {},
  ),
  serving: v.optional(ServingSchema, {}),
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
  /** The dotted config path at fault (`model.maxDepth`), when one field is. */
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super(message);
    this.field = field;
  }
}

/**
 * Validates unknown input (a file, a share link, IndexedDB, a lesson) into a config with defaults
 * filled in. Unknown keys are refused at every level, naming the closest valid key, so a misspelt
 * setting never runs silently at its default.
 * @throws ConfigError naming the field.
 */
export function parseConfig(input: unknown): ExperimentConfig {
  const result = v.safeParse(ExperimentConfigSchema, input);
  if (result.success) {
    checkNativeCategorical(result.output);
    return result.output;
  }
  const issue = result.issues[0];
  throw new ConfigError(
    describeConfigIssue(ExperimentConfigSchema, issue),
    configIssueField(issue),
  );
}

/** 'native' categorical codes mean something only to trees, which split on sets of them. */
function checkNativeCategorical(config: ExperimentConfig): void {
  const family = config.model.family;
  if (family === 'gbdt') return;
  const { default: defaults, columns = {} } = config.features;
  // columns is a null-prototype record (keyedRecord): Object.entries reads its own keys only.
  const paths = [
    ...(defaults.categorical === 'native' ? ['features.default.categorical'] : []),
    ...Object.entries(columns)
      .filter(([, column]) => column.categorical === 'native')
      .map(([name]) => `features.columns.${name}.categorical`),
  ];
  if (paths.length > 0) {
    throw new ConfigError(
      `Invalid config at ${paths[0]}: "native" categorical codes need model.family "gbdt" (trees split on sets of levels); ${family} needs onehot, hashing, embedding, frequency or target`,
      paths[0],
    );
  }
}
