import { mostlyZero, sparseRowsFromDense, type SparseRows } from '../features/sparseRows.ts';
import type { Objective } from './lbfgs.ts';
import { linearRows } from './typed/linearRows.ts';
import type { LabelledSet, Task } from './model.ts';

/**
 * A linear model's training problem. The parameter vector is the weights (cols x outputs,
 * row-major: feature j, output c at j * outputs + c) followed by one bias per output.
 */
export interface LinearProblem {
  train: LabelledSet;
  task: Task;
  /** 1 for binary and regression, K for multi-class. */
  outputs: number;
  /** Penalty l2/2 * |weights|^2 on the weighted mean loss; biases are not penalised. */
  l2: number;
}

/** The objective of one problem on one engine; dispose frees what the engine holds (tensors). */
export interface LinearObjective {
  evaluate: Objective;
  dispose(): void;
}

/**
 * Where the loss and its gradient are computed: the optimiser is the same on every engine, so
 * engines agree up to float32 rounding. `name` is what the result shows as the model's engine.
 */
export interface LinearEngine {
  name: string;
  objective(problem: LinearProblem): LinearObjective;
}

/**
 * One row's loss (without the penalty) from its logits, written over by the loss gradient with
 * respect to the logits: log loss through a stable softplus (binary), cross-entropy
 * (multi-class), half squared error (regression).
 */
export function lossAndLogitGradient(z: Float64Array, target: number, task: Task): number {
  if (task === 'regression') {
    const r = z[0]! - target;
    z[0] = r;
    return 0.5 * r * r;
  }
  if (task === 'binary') {
    const logit = z[0]!;
    // -log(sigmoid(logit)) for y = 1, -log(1 - sigmoid(logit)) for y = 0, as
    // max(s, 0) + log1p(exp(-|s|)) for s = -logit or logit: no overflow, and the one exp also gives
    // the sigmoid.
    const e = Math.exp(-Math.abs(logit));
    const signed = target === 1 ? -logit : logit;
    const loss = Math.max(signed, 0) + Math.log1p(e);
    z[0] = (logit >= 0 ? 1 / (1 + e) : e / (1 + e)) - target;
    return loss;
  }
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) max = Math.max(max, z[c]!);
  let sum = 0;
  for (let c = 0; c < z.length; c++) sum += Math.exp(z[c]! - max);
  const logSum = max + Math.log(sum);
  const loss = logSum - z[target]!;
  for (let c = 0; c < z.length; c++) z[c] = Math.exp(z[c]! - logSum);
  z[target]! -= 1;
  return loss;
}

/**
 * Loss and gradient in plain loops over the float32 rows, accumulated in float64. Mostly-zero
 * inputs (one-hot, hashing) are looped over in CSR form: as the features came (a sparse
 * FeatureMatrix) or copied to it once, so each pass visits non-zeros only.
 */
export const typedArrayEngine: LinearEngine = {
  name: 'typed arrays',
  objective({ train, task, outputs: k, l2 }: LinearProblem): LinearObjective {
    const { rows, cols, x, sparse } = train.features;
    const { y, weights } = train;
    let weightSum = 0;
    for (let r = 0; r < rows; r++) weightSum += weights ? weights[r]! : 1;
    const nw = cols * k;
    const penalise = (at: Float64Array, gradient: Float64Array, total: number): number => {
      const scale = weightSum > 0 ? 1 / weightSum : 0;
      let penalty = 0;
      for (let i = 0; i < nw; i++) {
        gradient[i] = gradient[i]! * scale + l2 * at[i]!;
        penalty += at[i]! * at[i]!;
      }
      for (let c = 0; c < k; c++) gradient[nw + c]! *= scale;
      return total * scale + 0.5 * l2 * penalty;
    };
    const z = new Float64Array(k);
    const dense = !sparse && !mostlyZero(x);
    if (dense && k === 1) {
      // Dense rows, one output (binary, regression), the common case: the products and the
      // gradient as two passes over all rows (typed/linearRows.ts, WebAssembly SIMD where there
      // is), the loss between them; the same sums as the accessor's below up to rounding.
      const passes = linearRows(x, rows, cols);
      const { scales } = passes;
      const evaluate: Objective = (at, gradient) => {
        const dots = passes.dots(at);
        const bias = at[cols]!;
        let total = 0;
        let biasGradient = 0;
        for (let r = 0; r < rows; r++) {
          const sw = weights ? weights[r]! : 1;
          if (sw === 0) {
            scales[r] = 0;
            continue;
          }
          z[0] = bias + dots[r]!;
          total += sw * lossAndLogitGradient(z, y[r]!, task);
          const g = z[0]! * sw;
          biasGradient += g;
          scales[r] = g;
        }
        passes.addScaled(gradient);
        gradient[cols] = biasGradient;
        return penalise(at, gradient, total);
      };
      return { evaluate, dispose() {} };
    }
    const access = sparse
      ? sparseAccess(sparse)
      : dense
        ? denseAccess(x, cols)
        : sparseAccess(sparseRowsFromDense(x, rows, cols));
    const evaluate: Objective = (at, gradient) => {
      gradient.fill(0);
      let total = 0;
      for (let r = 0; r < rows; r++) {
        const sw = weights ? weights[r]! : 1;
        if (sw === 0) continue;
        for (let c = 0; c < k; c++) z[c] = at[nw + c]! + access.dot(r, at, c, k);
        total += sw * lossAndLogitGradient(z, y[r]!, task);
        for (let c = 0; c < k; c++) {
          const g = z[c]! * sw;
          gradient[nw + c]! += g;
          access.addScaled(r, g, gradient, c, k);
        }
      }
      return penalise(at, gradient, total);
    };
    return { evaluate, dispose() {} };
  },
};

/** One row's products with column c of a cols x k weight layout, for either storage. */
interface RowAccess {
  /** sum over j of x[r, j] * w[j * k + c] */
  dot(r: number, w: Float64Array, c: number, k: number): number;
  /** out[j * k + c] += g * x[r, j] for every j */
  addScaled(r: number, g: number, out: Float64Array, c: number, k: number): void;
}

function denseAccess(x: Float32Array, cols: number): RowAccess {
  return {
    dot(r, w, c, k) {
      let s = 0;
      for (let j = 0, i = r * cols; j < cols; j++, i++) s += x[i]! * w[j * k + c]!;
      return s;
    },
    addScaled(r, g, out, c, k) {
      if (g === 0) return;
      for (let j = 0, i = r * cols; j < cols; j++, i++) out[j * k + c]! += g * x[i]!;
    },
  };
}

function sparseAccess({ indptr, indices, values }: SparseRows): RowAccess {
  return {
    dot(r, w, c, k) {
      let s = 0;
      for (let i = indptr[r]!; i < indptr[r + 1]!; i++) s += values[i]! * w[indices[i]! * k + c]!;
      return s;
    },
    addScaled(r, g, out, c, k) {
      for (let i = indptr[r]!; i < indptr[r + 1]!; i++) out[indices[i]! * k + c]! += g * values[i]!;
    },
  };
}
