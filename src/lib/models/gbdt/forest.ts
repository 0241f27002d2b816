/**
 * Trees flattened into parallel typed arrays, one slot per node, so that predicting a row walks
 * arrays instead of objects. A node is a leaf when feature[node] < 0.
 */
export interface TreeArrays {
  /** Split feature, or -1 for a leaf. */
  feature: Int32Array;
  /**
   * Raw-value threshold: x <= threshold goes left. Infinity sends every non-missing value left.
   * NaN marks a categorical split: then categorySet says which codes go left.
   */
  threshold: Float64Array;
  /** Categorical splits: the index of the node's set in categoryBits (8 words each); else -1. */
  categorySet: Int32Array;
  /**
   * Bitsets of the category codes 0..255 sent left, 8 words per categorical split. A code above
   * 255 reads bit 255 (the codes that share the last bin); a value that is not an integer >= 0 is
   * missing.
   */
  categoryBits: Uint32Array;
  /** Node ids of the children (global, into these arrays). */
  left: Int32Array;
  right: Int32Array;
  /** 1 when a missing (NaN) value goes left: the default direction learned per split. */
  missingLeft: Uint8Array;
  /** Leaf output on the raw-score scale, learning rate already applied; 0 on split nodes. */
  value: Float64Array;
}

/** A trained ensemble: trees in round-major order, tree t adds to raw score t % outputs. */
export interface Forest extends TreeArrays {
  /** Raw scores per row: 1, or K for softmax. */
  outputs: number;
  /** Starting raw scores (the prior), length outputs. */
  baseScores: Float64Array;
  /** Root node id of each tree. */
  roots: Int32Array;
}

/** 32-bit words of a set over 256 bins or codes (TreeArrays.categoryBits, SplitStore.leftBins). */
export const CATEGORY_SET_WORDS = 8;

/** The leaf value that one row reaches in the tree rooted at `root`. x[offset + f] is feature f. */
export function treeOutput(t: TreeArrays, root: number, x: Float32Array, offset: number): number {
  const { feature, threshold, left, right, missingLeft } = t;
  let node = root;
  let f = feature[node]!;
  while (f >= 0) {
    const v = x[offset + f]!;
    const at = threshold[node]!;
    if (v !== v) node = missingLeft[node] === 1 ? left[node]! : right[node]!;
    else if (v <= at) node = left[node]!;
    // A NaN threshold fails `v <= at` too: numeric splits pay one more comparison going right.
    else if (at === at) node = right[node]!;
    else node = categoryGoesLeft(t, node, v) ? left[node]! : right[node]!;
    f = feature[node]!;
  }
  return t.value[node]!;
}

function categoryGoesLeft(t: TreeArrays, node: number, v: number): boolean {
  if (!(v >= 0 && Number.isInteger(v))) return t.missingLeft[node] === 1;
  const code = Math.min(v, 255);
  const word = t.categoryBits[t.categorySet[node]! * CATEGORY_SET_WORDS + (code >>> 5)]!;
  return ((word >>> (code & 31)) & 1) === 1;
}

/** Writes one row's raw scores (prior plus every tree) into out[outOffset .. + outputs). */
export function forestRawScores(
  forest: Forest,
  x: Float32Array,
  offset: number,
  out: Float64Array,
  outOffset: number,
): void {
  const { outputs, roots, baseScores } = forest;
  for (let k = 0; k < outputs; k++) out[outOffset + k] = baseScores[k]!;
  for (let t = 0; t < roots.length; t++) {
    const k = t % outputs;
    out[outOffset + k] = out[outOffset + k]! + treeOutput(forest, roots[t]!, x, offset);
  }
}

/** Appends nodes and trees during training; arrays grow by doubling. */
export class ForestBuilder implements TreeArrays {
  feature = new Int32Array(1024);
  threshold = new Float64Array(1024);
  left = new Int32Array(1024);
  right = new Int32Array(1024);
  missingLeft = new Uint8Array(1024);
  value = new Float64Array(1024);
  categorySet = new Int32Array(1024);
  categoryBits = new Uint32Array(64 * CATEGORY_SET_WORDS);
  #nodes = 0;
  #sets = 0;
  #roots: number[] = [];
  /** Node, tree and set counts at the end of each round, to cut back to a round (early stopping). */
  #roundEnds: Array<{ nodes: number; trees: number; sets: number }> = [];

  constructor(
    readonly outputs: number,
    readonly baseScores: Float64Array,
  ) {}

  get rounds(): number {
    return this.#roundEnds.length;
  }

  /** Starts a tree; returns its root's node id. */
  addRoot(): number {
    const root = this.addNode();
    this.#roots.push(root);
    return root;
  }

  /** A new node, a leaf with value 0 until set. */
  addNode(): number {
    if (this.#nodes === this.feature.length) this.#grow();
    const id = this.#nodes++;
    this.feature[id] = -1;
    this.value[id] = 0;
    this.categorySet[id] = -1;
    return id;
  }

  setSplit(
    node: number,
    feature: number,
    threshold: number,
    missingLeft: boolean,
    left: number,
    right: number,
  ): void {
    this.feature[node] = feature;
    this.threshold[node] = threshold;
    this.missingLeft[node] = missingLeft ? 1 : 0;
    this.left[node] = left;
    this.right[node] = right;
  }

  /**
   * A categorical split: codes whose bit is set in `codes` (8 words over codes 0..255) go left;
   * missing values follow missingLeft.
   */
  setCategoricalSplit(
    node: number,
    feature: number,
    codes: Uint32Array,
    missingLeft: boolean,
    left: number,
    right: number,
  ): void {
    this.setSplit(node, feature, NaN, missingLeft, left, right);
    if ((this.#sets + 1) * CATEGORY_SET_WORDS > this.categoryBits.length) {
      const grown = new Uint32Array(this.categoryBits.length * 2);
      grown.set(this.categoryBits);
      this.categoryBits = grown;
    }
    this.categoryBits.set(codes, this.#sets * CATEGORY_SET_WORDS);
    this.categorySet[node] = this.#sets++;
  }

  setLeaf(node: number, value: number): void {
    this.feature[node] = -1;
    this.value[node] = value;
  }

  endRound(): void {
    this.#roundEnds.push({ nodes: this.#nodes, trees: this.#roots.length, sets: this.#sets });
  }

  /** Keeps only the first `rounds` rounds. */
  truncateRounds(rounds: number): void {
    const end = rounds > 0 ? this.#roundEnds[rounds - 1]! : { nodes: 0, trees: 0, sets: 0 };
    this.#nodes = end.nodes;
    this.#sets = end.sets;
    this.#roots.length = end.trees;
    this.#roundEnds.length = rounds;
  }

  /** A compact copy of the trees built so far. */
  toForest(): Forest {
    const n = this.#nodes;
    return {
      outputs: this.outputs,
      baseScores: this.baseScores.slice(),
      roots: Int32Array.from(this.#roots),
      feature: this.feature.slice(0, n),
      threshold: this.threshold.slice(0, n),
      left: this.left.slice(0, n),
      right: this.right.slice(0, n),
      missingLeft: this.missingLeft.slice(0, n),
      value: this.value.slice(0, n),
      categorySet: this.categorySet.slice(0, n),
      categoryBits: this.categoryBits.slice(0, this.#sets * CATEGORY_SET_WORDS),
    };
  }

  #grow(): void {
    const size = this.feature.length * 2;
    const grown = <T extends Int32Array | Float64Array | Uint8Array | Uint32Array>(
      a: T,
      make: (n: number) => T,
    ) => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.feature = grown(this.feature, (n) => new Int32Array(n));
    this.threshold = grown(this.threshold, (n) => new Float64Array(n));
    this.left = grown(this.left, (n) => new Int32Array(n));
    this.right = grown(this.right, (n) => new Int32Array(n));
    this.missingLeft = grown(this.missingLeft, (n) => new Uint8Array(n));
    this.value = grown(this.value, (n) => new Float64Array(n));
    this.categorySet = grown(this.categorySet, (n) => new Int32Array(n));
  }
}
