import { LOGISTIC_SETTINGS as LOGISTIC } from '../catalog/modelSettings.ts';
import { checkSetting } from '../catalog/setting.ts';
import type { FeatureMatrix } from '../features/featureMatrix.ts';
import type { SparseRow } from '../features/sparseRows.ts';
import { minimizeLbfgs } from './lbfgs.ts';
import { typedArrayEngine, type LinearEngine } from './linearObjective.ts';
import type { FitOptions, LabelledSet, Model, ModelSize, SerializedModel, Task } from './model.ts';

/** Logistic regression (binary), softmax regression (multi-class) or linear regression. */
export interface LogisticParams {
  /**
   * L2 penalty on the weighted mean loss: loss + l2/2 * |w|^2 (biases not penalised). For n
   * training rows this is scikit-learn's LogisticRegression with C = 1 / (l2 * n), and Ridge
   * with alpha = l2 * n. Default 1e-4.
   */
  l2: number;
  /** L-BFGS iterations at most (scikit-learn's `max_iter`); most fits stop sooner. Default 100. */
  maxIterations: number;
}

export const LOGISTIC_DEFAULTS: LogisticParams = {
  l2: LOGISTIC.l2.default,
  maxIterations: LOGISTIC.maxIterations.default,
};

interface LogisticState {
  inputs: number;
  outputs: number;
  /** inputs x outputs, row-major. */
  weights: number[];
  bias: number[];
  engine?: string;
}

/**
 * Fits by full-batch L-BFGS to the penalised optimum, as scikit-learn's lbfgs solver does, and
 * stops when an iteration lowers the objective by less than 2.2e-9 of its size (its rule). The
 * engine computes the loss and gradient: plain typed arrays by default (for a model this small a
 * loop over a Float32Array is several times faster than tfjs, and predicting one row takes well
 * under a microsecond, docs/design.md), or tfjs for wide inputs on a GPU; the optimiser is the
 * same, so both reach the same weights. Id columns are ignored: a linear model sees only dense
 * features. Deterministic: the seed plays no part.
 */
export async function fitLogistic(
  train: LabelledSet,
  params: Partial<LogisticParams>,
  options: FitOptions,
  engine: LinearEngine = typedArrayEngine,
): Promise<LogisticModel> {
  const p = { ...LOGISTIC_DEFAULTS, ...params };
  checkSetting(LOGISTIC.l2, p.l2);
  checkSetting(LOGISTIC.maxIterations, p.maxIterations);
  const { rows, cols } = train.features;
  const k = outputsFor(options.task, options.numClasses);
  const nw = cols * k;
  const at = new Float64Array(nw + k);
  initBias(at.subarray(nw), train, options.task);
  const objective = engine.objective({ train, task: options.task, outputs: k, l2: p.l2 });
  // The validation loss is the same objective without the penalty; its gradient is unused.
  const validation = options.validation
    ? typedArrayEngine.objective({
        train: options.validation,
        task: options.task,
        outputs: k,
        l2: 0,
      })
    : undefined;
  const unusedGradient = new Float64Array(at.length);
  // The served probabilities of a downsampled binary model are re-calibrated: a shift of its bias.
  const offset = options.task === 'binary' ? (options.validationLogitOffset ?? 0) : 0;
  const shifted = new Float64Array(at.length);
  const validationParams = (params: Float64Array): Float64Array => {
    if (offset === 0) return params;
    shifted.set(params);
    shifted[nw] = shifted[nw]! + offset;
    return shifted;
  };
  let started = performance.now();
  try {
    await minimizeLbfgs(objective.evaluate, at, {
      maxIterations: p.maxIterations,
      signal: options.signal,
      onIteration: (iteration, value, params) => {
        let penalty = 0;
        for (let i = 0; i < nw; i++) penalty += params[i]! * params[i]!;
        options.onProgress?.({
          step: iteration,
          total: p.maxIterations,
          trainLoss: value - 0.5 * p.l2 * penalty,
          ...(validation
            ? {
                validationLoss: validation.evaluate(
                  validationParams(params),
                  unusedGradient,
                ) as number,
              }
            : {}),
          rowsPerSec: rows / Math.max(1e-3, (performance.now() - started) / 1000),
        });
        started = performance.now();
      },
    });
  } finally {
    objective.dispose();
  }
  return new LogisticModel(options.task, cols, k, at.slice(0, nw), at.slice(nw), engine.name);
}

export function loadLogistic(serialized: SerializedModel): LogisticModel {
  const s = serialized.state as LogisticState;
  return new LogisticModel(
    serialized.task,
    s.inputs,
    s.outputs,
    Float64Array.from(s.weights),
    Float64Array.from(s.bias),
    s.engine ?? typedArrayEngine.name,
  );
}

export class LogisticModel implements Model {
  readonly family = 'logistic' as const;
  readonly #z: Float64Array;

  constructor(
    readonly task: Task,
    readonly inputs: number,
    readonly outputs: number,
    readonly weights: Float64Array,
    readonly bias: Float64Array,
    /** The engine that computed the training gradients; predictions always run on typed arrays. */
    readonly engine: string,
  ) {
    this.#z = new Float64Array(outputs);
  }

  async predict(features: FeatureMatrix): Promise<Float32Array> {
    const out = new Float32Array(features.rows * this.outputs);
    const sparse = features.sparse;
    if (sparse) {
      const z = this.#z;
      for (let r = 0; r < features.rows; r++) {
        const { indptr, indices, values } = sparse;
        const [start, end] = [indptr[r]!, indptr[r + 1]!];
        nonZeroForward(
          indices,
          values,
          start,
          end,
          this.outputs,
          this.weights,
          this.bias,
          this.task,
          z,
        );
        for (let c = 0; c < this.outputs; c++) out[r * this.outputs + c] = z[c]!;
      }
      return out;
    }
    for (let r = 0; r < features.rows; r++) this.#predictInto(features.x, r * this.inputs, out, r);
    return out;
  }

  predictRow(x: Float32Array | SparseRow): Float32Array {
    const out = new Float32Array(this.outputs);
    if (x instanceof Float32Array) this.#predictInto(x, 0, out, 0);
    else {
      const z = this.#z;
      nonZeroForward(
        x.indices,
        x.values,
        0,
        x.nonZeros,
        this.outputs,
        this.weights,
        this.bias,
        this.task,
        z,
      );
      for (let c = 0; c < this.outputs; c++) out[c] = z[c]!;
    }
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
      engine: this.engine,
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

/** Starts the bias at the prior (log-odds, log class shares or the mean): the optimum without features. */
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
  link(z, task);
}

/**
 * forward over a row's non-zeros only, values[i] at column indices[i] for i in [start, end) (a
 * CSR row or a served SparseRow): the same sums, in the same order, as over its dense cells.
 */
function nonZeroForward(
  indices: Int32Array,
  values: Float32Array,
  start: number,
  end: number,
  k: number,
  w: Float64Array,
  b: Float64Array,
  task: Task,
  z: Float64Array,
): void {
  for (let c = 0; c < k; c++) {
    let s = b[c]!;
    for (let i = start; i < end; i++) s += values[i]! * w[indices[i]! * k + c]!;
    z[c] = s;
  }
  link(z, task);
}

/** Logits to outputs in place: sigmoid (binary), softmax (multi-class), identity (regression). */
function link(z: Float64Array, task: Task): void {
  if (task === 'binary') z[0] = 1 / (1 + Math.exp(-z[0]!));
  else if (task === 'multiclass') softmaxInPlace(z);
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
