import { throwIfAborted, yieldToEventLoop } from '../../abort.ts';
import { createRng, shuffleInPlace, type Rng } from '../../random.ts';
import type { FitOptions, LabelledSet, Task } from '../model.ts';
import { binFeatures, computeBinEdges } from './binning.ts';
import { ForestBuilder, treeOutput } from './forest.ts';
import { GbdtModel } from './gbdtModel.ts';
import { lossFor } from './losses.ts';
import { HistogramThreadPool } from './histogramThreads.ts';
import { type GbdtParams, resolveGbdtParams } from './params.ts';
import { TreeBuilder } from './treeBuilder.ts';

/**
 * Rounds between progress reports; 1 with early stopping, so the loss curve shows the minimum
 * that is kept and a stop that comes before the tenth tree.
 */
const PROGRESS_EVERY = 10;
/**
 * Most milliseconds of work between yields to the event loop, so that a cancel message can
 * arrive: a yield costs 1 to 4 ms (setTimeout), so yielding after every tree would slow small fits.
 */
const YIELD_AFTER_MS = 100;

/**
 * Trains histogram-based gradient-boosted trees (logistic loss for binary, softmax for
 * multi-class with one tree per class per round, squared error for regression), as
 * scikit-learn's HistGradientBoosting does: features binned into quantile bins from the
 * training rows, a missing bin with a learned default direction per split, leaf values
 * -learningRate * G / (H + l2) from sample-weighted gradients and hessians. Features that
 * train.features.categories marks hold category codes and are split on sets of codes
 * (splitFinder.ts), so a many-level column needs no one-hot.
 *
 * `params.trees` counts rounds: a multi-class model grows numClasses trees per round.
 * Deterministic for a given options.seed (bin-edge sampling, row and column subsampling).
 * With options.validation and params.earlyStoppingRounds, stops once that many rounds pass
 * without a lower validation loss and keeps the rounds up to the best one (progress then carries
 * bestStep). Reports progress every 10 rounds (every round with early stopping, and at the
 * last); yields to the event loop at least every
 * 100 ms of work and throws CancelledError once options.signal has aborted.
 * With options.histogramThreads, large nodes' histograms are built on several threads
 * (histogramThreads.ts), which are stopped before it returns or throws.
 */
export async function fitGbdt(
  train: LabelledSet,
  params: Partial<GbdtParams>,
  options: FitOptions,
): Promise<GbdtModel> {
  const threads = new HistogramThreadPool(options.histogramThreads, train.features.rows);
  try {
    return await fitOnThreads(train, params, options, threads);
  } finally {
    await threads.close();
    options.onHelperTime?.(threads.helperMs);
  }
}

async function fitOnThreads(
  train: LabelledSet,
  params: Partial<GbdtParams>,
  options: FitOptions,
  threads: HistogramThreadPool,
): Promise<GbdtModel> {
  const p = resolveGbdtParams(params);
  const loss = lossFor(options.task, options.numClasses);
  const k = loss.outputs;
  const { rows, cols, x } = train.features;
  checkSet(train, 'train', options.task, k);
  if (rows === 0) throw new RangeError('gbdt: no training rows');
  const validation = options.validation;
  if (validation) {
    checkSet(validation, 'validation', options.task, k);
    if (validation.features.cols !== cols)
      throw new RangeError('gbdt: validation and training feature counts differ');
  }

  const started = performance.now();
  const rng = createRng(options.seed);
  const categories = train.features.categories ?? new Int32Array(cols);
  if (categories.length !== cols)
    throw new RangeError('gbdt: features.categories must have one entry per feature');
  const edges = computeBinEdges(x, rows, cols, p.maxBins, rng, categories);
  const binned = binFeatures(x, rows, cols, edges, p.maxBins, categories);
  const builder = new TreeBuilder(binned, p, await threads.bind(binned));
  const baseScores = loss.baseScores(train.y, train.weights);
  const forest = new ForestBuilder(k, baseScores);

  const raw = filledScores(rows, baseScores);
  const g = new Float64Array(k * rows);
  const h = new Float64Array(k * rows);
  // One class's block of gradients and hessians each.
  const gOf = Array.from({ length: k }, (_, c) => g.subarray(c * rows, (c + 1) * rows));
  const hOf = Array.from({ length: k }, (_, c) => h.subarray(c * rows, (c + 1) * rows));
  const sample = new Int32Array(rows);
  const inSample = new Uint8Array(rows);
  const featureOrder = Int32Array.from({ length: cols }, (_, i) => i);
  const features = new Int32Array(cols);
  const featureCount = Math.min(cols, Math.max(1, Math.round(p.colSubsample * cols)));
  const validationRaw = validation ? filledScores(validation.features.rows, baseScores) : null;
  const stopAfter = validation ? p.earlyStoppingRounds : undefined;
  let bestLoss = Infinity;
  let bestRounds = 0;
  let lastYield = performance.now();

  for (let round = 0; round < p.trees; round++) {
    throwIfAborted(options.signal);
    loss.gradients(raw, train.y, train.weights, g, h);
    const sampleCount = drawRows(p.rowSubsample, rows, rng, sample, inSample);
    drawFeatures(featureCount, rng, featureOrder, features);
    for (let c = 0; c < k; c++) {
      const root = builder.build(
        gOf[c]!,
        hOf[c]!,
        sample,
        sampleCount,
        features,
        featureCount,
        forest,
      );
      builder.addLeafValues(forest, raw, k, c);
      if (sampleCount < rows) addTreeOutside(forest, root, x, cols, inSample, raw, k, c);
      if (validation && validationRaw) {
        addTree(forest, root, validation.features.x, cols, validationRaw, k, c);
      }
    }
    forest.endRound();

    const rounds = round + 1;
    let validationLoss: number | undefined;
    if (validation && validationRaw) {
      validationLoss = loss.meanLoss(
        validationRaw,
        validation.y,
        validation.weights,
        options.validationLogitOffset,
      );
      if (validationLoss < bestLoss) {
        bestLoss = validationLoss;
        bestRounds = rounds;
      }
    }
    const stopping = stopAfter !== undefined && rounds - bestRounds >= stopAfter;
    const every = stopAfter !== undefined ? 1 : PROGRESS_EVERY;
    if (options.onProgress && (rounds % every === 0 || rounds === p.trees || stopping)) {
      const seconds = Math.max(1e-6, (performance.now() - started) / 1000);
      options.onProgress({
        step: rounds,
        total: p.trees,
        trainLoss: loss.meanLoss(raw, train.y, train.weights),
        ...(validationLoss !== undefined ? { validationLoss } : {}),
        rowsPerSec: (rows * rounds) / seconds,
        ...(stopAfter !== undefined ? { bestStep: bestRounds } : {}),
      });
    }
    if (stopping) break;
    if (performance.now() - lastYield >= YIELD_AFTER_MS) {
      await yieldToEventLoop();
      throwIfAborted(options.signal);
      lastYield = performance.now();
    }
  }
  if (stopAfter !== undefined) forest.truncateRounds(bestRounds);
  return new GbdtModel(options.task, forest.toForest(), cols);
}

function checkSet(set: LabelledSet, name: string, task: Task, outputs: number): void {
  const { rows, cols, x } = set.features;
  if (x.length !== rows * cols) throw new RangeError(`gbdt: ${name} matrix is not rows x cols`);
  if (set.y.length !== rows)
    throw new RangeError(`gbdt: ${name} has ${set.y.length} labels for ${rows} rows`);
  if (set.weights && set.weights.length !== rows)
    throw new RangeError(`gbdt: ${name} has ${set.weights.length} weights for ${rows} rows`);
  if (task === 'regression') {
    if (!set.y.every(Number.isFinite)) throw new RangeError(`gbdt: ${name} has a non-finite label`);
    return;
  }
  const classes = task === 'binary' ? 2 : outputs;
  for (const label of set.y) {
    if (!(Number.isInteger(label) && label >= 0 && label < classes))
      throw new RangeError(`gbdt: ${name} label ${label} is not a class index below ${classes}`);
  }
}

function filledScores(rows: number, baseScores: Float64Array): Float64Array {
  const k = baseScores.length;
  const raw = new Float64Array(rows * k);
  for (let r = 0; r < rows; r++) raw.set(baseScores, r * k);
  return raw;
}

/** Bernoulli row sample into sample[0..count) (ascending) and the inSample mask; returns count. */
function drawRows(
  rate: number,
  rows: number,
  rng: Rng,
  sample: Int32Array,
  inSample: Uint8Array,
): number {
  let count = 0;
  for (let r = 0; r < rows; r++) {
    const keep = rate >= 1 || rng.next() < rate;
    inSample[r] = keep ? 1 : 0;
    if (keep) sample[count++] = r;
  }
  return count;
}

/** The first `count` features of a seeded shuffle, ascending, into features[0..count). */
function drawFeatures(count: number, rng: Rng, order: Int32Array, features: Int32Array): void {
  if (count < order.length) shuffleInPlace(order, rng);
  features.set(order.subarray(0, count));
  features.subarray(0, count).sort();
}

/** raw[r * stride + offset] += the tree's output for every row r of x. */
function addTree(
  forest: ForestBuilder,
  root: number,
  x: Float32Array,
  cols: number,
  raw: Float64Array,
  stride: number,
  offset: number,
): void {
  const rows = raw.length / stride;
  for (let r = 0; r < rows; r++) {
    const at = r * stride + offset;
    raw[at] = raw[at]! + treeOutput(forest, root, x, r * cols);
  }
}

/** Same as addTree, for the training rows left out of the tree's sample. */
function addTreeOutside(
  forest: ForestBuilder,
  root: number,
  x: Float32Array,
  cols: number,
  inSample: Uint8Array,
  raw: Float64Array,
  stride: number,
  offset: number,
): void {
  for (let r = 0; r < inSample.length; r++) {
    if (inSample[r] === 1) continue;
    const at = r * stride + offset;
    raw[at] = raw[at]! + treeOutput(forest, root, x, r * cols);
  }
}
