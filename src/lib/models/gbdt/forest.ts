/**
 * Trees flattened into parallel typed arrays, one slot per node, so that predicting a row walks
 * arrays instead of objects. A node is a leaf when feature[node] < 0.
 */
export interface TreeArrays {
  /** Split feature, or -1 for a leaf. */
  feature: Int32Array;
  /** Raw-value threshold: x <= threshold goes left. Infinity sends every non-missing value left. */
  threshold: Float64Array;
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

/** The leaf value that one row reaches in the tree rooted at `root`. x[offset + f] is feature f. */
export function treeOutput(t: TreeArrays, root: number, x: Float32Array, offset: number): number {
  const { feature, threshold, left, right, missingLeft } = t;
  let node = root;
  let f = feature[node]!;
  while (f >= 0) {
    const v = x[offset + f]!;
    if (v !== v) node = missingLeft[node] === 1 ? left[node]! : right[node]!;
    else node = v <= threshold[node]! ? left[node]! : right[node]!;
    f = feature[node]!;
  }
  return t.value[node]!;
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
  #nodes = 0;
  #roots: number[] = [];
  /** Node and tree counts at the end of each round, to cut back to a round (early stopping). */
  #roundEnds: Array<{ nodes: number; trees: number }> = [];

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

  setLeaf(node: number, value: number): void {
    this.feature[node] = -1;
    this.value[node] = value;
  }

  endRound(): void {
    this.#roundEnds.push({ nodes: this.#nodes, trees: this.#roots.length });
  }

  /** Keeps only the first `rounds` rounds. */
  truncateRounds(rounds: number): void {
    const end = rounds > 0 ? this.#roundEnds[rounds - 1]! : { nodes: 0, trees: 0 };
    this.#nodes = end.nodes;
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
    };
  }

  #grow(): void {
    const size = this.feature.length * 2;
    const grown = <T extends Int32Array | Float64Array | Uint8Array>(
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
  }
}
