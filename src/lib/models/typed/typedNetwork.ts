import type { Task } from '../model.ts';
import type { GatheredRows } from '../tfjs/batchBuffers.ts';
import type { Activation, NetworkShape } from '../tfjs/denseNetwork.ts';
import { KernelArena } from './kernelArena.ts';

/** ERF_P and ERF_A1..A5 of tfjs's cpu kernel (Abramowitz and Stegun 7.1.26), so GELU matches it. */
const ERF = [0.3275911, 0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429];
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * A plain MLP (no embedding tables) on Float32Arrays: the same weights, in the same variable
 * order (kernel [in, out] row-major, then bias, per layer), as the tfjs DenseNetwork, with the
 * forward pass and the gradient of the weighted mean loss written out. Each layer is one blocked
 * product (SIMD where available, kernelArena.ts) with the bias and ReLU fused in, or followed by
 * one pass that adds the bias and applies the activation (tanh, GELU, the dropout mask); the
 * backward pass mirrors it, the ReLU gradient fused into the product that passes the gradient
 * back. Every buffer lives in one arena sized for `capacity` rows at construction, the batch's
 * rows included (gathered there by the trainer): nothing is allocated or copied per batch.
 */
export class TypedNetwork {
  /** kernel, bias per layer, as DenseNetwork.readWeights() orders them. */
  readonly weights: Float32Array[];
  /** The gradient of the last backward(), same layout as weights. */
  readonly gradients: Float32Array[];
  readonly #widths: number[];
  readonly #activation: Activation;
  /** Per layer: the pre-activation rows [capacity, units]; the last holds the logits. */
  readonly #pre: Float32Array[];
  /** Per hidden layer: the activation after dropout, the next layer's input. */
  readonly #post: Float32Array[];
  /** Per hidden layer: dropout multipliers (0 or 1/keep) of the last forward pass, or null. */
  readonly #masks: (Float32Array | null)[];
  /** Per layer: the loss gradient with respect to its pre-activations. */
  readonly #delta: Float32Array[];
  /** The arena every array here lives in, and the kernels over it. */
  readonly arena: KernelArena;
  /** Adam's first and second moments per weight array, zeros at first; null without Adam. */
  readonly moments: { first: Float32Array[]; second: Float32Array[] } | null;
  /** ReLU: without a dropout mask, fused into the products (and its gradient gated by post). */
  readonly #relu: boolean;
  /** The dense rows the last forward() read, in the arena; null for CSR. */
  #batchInput: Float32Array | null = null;
  /**
   * Room for a batch's dense rows [capacity, inputs] in the arena, for the trainer to gather
   * into (a batch elsewhere is copied here); null when the training rows are CSR.
   */
  readonly input: Float32Array | null;
  /** A kernel transposed, so the gradient passed back reads contiguous rows. */
  readonly #transposed: Float32Array;

  /**
   * sparseInput: the training rows come as non-zeros (the first layer then loops over them);
   * adam: room for Adam's moments in the arena too.
   */
  constructor(
    readonly shape: NetworkShape,
    weights: Float32Array[],
    readonly capacity: number,
    sparseInput = false,
    adam = false,
  ) {
    if (shape.embeddings.length > 0) throw new Error('typed network: embedding tables need tfjs');
    this.#widths = [shape.inputs, ...shape.hidden, shape.outputs];
    this.#activation = shape.activation;
    this.#relu = shape.activation === 'relu';
    const layers = this.#widths.length - 1;
    if (weights.length !== 2 * layers) {
      throw new Error(`typed network: expected ${2 * layers} weight arrays, got ${weights.length}`);
    }
    weights.forEach((w, i) => {
      const l = i >> 1;
      const size = i % 2 === 0 ? this.#widths[l]! * this.#widths[l + 1]! : this.#widths[l + 1]!;
      if (w.length !== size) throw new Error(`typed network: weight ${i} has ${w.length} values`);
    });
    const units = this.#widths.slice(1);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const transposed = Math.max(0, ...weights.map((w, i) => (i > 1 && i % 2 === 0 ? w.length : 0)));
    const input = sparseInput ? 0 : capacity * shape.inputs;
    // 4 floats of alignment slack per array.
    const floats =
      (adam ? 4 : 2) * sum(weights.map((w) => w.length + 4)) +
      (2 * capacity * sum(units) + 8 * units.length) +
      (capacity * sum(shape.hidden) + 4 * shape.hidden.length) +
      (transposed + 4) +
      (input + 4);
    const arena = (this.arena = new KernelArena(floats));
    this.weights = weights.map((w) => {
      const copy = arena.alloc(w.length);
      copy.set(w);
      return copy;
    });
    this.gradients = weights.map((w) => arena.alloc(w.length));
    this.moments = adam
      ? {
          first: weights.map((w) => arena.alloc(w.length)),
          second: weights.map((w) => arena.alloc(w.length)),
        }
      : null;
    this.#pre = units.map((u) => arena.alloc(capacity * u));
    this.#delta = units.map((u) => arena.alloc(capacity * u));
    this.#post = shape.hidden.map((u) => arena.alloc(capacity * u));
    this.#transposed = arena.alloc(transposed);
    this.input = sparseInput ? null : arena.alloc(input);
    this.#masks = shape.hidden.map(() => null);
  }

  /**
   * Logits of the batch's first `rows` rows, [rows, outputs] (a view, overwritten by the next
   * call). masks: one [rows, units] multiplier array per hidden layer while training with dropout.
   */
  forward(batch: GatheredRows, rows: number, masks?: Float32Array[]): Float32Array {
    const widths = this.#widths;
    const last = widths.length - 2;
    const arena = this.arena;
    let input = (this.#batchInput = this.#inputOf(batch));
    for (let l = 0; l <= last; l++) {
      const m = widths[l]!;
      const n = widths[l + 1]!;
      const kernel = this.weights[2 * l]!;
      const bias = this.weights[2 * l + 1]!;
      const pre = this.#pre[l]!;
      if (l === last) {
        if (input) arena.gemm(pre, input, m, 1, kernel, n, 1, rows, n, m, bias);
        else {
          sparseProduct(pre, batch.nonZeros!, kernel, rows, n);
          addBias(pre, bias, rows, n);
        }
        break;
      }
      const post = this.#post[l]!;
      const mask = masks?.[l] ?? null;
      this.#masks[l] = mask;
      if (input && this.#relu && !mask)
        arena.gemm(post, input, m, 1, kernel, n, 1, rows, n, m, bias, true);
      else {
        if (input) arena.gemm(pre, input, m, 1, kernel, n, 1, rows, n, m);
        else sparseProduct(pre, batch.nonZeros!, kernel, rows, n);
        activateRows(pre, post, bias, mask, rows, n, this.#activation);
      }
      input = post;
    }
    return this.#pre[last]!.subarray(0, rows * widths[last + 1]!);
  }

  /**
   * After forward() on the same batch: fills `gradients` with the gradient of
   * (sum_i weights_i loss_i) / weightSum + l2/2 |kernels|^2, and returns sum_i weights_i loss_i.
   */
  backward(batch: GatheredRows, rows: number, weightSum: number, task: Task, l2: number): number {
    const widths = this.#widths;
    const last = widths.length - 2;
    const outputs = widths[last + 1]!;
    const logits = this.#pre[last]!;
    const lossSum = weightedLoss(
      logits,
      rows,
      outputs,
      batch.targets,
      batch.weights,
      task,
      0,
      this.#delta[last]!,
      1 / weightSum,
    );
    for (let l = last; l >= 0; l--) {
      const m = widths[l]!;
      const n = widths[l + 1]!;
      const delta = this.#delta[l]!;
      const kernel = this.weights[2 * l]!;
      const kernelGradient = this.gradients[2 * l]!;
      const input = l > 0 ? this.#post[l - 1]! : this.#batchInput;
      if (input) this.arena.gemm(kernelGradient, input, 1, m, delta, n, 1, m, n, rows);
      else sparseKernelGradient(kernelGradient, batch.nonZeros!, delta, n);
      if (l2 > 0) for (let i = 0; i < kernel.length; i++) kernelGradient[i]! += l2 * kernel[i]!;
      this.arena.columnSums(this.gradients[2 * l + 1]!, delta, rows, n);
      if (l === 0) break;
      const below = this.#delta[l - 1]!;
      const transposed = this.#transposed;
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++) transposed[j * m + i] = kernel[i * n + j]!;
      // ReLU without dropout: the gradient passes where the activation (post) is > 0, as pre is.
      const gate = this.#relu && !this.#masks[l - 1] ? this.#post[l - 1]! : null;
      this.arena.gemm(below, delta, n, 1, transposed, m, 1, rows, m, n, null, false, gate);
      if (!gate) {
        const pre = this.#pre[l - 1]!;
        activationGradient(below, pre, this.#masks[l - 1]!, rows, m, this.#activation);
      }
    }
    return lossSum;
  }

  /** The batch's dense rows in the arena (copied there unless gathered there), or null (CSR). */
  #inputOf(batch: GatheredRows): Float32Array | null {
    const x = batch.x;
    if (!x || !this.input || this.arena.holds(x)) return x;
    this.input.set(x);
    return this.input.subarray(0, x.length);
  }
}

/**
 * sum_i weights_i loss_i over the rows' logits (plus offset, the re-calibration shift), as
 * taskLoss.ts defines the losses; when delta is given, writes d(sum * gradientScale)/d logit.
 */
export function weightedLoss(
  logits: Float32Array,
  rows: number,
  outputs: number,
  targets: Float32Array,
  weights: Float32Array,
  task: Task,
  offset: number,
  delta: Float32Array | null,
  gradientScale: number,
): number {
  let sum = 0;
  for (let i = 0; i < rows; i++) {
    const w = weights[i]!;
    const y = targets[i]!;
    if (task === 'binary') {
      const z = logits[i]! + offset;
      sum += w * (Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z))));
      if (delta) delta[i] = w * gradientScale * (1 / (1 + Math.exp(-z)) - y);
    } else if (task === 'regression') {
      const r = logits[i]! + offset - y;
      sum += w * 0.5 * r * r;
      if (delta) delta[i] = w * gradientScale * r;
    } else {
      const o = i * outputs;
      let max = -Infinity;
      for (let c = 0; c < outputs; c++) max = Math.max(max, logits[o + c]!);
      let total = 0;
      for (let c = 0; c < outputs; c++) total += Math.exp(logits[o + c]! - max);
      const logTotal = Math.log(total);
      sum += w * (logTotal + max - logits[o + y]!);
      if (delta) {
        for (let c = 0; c < outputs; c++) {
          const p = Math.exp(logits[o + c]! - max - logTotal);
          delta[o + c] = w * gradientScale * (p - (c === y ? 1 : 0));
        }
      }
    }
  }
  return sum;
}

/** pre = x kernel for a batch given as non-zeros: each adds value x its kernel row to its row. */
function sparseProduct(
  pre: Float32Array,
  x: NonNullable<GatheredRows['nonZeros']>,
  kernel: Float32Array,
  rows: number,
  n: number,
): void {
  pre.fill(0, 0, rows * n);
  for (let i = 0; i < x.values.length; i++) {
    const v = x.values[i]!;
    const o = x.rowOfValue[i]! * n;
    const k = x.columns[i]! * n;
    for (let j = 0; j < n; j++) pre[o + j]! += v * kernel[k + j]!;
  }
}

/** The kernel gradient x^T delta for non-zero inputs: only the kernel rows of present columns. */
function sparseKernelGradient(
  gradient: Float32Array,
  x: NonNullable<GatheredRows['nonZeros']>,
  delta: Float32Array,
  n: number,
): void {
  gradient.fill(0);
  for (let i = 0; i < x.values.length; i++) {
    const v = x.values[i]!;
    const o = x.rowOfValue[i]! * n;
    const k = x.columns[i]! * n;
    for (let j = 0; j < n; j++) gradient[k + j]! += v * delta[o + j]!;
  }
}

function addBias(pre: Float32Array, bias: Float32Array, rows: number, n: number): void {
  for (let i = 0, o = 0; i < rows; i++, o += n) for (let j = 0; j < n; j++) pre[o + j]! += bias[j]!;
}

/** pre += bias, post = activation(pre) x mask, in one pass over the rows. */
function activateRows(
  pre: Float32Array,
  post: Float32Array,
  bias: Float32Array,
  mask: Float32Array | null,
  rows: number,
  n: number,
  activation: Activation,
): void {
  const size = rows * n;
  // One loop per activation: a choice per cell costs more than the cell's work.
  for (let o = 0; o < size; o += n) {
    if (activation === 'relu') {
      for (let j = 0; j < n; j++) {
        const z = (pre[o + j] = pre[o + j]! + bias[j]!);
        post[o + j] = z > 0 ? z : 0;
      }
    } else if (activation === 'tanh') {
      for (let j = 0; j < n; j++) post[o + j] = Math.tanh((pre[o + j] = pre[o + j]! + bias[j]!));
    } else {
      for (let j = 0; j < n; j++) post[o + j] = gelu((pre[o + j] = pre[o + j]! + bias[j]!));
    }
  }
  if (mask) for (let i = 0; i < size; i++) post[i] = post[i]! * mask[i]!;
}

/** delta = dLoss/dh x mask x activation'(pre), in place (delta holds dLoss/dh on entry). */
function activationGradient(
  delta: Float32Array,
  pre: Float32Array,
  mask: Float32Array | null,
  rows: number,
  n: number,
  activation: Activation,
): void {
  const size = rows * n;
  if (mask) for (let i = 0; i < size; i++) delta[i] = delta[i]! * mask[i]!;
  if (activation === 'relu') {
    for (let i = 0; i < size; i++) if (!(pre[i]! > 0)) delta[i] = 0;
  } else if (activation === 'tanh') {
    for (let i = 0; i < size; i++) delta[i] = delta[i]! * (1 - Math.tanh(pre[i]!) ** 2);
  } else {
    for (let i = 0; i < size; i++) delta[i] = delta[i]! * geluSlope(pre[i]!);
  }
}

/** x Phi(x) as denseNetwork.ts builds it: x / 2 (erf(x / sqrt 2) + 1). */
function gelu(x: number): number {
  return 0.5 * x * (erf(x * Math.SQRT1_2) + 1);
}

/** The derivative tfjs takes of that expression: its erf gradient is the exact 2/sqrt(pi) e^-x^2. */
function geluSlope(x: number): number {
  const u = x * Math.SQRT1_2;
  return 0.5 * (erf(u) + 1) + 0.5 * x * TWO_OVER_SQRT_PI * Math.exp(-u * u) * Math.SQRT1_2;
}

function erf(x: number): number {
  const v = Math.abs(x);
  const t = 1 / (1 + ERF[0]! * v);
  const poly = ((((ERF[5]! * t + ERF[4]!) * t + ERF[3]!) * t + ERF[2]!) * t + ERF[1]!) * t;
  return Math.sign(x) * (1 - poly * Math.exp(-v * v));
}
