import {
  EMBEDDING_MLP_SETTINGS,
  MLP_LAYERS,
  MLP_SETTINGS as MLP,
} from '../../catalog/modelSettings.ts';
import { checkSetting } from '../../catalog/setting.ts';
import { EMBEDDING_DIM_DEFAULT } from '../networkParams.ts';
import { createRng } from '../../random.ts';
import type { FitOptions, LabelledSet, Task } from '../model.ts';
import type { TargetSet } from './batchBuffers.ts';
import { TypedNetwork } from '../typed/typedNetwork.ts';
import { typedTrainer } from '../typed/typedTrainer.ts';
import {
  DenseNetwork,
  initialWeights,
  type Activation,
  type EmbeddingShape,
  type NetworkShape,
} from './denseNetwork.ts';
import { checkNetworkFits } from './networkMemory.ts';
import { NetworkModel, type NetworkFamily } from './networkModel.ts';
import { IDENTITY_SCALE, type TargetScale } from './taskLoss.ts';
import { tfjsTrainer, trainNetwork, type TrainLoopParams } from './trainLoop.ts';

/** Everything fitNetwork needs: the network's size and the training loop's settings. */
export interface NetworkFitParams extends TrainLoopParams {
  hidden: number[];
  activation: Activation;
  /**
   * Vector length of every id column's table, when set; otherwise each column's own `dim` from
   * the feature spec, else EMBEDDING_DIM_DEFAULT. Used only by the embedding MLP.
   */
  embeddingDim?: number;
}

/**
 * Where a network trains: tfjs on the active backend, or plain Float32Array loops
 * (typed/typedNetwork.ts), which are faster on the CPU backends for the small dense networks this
 * app trains (docs/design.md, "MLP on typed arrays"). Embedding tables always train on tfjs.
 */
export type NetworkEngine = 'tfjs' | 'typed-arrays';

/** Model.engine of a network trained on typed arrays; it predicts on tfjs. */
const TYPED_ENGINE_NAME = 'typed arrays';

/**
 * Builds a network for the family, initialises it from options.seed and trains it with the
 * weighted custom loop on the engine. The same seed, data, engine and backend give the same
 * weights; the two engines agree to float32 rounding. On cancel or failure every tensor is freed
 * before the error propagates.
 */
export async function fitNetwork(
  family: NetworkFamily,
  train: LabelledSet,
  params: NetworkFitParams,
  options: FitOptions,
  engine: NetworkEngine = 'tfjs',
): Promise<NetworkModel> {
  checkParams(params);
  checkSet(train, options, 'train');
  if (options.validation) checkSet(options.validation, options, 'validation');
  const { task } = options;
  const outputs = task === 'multiclass' ? options.numClasses : 1;
  const embeddings: EmbeddingShape[] =
    family === 'embedding-mlp'
      ? train.features.idColumns.map((c) => ({
          name: c.name,
          // At least the reserved unknown row, so id 0 always has a vector.
          vocabSize: Math.max(1, c.vocabSize),
          dim: params.embeddingDim ?? c.dim ?? EMBEDDING_DIM_DEFAULT,
        }))
      : [];
  if (options.validation && embeddings.length !== options.validation.features.idColumns.length) {
    throw new Error('validation: id columns differ from the training set');
  }
  const scale = task === 'regression' ? targetScale(train) : IDENTITY_SCALE;
  const shape: NetworkShape = {
    inputs: train.features.cols,
    embeddings,
    hidden: params.hidden,
    outputs,
    activation: params.activation,
  };
  // A network past the wasm heap fails after minutes and breaks the module: refuse it up front.
  const sparse = train.features.sparse;
  const perRow = sparse && sparse.rows > 0 ? sparse.values.length / sparse.rows : shape.inputs;
  checkNetworkFits(shape, params.batchSize, params.optimizer, perRow);
  const rng = createRng(options.seed);
  const initial = initialWeights(shape, rng, outputPrior(train, task, outputs));
  const typed = engine === 'typed-arrays' && embeddings.length === 0;
  const targets = withTargets(train, scale);
  // The typed engine trains on arrays; its model serves from a DenseNetwork of the same weights.
  const typedNetwork = typed
    ? new TypedNetwork(
        shape,
        initial,
        params.batchSize,
        sparse !== undefined,
        params.optimizer === 'adam',
      )
    : null;
  const network = typedNetwork ? null : DenseNetwork.fromWeights(shape, initial);
  const weightsNow = () => typedNetwork?.weights ?? network!.readWeights();
  const engineName = typed ? TYPED_ENGINE_NAME : undefined;
  const model = (weights: Float32Array[]) =>
    new NetworkModel(family, task, DenseNetwork.fromWeights(shape, weights), scale, engineName);
  const { checkpoints } = options;
  // The learning rate is constant (no schedule over the total), and each epoch draws the same
  // shuffles from rng whatever the total: the weights after epoch k equal a fit of k epochs.
  const keepCheckpoint =
    checkpoints &&
    ((epoch: number) => {
      if (checkpoints.epochs.includes(epoch)) checkpoints.keep(epoch, model(weightsNow()));
    });
  try {
    await trainNetwork(
      typedNetwork
        ? typedTrainer(typedNetwork, targets, params, task)
        : tfjsTrainer(network!, targets, params, task),
      train.features.rows,
      options.validation && withTargets(options.validation, scale),
      params,
      options,
      rng,
      scale.std * scale.std,
      keepCheckpoint,
    );
  } catch (error) {
    network?.dispose();
    throw error;
  }
  return network ? new NetworkModel(family, task, network, scale) : model(weightsNow());
}

/**
 * The settings catalog's ranges, the same the config schema accepts, except two the trainer allows
 * wider: 0 epochs (the initialised network, which tests inspect) and any positive learning rate (a
 * rate that diverges is caught by the training loop, which says so).
 */
function checkParams(p: NetworkFitParams): void {
  checkSetting(MLP_LAYERS.depth, p.hidden.length);
  for (const width of p.hidden) checkSetting(MLP_LAYERS.width, width);
  checkSetting(MLP.batchSize, p.batchSize);
  checkSetting(MLP.dropout, p.dropout);
  checkSetting(MLP.l2, p.l2);
  if (p.earlyStoppingPatience !== undefined)
    checkSetting(MLP.earlyStoppingPatience, p.earlyStoppingPatience);
  if (p.embeddingDim !== undefined)
    checkSetting(EMBEDDING_MLP_SETTINGS.embeddingDim, p.embeddingDim);
  if (!Number.isInteger(p.epochs) || p.epochs < 0 || p.epochs > MLP.epochs.max)
    throw new RangeError(
      `model.epochs must be an integer in [0, ${MLP.epochs.max}], got ${p.epochs}`,
    );
  if (!(p.learningRate > 0))
    throw new RangeError(`model.learningRate must be > 0, got ${p.learningRate}`);
}

function checkSet(set: LabelledSet, options: FitOptions, name: string): void {
  const { rows } = set.features;
  if (set.y.length !== rows) throw new Error(`${name}: ${set.y.length} labels for ${rows} rows`);
  if (set.weights && set.weights.length !== rows) {
    throw new Error(`${name}: ${set.weights.length} weights for ${rows} rows`);
  }
  if (options.task === 'regression') return;
  const classes = options.task === 'binary' ? 2 : options.numClasses;
  for (let i = 0; i < rows; i++) {
    const label = set.y[i]!;
    if (!(Number.isInteger(label) && label >= 0 && label < classes)) {
      throw new Error(`${name}: label ${label} at row ${i} is not a class index below ${classes}`);
    }
  }
}

/** Weighted mean and standard deviation of the regression target (std 1 when constant). */
function targetScale(set: LabelledSet): TargetScale {
  let weightSum = 0;
  let sum = 0;
  for (let i = 0; i < set.y.length; i++) {
    const w = set.weights ? set.weights[i]! : 1;
    weightSum += w;
    sum += w * set.y[i]!;
  }
  if (!(weightSum > 0)) return IDENTITY_SCALE;
  const mean = sum / weightSum;
  let squares = 0;
  for (let i = 0; i < set.y.length; i++) {
    squares += (set.weights ? set.weights[i]! : 1) * (set.y[i]! - mean) ** 2;
  }
  const std = Math.sqrt(squares / weightSum);
  return { mean, std: std > 0 ? std : 1 };
}

function withTargets(set: LabelledSet, scale: TargetScale): TargetSet {
  const targets = scale === IDENTITY_SCALE ? set.y : set.y.map((v) => (v - scale.mean) / scale.std);
  return { features: set.features, targets, ...(set.weights ? { weights: set.weights } : {}) };
}

/**
 * Output bias that predicts the weighted prior: log-odds of the base rate (binary), log class
 * shares (multi-class), 0 for the standardised regression target.
 */
function outputPrior(set: LabelledSet, task: Task, outputs: number): Float32Array {
  const bias = new Float32Array(outputs);
  if (task === 'regression') return bias;
  const counts = new Float64Array(task === 'binary' ? 2 : outputs);
  for (let i = 0; i < set.y.length; i++) counts[set.y[i]!]! += set.weights ? set.weights[i]! : 1;
  const total = counts.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return bias;
  const share = (c: number) => Math.min(1 - 1e-6, Math.max(1e-6, counts[c]! / total));
  if (task === 'binary') bias[0] = Math.log(share(1) / (1 - share(1)));
  else for (let c = 0; c < outputs; c++) bias[c] = Math.log(share(c));
  return bias;
}
