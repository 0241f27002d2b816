import { denseFeatures, type FeatureMatrix } from '../../features/featureMatrix.ts';
import type { SparseRow } from '../../features/sparseRows.ts';
import type { Model, ModelSize, SerializedModel, Task } from '../model.ts';
import { CATEGORY_SET_WORDS, type Forest, forestRawScores } from './forest.ts';
import { type Loss, lossFor } from './losses.ts';
import {
  decodeFloat64,
  decodeInt32,
  decodeUint32,
  decodeUint8,
  encodeTypedArray,
} from './typedArrayCodec.ts';

/** SerializedModel.state of a GBDT: the flattened forest, typed arrays as base64. */
export interface GbdtState {
  version: 1;
  /** Dense feature count the model was trained on. */
  cols: number;
  outputs: number;
  baseScores: string;
  roots: string;
  feature: string;
  threshold: string;
  left: string;
  right: string;
  missingLeft: string;
  value: string;
  /** Categorical splits (absent in models saved before them: no categorical split). */
  categorySet?: string;
  categoryBits?: string;
}

/**
 * Gradient-boosted trees over typed arrays. Predicts from raw feature values (thresholds are on
 * raw values, NaN follows each split's learned default direction), so serving needs no binning.
 * Id columns are ignored: trees see only the dense features.
 */
export class GbdtModel implements Model {
  readonly family = 'gbdt';
  readonly engine = 'typed arrays';
  readonly outputs: number;
  /** Trees in the model: rounds x outputs. */
  readonly treeCount: number;
  readonly #forest: Forest;
  readonly #cols: number;
  readonly #loss: Loss;
  /** One row's raw scores, reused by every call. */
  readonly #raw: Float64Array;
  /** The dense cells of a row given as non-zeros, made at the first such row. */
  #cells: Float32Array | null = null;

  constructor(
    readonly task: Task,
    forest: Forest,
    cols: number,
  ) {
    this.#forest = forest;
    this.#cols = cols;
    this.outputs = forest.outputs;
    this.treeCount = forest.roots.length;
    this.#loss = lossFor(task, task === 'multiclass' ? forest.outputs : 2);
    this.#raw = new Float64Array(forest.outputs);
  }

  async predict(features: FeatureMatrix): Promise<Float32Array> {
    this.#checkCols(features.cols);
    const { rows, cols } = features;
    const x = denseFeatures(features);
    const out = new Float32Array(rows * this.outputs);
    for (let r = 0; r < rows; r++) {
      forestRawScores(this.#forest, x, r * cols, this.#raw, 0);
      this.#loss.transform(this.#raw, 0, out, r * this.outputs);
    }
    return out;
  }

  /**
   * One row of raw dense values (length cols; NaN is missing), or its non-zeros, spread into a
   * reused dense row since trees read cells (the serving layout is dense for trees, so only a
   * caller holding sparse rows pays that); `ids` are not used.
   */
  predictRow(x: Float32Array | SparseRow, _ids: Int32Array): Float32Array {
    const cells = x instanceof Float32Array ? x : this.#spread(x);
    this.#checkCols(cells.length);
    const out = new Float32Array(this.outputs);
    forestRawScores(this.#forest, cells, 0, this.#raw, 0);
    this.#loss.transform(this.#raw, 0, out, 0);
    return out;
  }

  /**
   * Parameters: 2 per split node (feature index and threshold; the missing direction is one
   * bit, not counted), 1 per leaf (its value), plus the prior's raw scores. Child links are not
   * counted: a complete-tree layout could imply them. Description: "N trees x L leaves (max
   * depth D)" with N every tree (rounds x classes), L the mean leaf count per tree, rounded, and
   * D the depth of the deepest leaf.
   */
  size(): ModelSize {
    const { feature, roots, left, right } = this.#forest;
    let splits = 0;
    for (let i = 0; i < feature.length; i++) if (feature[i]! >= 0) splits++;
    const leaves = feature.length - splits;
    let maxDepth = 0;
    // Depth of each node from its parent; children always come after their parent.
    const depth = new Int32Array(feature.length);
    for (let i = 0; i < feature.length; i++) {
      if (feature[i]! < 0) continue;
      depth[left[i]!] = depth[i]! + 1;
      depth[right[i]!] = depth[i]! + 1;
      maxDepth = Math.max(maxDepth, depth[i]! + 1);
    }
    const parameters = 2 * splits + leaves + this.outputs;
    const meanLeaves = roots.length > 0 ? Math.round(leaves / roots.length) : 0;
    return {
      parameters,
      bytes: parameters * 4,
      description: `${roots.length} trees x ${meanLeaves} leaves (max depth ${maxDepth})`,
    };
  }

  /**
   * The model after its first `rounds` boosting rounds: staged prediction, equal to a model
   * trained with `trees: rounds` (same seed, no early stopping), since each round only adds trees.
   * Shares no arrays with this model.
   */
  firstRounds(rounds: number): GbdtModel {
    const f = this.#forest;
    const trees = Math.min(f.roots.length, Math.max(0, Math.floor(rounds)) * this.outputs);
    // Nodes are appended tree by tree, so the first trees' nodes end where the next tree's root is.
    const nodes = trees < f.roots.length ? f.roots[trees]! : f.feature.length;
    const forest: Forest = {
      outputs: f.outputs,
      baseScores: f.baseScores.slice(),
      roots: f.roots.slice(0, trees),
      feature: f.feature.slice(0, nodes),
      threshold: f.threshold.slice(0, nodes),
      left: f.left.slice(0, nodes),
      right: f.right.slice(0, nodes),
      missingLeft: f.missingLeft.slice(0, nodes),
      value: f.value.slice(0, nodes),
      categorySet: f.categorySet.slice(0, nodes),
      // Set indices only grow as nodes are added, so the first nodes' sets are all in here.
      categoryBits: f.categoryBits.slice(),
    };
    return new GbdtModel(this.task, forest, this.#cols);
  }

  serialize(): SerializedModel {
    const f = this.#forest;
    const state: GbdtState = {
      version: 1,
      cols: this.#cols,
      outputs: f.outputs,
      baseScores: encodeTypedArray(f.baseScores),
      roots: encodeTypedArray(f.roots),
      feature: encodeTypedArray(f.feature),
      threshold: encodeTypedArray(f.threshold),
      left: encodeTypedArray(f.left),
      right: encodeTypedArray(f.right),
      missingLeft: encodeTypedArray(f.missingLeft),
      value: encodeTypedArray(f.value),
      categorySet: encodeTypedArray(f.categorySet),
      categoryBits: encodeTypedArray(f.categoryBits),
    };
    return { family: 'gbdt', task: this.task, state };
  }

  dispose(): void {}

  #spread(row: SparseRow): Float32Array {
    this.#checkCols(row.cols);
    const cells = (this.#cells ??= new Float32Array(row.cols));
    cells.fill(0);
    for (let k = 0; k < row.nonZeros; k++) cells[row.indices[k]!] = row.values[k]!;
    return cells;
  }

  #checkCols(cols: number): void {
    if (cols !== this.#cols)
      throw new RangeError(`gbdt: model expects ${this.#cols} features, got ${cols}`);
  }
}

/** Rebuilds a model from serialize(); predictions are identical. */
export function loadGbdt(serialized: SerializedModel): GbdtModel {
  if (serialized.family !== 'gbdt')
    throw new Error(`gbdt: cannot load a ${serialized.family} model`);
  const s = serialized.state as GbdtState;
  if (s?.version !== 1) throw new Error('gbdt: unknown serialized state version');
  const forest: Forest = {
    outputs: s.outputs,
    baseScores: decodeFloat64(s.baseScores),
    roots: decodeInt32(s.roots),
    feature: decodeInt32(s.feature),
    threshold: decodeFloat64(s.threshold),
    left: decodeInt32(s.left),
    right: decodeInt32(s.right),
    missingLeft: decodeUint8(s.missingLeft),
    value: decodeFloat64(s.value),
    categorySet: s.categorySet
      ? decodeInt32(s.categorySet)
      : new Int32Array(decodeInt32(s.feature).length).fill(-1),
    categoryBits: s.categoryBits ? decodeUint32(s.categoryBits) : new Uint32Array(0),
  };
  const nodes = forest.feature.length;
  for (const a of [
    forest.threshold,
    forest.left,
    forest.right,
    forest.missingLeft,
    forest.value,
    forest.categorySet,
  ]) {
    if (a.length !== nodes) throw new Error('gbdt: serialized node arrays differ in length');
  }
  const sets = forest.categoryBits.length / CATEGORY_SET_WORDS;
  for (let node = 0; node < nodes; node++) {
    const set = forest.categorySet[node]!;
    if (set >= sets || set >= 0 !== Number.isNaN(forest.threshold[node]!))
      throw new Error('gbdt: serialized categorical split without its category set');
  }
  return new GbdtModel(serialized.task, forest, s.cols);
}
