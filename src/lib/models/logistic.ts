import { throwIfAborted, yieldToEventLoop } from '../abort.ts';
import type { FeatureMatrix } from '../features/featureMatrix.ts';
import { createRng, shuffleInPlace } from '../random.ts';
import type { FitOptions, LabelledSet, Model, ModelSize, SerializedModel, Task } from './model.ts';

/** Logistic regression (binary), softmax regression (multi-class) or linear regression. */
export interface LogisticParams {
  /** L2 penalty on the mean loss: loss + l2/2 * |w|^2 (bias not penalised). Default 1e-4. */
  l2: number;
  /**
   * Adam step size at the first epoch; decays as 1/sqrt(epoch). The weights returned are the
   * average over the last quarter of the epochs' steps (tail averaging), which removes most of
   * the mini-batch noise. Default 0.05.
   */
  learningRate: number;
  /** Passes over the training rows. Default 12. */
  epochs: number;
  /** Rows per Adam step. Default 256. */
  batchSize: number;
}

export const LOGISTIC_DEFAULTS: LogisticParams = {
  l2: 1e-4,
  learningRate: 0.05,
  epochs: 12,
  batchSize: 256,
};

interface LogisticState {
  inputs: number;
  outputs: number;
  /** inputs x outputs, row-major. */
  weights: number[];
  bias: number[];
}

const BETA1 = 0.9;
const BETA2 = 0.999;
const ADAM_EPS = 1e-8;

/**
 * Trains with mini-batch Adam over plain typed arrays: for a model this small a loop over a
 * Float32Array is several times faster than tfjs, and predicting one row takes well under a
 * microsecond (DESIGN.md). Id columns are ignored: a linear model sees only dense features.
 */
export async function fitLogistic(
  train: LabelledSet,
  params: Partial<LogisticParams>,
  options: FitOptions,
): Promise<LogisticModel> {
  const p = { ...LOGISTIC_DEFAULTS, ...params };
  const { rows, cols, x } = train.features;
  const k = outputsFor(options.task, options.numClasses);
  const w = new Float64Array(cols * k);
  const b = new Float64Array(k);
  initBias(b, train, options.task);

  const grad = new Float64Array(w.length + k);
  const m = new Float64Array(grad.length);
  const v = new Float64Array(grad.length);
  const z = new Float64Array(k);
  const order = Int32Array.from({ length: rows }, (_, i) => i);
  const rng = createRng(options.seed);
  const sampleWeight = train.weights;
  let step = 0;
  const averageFrom = p.epochs - Math.max(1, Math.floor(p.epochs / 4)) + 1;
  const average = new Float64Array(grad.length);
  let averaged = 0;

  for (let epoch = 1; epoch <= p.epochs; epoch++) {
    throwIfAborted(options.signal);
    const started = performance.now();
    shuffleInPlace(order, rng);
    const lr = p.learningRate / Math.sqrt(epoch);
    for (let start = 0; start < rows; start += p.batchSize) {
      const end = Math.min(rows, start + p.batchSize);
      grad.fill(0);
      let batchWeight = 0;
      for (let o = start; o < end; o++) {
        const r = order[o]!;
        const sw = sampleWeight ? sampleWeight[r]! : 1;
        batchWeight += sw;
        forward(x, r * cols, cols, k, w, b, options.task, z);
        residuals(z, train.y[r]!, options.task);
        for (let c = 0; c < k; c++) {
          const g = z[c]! * sw;
          if (g === 0) continue;
          grad[w.length + c]! += g;
          for (let j = 0, xi = r * cols; j < cols; j++, xi++) grad[j * k + c]! += g * x[xi]!;
        }
      }
      if (batchWeight === 0) continue;
      step++;
      const c1 = 1 - BETA1 ** step;
      const c2 = 1 - BETA2 ** step;
      for (let i = 0; i < grad.length; i++) {
        const isWeight = i < w.length;
        const g = grad[i]! / batchWeight + (isWeight ? p.l2 * w[i]! : 0);
        m[i] = BETA1 * m[i]! + (1 - BETA1) * g;
        v[i] = BETA2 * v[i]! + (1 - BETA2) * g * g;
        const delta = (lr * (m[i]! / c1)) / (Math.sqrt(v[i]! / c2) + ADAM_EPS);
        if (isWeight) w[i]! -= delta;
        else b[i - w.length]! -= delta;
      }
      if (epoch >= averageFrom) {
        averaged++;
        for (let i = 0; i < w.length; i++) average[i]! += (w[i]! - average[i]!) / averaged;
        for (let c = 0; c < k; c++)
          average[w.length + c]! += (b[c]! - average[w.length + c]!) / averaged;
      }
    }
    if (options.task === 'multiclass') centreAcrossClasses(w, k);
    const model = new LogisticModel(options.task, cols, k, w, b);
    options.onProgress?.({
      step: epoch,
      total: p.epochs,
      trainLoss: meanLoss(model, train),
      ...(options.validation ? { validationLoss: meanLoss(model, options.validation) } : {}),
      rowsPerSec: rows / Math.max(1e-3, (performance.now() - started) / 1000),
    });
    await yieldToEventLoop();
  }
  if (averaged > 0) {
    w.set(average.subarray(0, w.length));
    b.set(average.subarray(w.length));
    if (options.task === 'multiclass') centreAcrossClasses(w, k);
  }
  return new LogisticModel(options.task, cols, k, w, b);
}

export function loadLogistic(serialized: SerializedModel): LogisticModel {
  const s = serialized.state as LogisticState;
  return new LogisticModel(
    serialized.task,
    s.inputs,
    s.outputs,
    Float64Array.from(s.weights),
    Float64Array.from(s.bias),
  );
}

export class LogisticModel implements Model {
  readonly family = 'logistic' as const;
  readonly engine = 'typed arrays';
  readonly #z: Float64Array;

  constructor(
    readonly task: Task,
    readonly inputs: number,
    readonly outputs: number,
    readonly weights: Float64Array,
    readonly bias: Float64Array,
  ) {
    this.#z = new Float64Array(outputs);
  }

  async predict(features: FeatureMatrix): Promise<Float32Array> {
    const out = new Float32Array(features.rows * this.outputs);
    for (let r = 0; r < features.rows; r++) this.#predictInto(features.x, r * this.inputs, out, r);
    return out;
  }

  predictRow(x: Float32Array): Float32Array {
    const out = new Float32Array(this.outputs);
    this.#predictInto(x, 0, out, 0);
    return out;
  }

  size(): ModelSize {
    const parameters = this.weights.length + this.bias.length;
    return {
      parameters,
      bytes: parameters * 4,
      description: `${this.inputs} inputs x ${this.outputs} output${this.outputs > 1 ? 's' : ''}`,
    };
  }

  serialize(): SerializedModel {
    const state: LogisticState = {
      inputs: this.inputs,
      outputs: this.outputs,
      weights: Array.from(this.weights),
      bias: Array.from(this.bias),
    };
    return { family: 'logistic', task: this.task, state };
  }

  dispose(): void {}

  #predictInto(x: Float32Array, offset: number, out: Float32Array, row: number): void {
    const z = this.#z;
    forward(x, offset, this.inputs, this.outputs, this.weights, this.bias, this.task, z);
    for (let c = 0; c < this.outputs; c++) out[row * this.outputs + c] = z[c]!;
  }
}

function outputsFor(task: Task, numClasses: number): number {
  return task === 'multiclass' ? numClasses : 1;
}

/** Starts the bias at the prior (log-odds, log class shares or the mean) so early epochs fit the signal. */
function initBias(b: Float64Array, train: LabelledSet, task: Task): void {
  const { y, weights } = train;
  const counts = new Float64Array(task === 'multiclass' ? b.length : 1);
  let total = 0;
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const sw = weights ? weights[i]! : 1;
    total += sw;
    sum += sw * y[i]!;
    if (task === 'multiclass') counts[y[i]!]! += sw;
  }
  if (total === 0) return;
  if (task === 'regression') b[0] = sum / total;
  else if (task === 'binary') {
    const rate = Math.min(1 - 1e-6, Math.max(1e-6, sum / total));
    b[0] = Math.log(rate / (1 - rate));
  } else for (let c = 0; c < b.length; c++) b[c] = Math.log(Math.max(1e-6, counts[c]! / total));
}

/** Writes the prediction for one row into z: probability, class probabilities or value. */
function forward(
  x: Float32Array,
  offset: number,
  cols: number,
  k: number,
  w: Float64Array,
  b: Float64Array,
  task: Task,
  z: Float64Array,
): void {
  for (let c = 0; c < k; c++) {
    let s = b[c]!;
    for (let j = 0; j < cols; j++) s += x[offset + j]! * w[j * k + c]!;
    z[c] = s;
  }
  if (task === 'binary') z[0] = 1 / (1 + Math.exp(-z[0]!));
  else if (task === 'multiclass') softmaxInPlace(z);
}

/**
 * Softmax is unchanged when a constant is added to one feature's weights in every class, so only
 * the tiny L2 term pins that direction and Adam's per-coordinate steps drift along it. The penalised
 * optimum is the centred one: project onto it.
 */
function centreAcrossClasses(w: Float64Array, k: number): void {
  for (let j = 0; j < w.length; j += k) {
    let mean = 0;
    for (let c = 0; c < k; c++) mean += w[j + c]! / k;
    for (let c = 0; c < k; c++) w[j + c]! -= mean;
  }
}

function softmaxInPlace(z: Float64Array): void {
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) max = Math.max(max, z[c]!);
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    z[c] = Math.exp(z[c]! - max);
    sum += z[c]!;
  }
  for (let c = 0; c < z.length; c++) z[c]! /= sum;
}

/** Turns predictions into the loss gradient with respect to the logits (prediction - target). */
function residuals(z: Float64Array, y: number, task: Task): void {
  if (task === 'multiclass') z[y]! -= 1;
  else z[0]! -= y;
}

/** Weighted mean training objective without the penalty: log loss, cross-entropy or half squared error. */
function meanLoss(model: LogisticModel, set: LabelledSet): number {
  const { features, y, weights } = set;
  const z = new Float64Array(model.outputs);
  let total = 0;
  let weightSum = 0;
  for (let r = 0; r < features.rows; r++) {
    forward(
      features.x,
      r * features.cols,
      features.cols,
      model.outputs,
      model.weights,
      model.bias,
      model.task,
      z,
    );
    const sw = weights ? weights[r]! : 1;
    const target = y[r]!;
    let loss: number;
    if (model.task === 'regression') loss = 0.5 * (z[0]! - target) ** 2;
    else {
      const pTrue = model.task === 'binary' ? (target === 1 ? z[0]! : 1 - z[0]!) : z[target]!;
      loss = -Math.log(Math.max(1e-15, pTrue));
    }
    total += sw * loss;
    weightSum += sw;
  }
  return weightSum > 0 ? total / weightSum : NaN;
}
