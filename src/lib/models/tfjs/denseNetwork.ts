import * as tf from '../../tfjsCore.ts';
import type { Rng } from '../../random.ts';
import type { SparseInput } from './batchBuffers.ts';
import { embeddingLookup } from './embeddingLookup.ts';
import { sparseMatMul } from './sparseMatMul.ts';

/** Hidden-layer non-linearity. GELU is the exact form, x * Phi(x), built from tf.erf. */
export type Activation = 'relu' | 'tanh' | 'gelu';

export interface EmbeddingShape {
  /** Source id column name. */
  name: string;
  /** Table rows, including the reserved unknown id 0. */
  vocabSize: number;
  /** Vector length per id. */
  dim: number;
}

/** Everything needed to rebuild the network's variables, JSON-safe. */
export interface NetworkShape {
  /** Dense input features (FeatureMatrix.cols). */
  inputs: number;
  /** One table per id column, in FeatureMatrix.idColumns order; empty for a plain MLP. */
  embeddings: EmbeddingShape[];
  /** Units per hidden layer. */
  hidden: number[];
  /** 1 for binary and regression, K for multi-class. */
  outputs: number;
  activation: Activation;
}

/** Dropout applied after every hidden activation during training. */
export interface DropoutSpec {
  /** Fraction of units dropped, in [0, 1). */
  rate: number;
  /** Seed for this batch's masks (tfjs draws them in JavaScript, so every backend gets the same). */
  seed: number;
}

/** Keras's default scale for embedding tables: uniform in [-0.05, 0.05]. */
const EMBEDDING_INIT_LIMIT = 0.05;

/**
 * A feed-forward network held as plain tfjs variables: embedding tables (gathered, flattened and
 * concatenated with the dense features), then dense layers. Plain variables rather than a
 * tf.LayersModel keep the weighted custom training loop, seeding and serialisation simple.
 * Variable order everywhere: tables, then kernel and bias of each layer.
 */
export class DenseNetwork {
  readonly #tables: tf.Variable[];
  readonly #kernels: tf.Variable[];
  readonly #biases: tf.Variable[];
  #disposed = false;

  private constructor(
    readonly shape: NetworkShape,
    weights: Float32Array[],
  ) {
    const shapes = variableShapes(shape);
    if (weights.length !== shapes.length) {
      throw new Error(`network: expected ${shapes.length} weight arrays, got ${weights.length}`);
    }
    const variables = shapes.map((s, i) => makeVariable(weights[i]!, s));
    const tableCount = shape.embeddings.length;
    this.#tables = variables.slice(0, tableCount);
    this.#kernels = variables.filter((_, i) => i >= tableCount && (i - tableCount) % 2 === 0);
    this.#biases = variables.filter((_, i) => i >= tableCount && (i - tableCount) % 2 === 1);
  }

  /**
   * New network with weights drawn from rng in JavaScript (identical on every backend):
   * Glorot-uniform kernels, zero hidden biases, uniform(+-0.05) tables, and the output bias
   * set to outputBias (the prior, so early epochs fit signal rather than the base rate).
   */
  static initialise(shape: NetworkShape, rng: Rng, outputBias: Float32Array): DenseNetwork {
    return new DenseNetwork(shape, initialWeights(shape, rng, outputBias));
  }

  /** Network over copies of the given weights (in variable order). */
  static fromWeights(shape: NetworkShape, weights: Float32Array[]): DenseNetwork {
    return new DenseNetwork(shape, weights);
  }

  get variables(): tf.Variable[] {
    const layers = this.#kernels.flatMap((k, i) => [k, this.#biases[i]!]);
    return [...this.#tables, ...layers];
  }

  /** Exact number of trainable weights. */
  parameterCount(): number {
    return this.variables.reduce((sum, v) => sum + v.size, 0);
  }

  /**
   * Output logits, [rows, outputs]. x: [rows, inputs], or the batch's non-zeros (then the first
   * layer multiplies only those, sparseMatMul.ts); ids: one int32 [rows] tensor per table,
   * every id in [0, vocabSize). Call inside tf.tidy or a gradient scope.
   */
  logits(x: tf.Tensor2D | SparseInput, ids: tf.Tensor1D[], dropout?: DropoutSpec): tf.Tensor2D {
    const parts = this.#tables.map((t, i) => embeddingLookup(t as tf.Tensor2D, ids[i]!));
    const sparse = x instanceof tf.Tensor ? null : x;
    if (this.shape.inputs > 0 && !sparse) parts.push(x as tf.Tensor2D);
    const joined =
      parts.length === 0 ? null : parts.length === 1 ? parts[0]! : tf.concat2d(parts, 1);
    const last = this.#kernels.length - 1;
    let h = joined as tf.Tensor2D;
    for (let layer = 0; layer <= last; layer++) {
      const kernel = this.#kernels[layer]! as tf.Tensor2D;
      const product: tf.Tensor2D =
        layer === 0 && sparse
          ? this.#sparseFirstLayer(joined, sparse, kernel)
          : tf.matMul(h, kernel);
      h = tf.add(product, this.#biases[layer]!) as tf.Tensor2D;
      if (layer === last) break;
      h = activate(h, this.shape.activation);
      if (dropout && dropout.rate > 0) {
        h = tf.dropout(h, dropout.rate, undefined, dropout.seed + layer) as tf.Tensor2D;
      }
    }
    return h;
  }

  /**
   * The first layer's product when the dense features come as non-zeros: the kernel's first rows
   * take the embeddings (`embedded`, null without tables), its last `inputs` rows the features.
   */
  #sparseFirstLayer(
    embedded: tf.Tensor2D | null,
    x: SparseInput,
    kernel: tf.Tensor2D,
  ): tf.Tensor2D {
    const embeddingWidth = kernel.shape[0] - this.shape.inputs;
    if (embeddingWidth === 0) return sparseMatMul(x, kernel);
    const [tables, features] = tf.split(kernel, [embeddingWidth, this.shape.inputs], 0);
    return tf.add(tf.matMul(embedded!, tables!), sparseMatMul(x, features as tf.Tensor2D));
  }

  /** scale * (sum of squared kernel weights); biases and tables are not penalised. */
  kernelPenalty(scale: number): tf.Scalar {
    return tf.mul(tf.addN(this.#kernels.map((k) => tf.sum(tf.square(k)))), scale);
  }

  /** Copies of the current weights, in variable order (synchronous read-back). */
  readWeights(): Float32Array[] {
    return this.variables.map((v) => (v.dataSync() as Float32Array).slice());
  }

  /** Frees every variable; safe to call twice. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const v of this.variables) v.dispose();
  }
}

/**
 * A new network's weights in variable order, drawn from rng in JavaScript (identical on every
 * backend and engine): Glorot-uniform kernels, zero hidden biases, uniform(+-0.05) tables, and the
 * output bias set to outputBias.
 */
export function initialWeights(
  shape: NetworkShape,
  rng: Rng,
  outputBias: Float32Array,
): Float32Array[] {
  const shapes = variableShapes(shape);
  const tableCount = shape.embeddings.length;
  return shapes.map((s, i) => {
    const values = new Float32Array(s.reduce((a, b) => a * b, 1));
    if (i < tableCount) fillUniform(values, EMBEDDING_INIT_LIMIT, rng);
    else if ((i - tableCount) % 2 === 0) {
      fillUniform(values, Math.sqrt(6 / (s[0]! + s[1]!)), rng);
    } else if (i === shapes.length - 1) values.set(outputBias);
    return values;
  });
}

/** Shapes of all variables in order: [vocab, dim] per table, then [in, out] and [out] per layer. */
export function variableShapes(shape: NetworkShape): number[][] {
  const shapes: number[][] = shape.embeddings.map((e) => [e.vocabSize, e.dim]);
  let width = shape.inputs + shape.embeddings.reduce((sum, e) => sum + e.dim, 0);
  if (width === 0) throw new Error('network: no input features');
  for (const units of [...shape.hidden, shape.outputs]) {
    shapes.push([width, units], [units]);
    width = units;
  }
  return shapes;
}

function makeVariable(values: Float32Array, shape: number[]): tf.Variable {
  const size = shape.reduce((a, b) => a * b, 1);
  if (values.length !== size) {
    throw new Error(`network: weight array of ${values.length} values for shape [${shape}]`);
  }
  // The cpu backend keeps the array it is given: copy so no caller's array aliases a weight.
  const initial = tf.tensor(values.slice(), shape, 'float32');
  const variable = tf.variable(initial);
  initial.dispose();
  return variable;
}

function fillUniform(values: Float32Array, limit: number, rng: Rng): void {
  for (let i = 0; i < values.length; i++) values[i] = (2 * rng.next() - 1) * limit;
}

function activate(h: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  switch (activation) {
    case 'relu':
      return tf.relu(h);
    case 'tanh':
      return tf.tanh(h);
    case 'gelu':
      return tf.mul(tf.mul(h, 0.5), tf.add(tf.erf(tf.mul(h, Math.SQRT1_2)), 1));
  }
}
