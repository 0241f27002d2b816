import * as tf from '../../tfjsCore.ts';
import type { FeatureMatrix } from '../../features/featureMatrix.ts';
import type { Model, ModelFamily, ModelSize, SerializedModel, Task } from '../model.ts';
import type { SparseRow } from '../../features/sparseRows.ts';
import { BatchBuffers, disposeBatch, type SparseInput } from './batchBuffers.ts';
import { DenseNetwork, type NetworkShape } from './denseNetwork.ts';
import { base64ToFloat32, float32ToBase64 } from './float32Base64.ts';
import { outputsFromLogits, type TargetScale } from './taskLoss.ts';
import { describeEmbeddingTables } from '../networkParams.ts';

/** The tfjs families this class serves. */
export type NetworkFamily = Extract<ModelFamily, 'mlp' | 'embedding-mlp'>;

/** SerializedModel.state of an MLP or embedding MLP. */
export interface NetworkState {
  shape: NetworkShape;
  scale: TargetScale;
  /** Base64 of the float32 weights, one string per variable: tables, then kernel, bias per layer. */
  weights: string[];
}

/** Rows per forward pass in predict: large enough to amortise op overhead, small in memory. */
const PREDICT_BATCH_ROWS = 4096;

/**
 * A trained MLP or embedding MLP on tfjs. Outputs per row: P(y = 1) (binary), K class
 * probabilities (multi-class) or the value (regression). A plain MLP reads only the dense
 * features and ignores id columns; an embedding MLP reads one id column per table.
 */
export class NetworkModel implements Model {
  readonly outputs: number;
  /** The backend that was active when the model was made, e.g. "tfjs (wasm)". */
  readonly engine: string;
  readonly #network: DenseNetwork;
  readonly #scale: TargetScale;

  constructor(
    readonly family: NetworkFamily,
    readonly task: Task,
    network: DenseNetwork,
    scale: TargetScale,
  ) {
    this.#network = network;
    this.#scale = scale;
    this.outputs = network.shape.outputs;
    this.engine = `tfjs (${tf.getBackend()})`;
  }

  /** Rebuilds a model from serialize()'s output; throws when the family differs. */
  static deserialize(serialized: SerializedModel, family: NetworkFamily): NetworkModel {
    if (serialized.family !== family) {
      throw new Error(`expected a serialized ${family} model, got ${serialized.family}`);
    }
    const state = serialized.state as NetworkState;
    const network = DenseNetwork.fromWeights(state.shape, state.weights.map(base64ToFloat32));
    return new NetworkModel(family, serialized.task, network, state.scale);
  }

  /** rows x outputs, row-major; a fresh array. */
  async predict(features: FeatureMatrix): Promise<Float32Array> {
    this.#checkLayout(features.cols, features.idColumns.length);
    const { rows, cols } = features;
    const batchRows = Math.max(1, Math.min(rows, PREDICT_BATCH_ROWS));
    const buffers = new BatchBuffers(cols, this.#vocabSizes(), batchRows);
    const out = new Float32Array(rows * this.outputs);
    for (let start = 0; start < rows; start += batchRows) {
      const end = Math.min(rows, start + batchRows);
      buffers.gather(features, null, undefined, null, start, end);
      const inputs = buffers.inputs(end - start);
      let result: tf.Tensor2D;
      try {
        result = tf.tidy(() => this.#outputs(inputs.x, inputs.ids));
      } finally {
        disposeBatch(inputs);
      }
      try {
        out.set(await result.data(), start * this.outputs);
      } finally {
        result.dispose();
      }
    }
    return out;
  }

  /**
   * One row: x has `cols` dense values, or the row's non-zeros when the features' layout is
   * sparse (the first layer then gathers their kernel rows, as the batches it trained on); ids
   * one id per id column (ignored by a plain MLP).
   */
  async predictRow(x: Float32Array | SparseRow, ids: Int32Array): Promise<Float32Array> {
    const dense = x instanceof Float32Array;
    this.#checkLayout(dense ? x.length : x.cols, ids.length);
    const tables = this.#network.shape.embeddings;
    const result = tf.tidy(() => {
      const idTensors = tables.map((e, t) => {
        const id = ids[t]!;
        return tf.tensor1d([id >= 0 && id < e.vocabSize ? id : 0], 'int32');
      });
      // slice: the caller reuses its non-zero buffers, longer than the row (tiny copies).
      const input: tf.Tensor2D | SparseInput = dense
        ? tf.tensor2d(x, [1, x.length])
        : {
            rows: 1,
            columns: tf.tensor1d(x.indices.slice(0, x.nonZeros), 'int32'),
            values: tf.tensor1d(x.values.slice(0, x.nonZeros)),
            rowOfValue: tf.zeros([x.nonZeros], 'int32'),
          };
      return this.#outputs(input, idTensors);
    });
    try {
      // slice: on the cpu backend data() is the tensor's own storage.
      return (await result.data()).slice() as Float32Array;
    } finally {
      result.dispose();
    }
  }

  size(): ModelSize {
    const parameters = this.#network.parameterCount();
    const { inputs, embeddings, hidden, outputs } = this.#network.shape;
    const layers = [...hidden, outputs].join('-');
    const description =
      this.family === 'mlp'
        ? `${inputs}-${layers}`
        : `emb ${describeEmbeddingTables(embeddings.map((e) => e.dim))} + ${inputs} -> ${layers}`;
    return { parameters, bytes: parameters * 4, description };
  }

  serialize(): SerializedModel {
    const state: NetworkState = {
      shape: structuredClone(this.#network.shape),
      scale: { ...this.#scale },
      weights: this.#network.readWeights().map(float32ToBase64),
    };
    return { family: this.family, task: this.task, state };
  }

  /** Frees the weights; the model cannot predict afterwards. */
  dispose(): void {
    this.#network.dispose();
  }

  #outputs(x: tf.Tensor2D | SparseInput, ids: tf.Tensor1D[]): tf.Tensor2D {
    return outputsFromLogits(this.#network.logits(x, ids), this.task, this.#scale);
  }

  #vocabSizes(): number[] {
    return this.#network.shape.embeddings.map((e) => e.vocabSize);
  }

  #checkLayout(cols: number, idColumns: number): void {
    const { inputs, embeddings } = this.#network.shape;
    if (cols !== inputs) throw new Error(`model expects ${inputs} dense features, got ${cols}`);
    if (this.family === 'embedding-mlp' && idColumns !== embeddings.length) {
      throw new Error(`model expects ${embeddings.length} id columns, got ${idColumns}`);
    }
  }
}
