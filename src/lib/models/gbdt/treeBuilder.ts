import type { BinnedFeatures } from './binning.ts';
import { CATEGORY_SET_WORDS, type ForestBuilder } from './forest.ts';
import { histogramLength, subtractHistogram } from './histogram.ts';
import { type HistogramBuilder, singleThreadHistograms } from './histogramThreads.ts';
import type { GbdtWasmArena } from './wasmKernels.ts';
import type { GbdtParams } from './params.ts';
import { type BinCounter, SplitStore, findBestSplit } from './splitFinder.ts';

/**
 * Grows one regression tree at a time on binned features, depth-wise. Every buffer (row
 * partition, node sums, split results, histograms) is allocated once per fit and reused for
 * every tree: nothing is allocated per node or per row.
 *
 * Each node owns a contiguous range of positions that holds its rows in ascending row order, or
 * in descending order for a right child (#descending): a split reads its node's rows in ascending
 * row order and writes the left child's forward from the range's start and the right child's
 * backward from its end, in one pass, without counting them first. The rows' ids, binned
 * features and gradients are all kept in that node order, so building a histogram, partitioning
 * and counting read through contiguous memory in order instead of jumping between row ids (see
 * docs/design.md, "GBDT kernel"). Only the smaller child's histogram is built from its rows; the
 * larger child's is the parent's minus it, computed in the parent's buffer.
 */
export class TreeBuilder {
  readonly #data: BinnedFeatures;
  readonly #params: GbdtParams;
  readonly #maxLeaves: number;
  readonly #stride: number;
  readonly #binsPerFeature: Int32Array;
  /** Words (4 bytes) per binned row. */
  readonly #rowWords: number;
  /** The fit's binned rows as words, by row id, for copying whole rows. */
  readonly #binWords: Int32Array;
  // Two sides of node-ordered arrays, by position: row ids, binned rows (bytes, and the same
  // buffer as words), interleaved gradient and hessian. A node's data is on side #side[node]; a
  // split writes its children to the other side at the same positions, so nothing is copied back.
  readonly #rows: [Int32Array, Int32Array];
  readonly #nodeBins: [Uint8Array, Uint8Array];
  readonly #nodeWords: [Int32Array, Int32Array];
  readonly #gh: [Float64Array, Float64Array];
  /** Per bin, 1 when the split being applied sends it left. */
  readonly #goesLeft: Uint8Array;
  // Per local node id.
  readonly #start: Int32Array;
  readonly #end: Int32Array;
  readonly #sumG: Float64Array;
  readonly #sumH: Float64Array;
  /** An upper bound on any row's hessian in the node (a child inherits its parent's). */
  readonly #hMax: Float64Array;
  readonly #slot: Int32Array;
  readonly #globalId: Int32Array;
  readonly #isLeaf: Uint8Array;
  /** Which side of the node-ordered arrays holds the node's rows. */
  readonly #side: Uint8Array;
  /** 1 when the node's positions hold its rows in descending row order. */
  readonly #descending: Uint8Array;
  readonly #splits: SplitStore;
  /** Exact per-bin row counts of #countingNode, for findBestSplit; made once. */
  readonly #countBins: BinCounter;
  /** Scratch: one categorical split's codes, for the forest. */
  readonly #codes = new Uint32Array(CATEGORY_SET_WORDS);
  #countingNode = 0;
  /** Rows of the last partition whose bin was the missing one. */
  #missing = 0;
  #nodeCount = 0;
  // Nodes of the depth being split and of the next one.
  #level: Int32Array;
  #nextLevel: Int32Array;
  // Histogram buffers, made on demand and kept for the whole fit.
  readonly #pool: Float64Array[] = [];
  readonly #freeSlots: number[] = [];
  readonly #histograms: HistogramBuilder;
  /** The one-thread fit's arrays and kernels in WebAssembly (wasmKernels.ts), or null. */
  readonly #arena: GbdtWasmArena | null;

  /**
   * @param histograms builds node histograms and holds the two sides of node-ordered data they
   *   read (histogramThreads.ts: one thread or several); by default one thread.
   */
  constructor(data: BinnedFeatures, params: GbdtParams, histograms?: HistogramBuilder) {
    this.#data = data;
    this.#params = params;
    this.#stride = data.missingBin + 1;
    this.#binsPerFeature = data.binCounts;
    const n = data.rows;
    this.#maxLeaves = Math.max(
      1,
      Math.min(
        params.maxLeaves ?? Infinity,
        2 ** Math.min(params.maxDepth, 30),
        Math.floor(n / params.minSamplesLeaf),
      ),
    );
    const maxNodes = 2 * this.#maxLeaves - 1;
    this.#rowWords = data.rowBytes >> 2;
    this.#binWords = new Int32Array(data.bins.buffer, data.bins.byteOffset, n * this.#rowWords);
    this.#histograms = histograms ?? singleThreadHistograms(data);
    this.#arena = this.#histograms.arena ?? null;
    this.#rows = this.#arena?.rows ?? [new Int32Array(n), new Int32Array(n)];
    this.#nodeWords = this.#histograms.sides.words;
    this.#nodeBins = this.#histograms.sides.bins;
    this.#gh = this.#histograms.sides.gh;
    this.#goesLeft = this.#arena?.goesLeft ?? new Uint8Array(this.#stride);
    this.#start = new Int32Array(maxNodes);
    this.#end = new Int32Array(maxNodes);
    this.#sumG = new Float64Array(maxNodes);
    this.#sumH = new Float64Array(maxNodes);
    this.#hMax = new Float64Array(maxNodes);
    this.#slot = new Int32Array(maxNodes);
    this.#globalId = new Int32Array(maxNodes);
    this.#isLeaf = new Uint8Array(maxNodes);
    this.#side = new Uint8Array(maxNodes);
    this.#descending = new Uint8Array(maxNodes);
    this.#splits = new SplitStore(maxNodes, data.cols, this.#stride);
    this.#countBins = (feature, counts) => {
      counts.fill(0);
      const bins = this.#nodeBins[this.#side[this.#countingNode]!]!;
      const rowBytes = data.rowBytes;
      const end = this.#end[this.#countingNode]!;
      for (let i = this.#start[this.#countingNode]!; i < end; i++) {
        const b = bins[i * rowBytes + feature]!;
        counts[b] = counts[b]! + 1;
      }
    };
    this.#level = new Int32Array(this.#maxLeaves);
    this.#nextLevel = new Int32Array(this.#maxLeaves);
  }

  /**
   * Grows a tree on the sampled rows and appends it to `forest`; returns its root's node id.
   *
   * @param g, h one class's gradients and hessians, indexed by row id.
   * @param sample the tree's row ids, ascending, in sample[0..sampleCount).
   * @param features the features it may split on, in features[0..featureCount).
   */
  build(
    g: Float64Array,
    h: Float64Array,
    sample: Int32Array,
    sampleCount: number,
    features: Int32Array,
    featureCount: number,
    forest: ForestBuilder,
  ): number {
    const p = this.#params;
    const { sumG, sumH } = this.#orderSample(g, h, sample, sampleCount);
    this.#nodeCount = 0;
    const root = this.#addNode(0, sampleCount, 0, 0, sumG, sumH, forest.addRoot());
    let levelSize = 0;
    if (this.#canSplit(root, 0)) {
      this.#slot[root] = this.#takeSlot();
      this.#histogramOf(root, features, featureCount);
      this.#findSplit(root, features, featureCount);
      if (this.#splits.gain[root]! > 0) this.#level[levelSize++] = root;
      else this.#releaseSlot(root);
    }

    let leaves = 1;
    for (let depth = 0; depth < p.maxDepth && levelSize > 0; depth++) {
      if (p.maxLeaves !== undefined) this.#sortByGain(levelSize);
      let nextSize = 0;
      for (let li = 0; li < levelSize; li++) {
        const node = this.#level[li]!;
        if (leaves >= this.#maxLeaves) {
          this.#releaseSlot(node);
          continue;
        }
        leaves++;
        const left = this.#split(node, depth + 1, forest);
        const right = left + 1;
        const leftOpen = this.#canSplit(left, depth + 1);
        const rightOpen = this.#canSplit(right, depth + 1);
        if (!leftOpen && !rightOpen) {
          this.#releaseSlot(node);
          continue;
        }
        const leftSmaller = this.#count(left) <= this.#count(right);
        const small = leftSmaller ? left : right;
        const large = leftSmaller ? right : left;
        this.#slot[small] = this.#takeSlot();
        this.#histogramOf(small, features, featureCount);
        this.#slot[large] = this.#slot[node]!;
        this.#slot[node] = -1;
        this.#hMax[large] = this.#hMax[node]!;
        subtractHistogram(
          this.#pool[this.#slot[large]!]!,
          this.#pool[this.#slot[small]!]!,
          this.#stride,
          features,
          featureCount,
        );
        nextSize = this.#queueIfSplittable(left, leftOpen, features, featureCount, nextSize);
        nextSize = this.#queueIfSplittable(right, rightOpen, features, featureCount, nextSize);
      }
      const done = this.#level;
      this.#level = this.#nextLevel;
      this.#nextLevel = done;
      levelSize = nextSize;
    }
    for (let li = 0; li < levelSize; li++) this.#releaseSlot(this.#level[li]!);

    const scale = -p.learningRate;
    for (let node = 0; node < this.#nodeCount; node++) {
      if (this.#isLeaf[node] !== 1) continue;
      const denominator = this.#sumH[node]! + p.l2;
      const value = denominator > 0 ? (scale * this.#sumG[node]!) / denominator : 0;
      forest.setLeaf(this.#globalId[node]!, value);
    }
    return this.#globalId[root]!;
  }

  /**
   * Adds the last tree's leaf values to the raw scores of the rows it was grown on:
   * raw[row * stride + offset] += value, with the leaf found from the partition (no traversal).
   */
  addLeafValues(forest: ForestBuilder, raw: Float64Array, stride: number, offset: number): void {
    for (let node = 0; node < this.#nodeCount; node++) {
      if (this.#isLeaf[node] !== 1) continue;
      const value = forest.value[this.#globalId[node]!]!;
      const rows = this.#rows[this.#side[node]!]!;
      for (let i = this.#start[node]!; i < this.#end[node]!; i++) {
        const at = rows[i]! * stride + offset;
        raw[at] = raw[at]! + value;
      }
    }
  }

  #addNode(
    start: number,
    end: number,
    side: number,
    descending: number,
    sumG: number,
    sumH: number,
    globalId: number,
  ): number {
    const node = this.#nodeCount++;
    this.#side[node] = side;
    this.#descending[node] = descending;
    this.#start[node] = start;
    this.#end[node] = end;
    this.#sumG[node] = sumG;
    this.#sumH[node] = sumH;
    this.#globalId[node] = globalId;
    this.#isLeaf[node] = 1;
    this.#slot[node] = -1;
    return node;
  }

  #count(node: number): number {
    return this.#end[node]! - this.#start[node]!;
  }

  #canSplit(node: number, depth: number): boolean {
    return this.#mayOpen(this.#count(node), this.#sumH[node]!, depth);
  }

  /** Whether a node of at most `rows` rows, hessian sum sumH at `depth` may be split. */
  #mayOpen(rows: number, sumH: number, depth: number): boolean {
    const p = this.#params;
    return depth < p.maxDepth && rows >= 2 * p.minSamplesLeaf && sumH >= 2 * p.minChildWeight;
  }

  /** Finds the child's best split and adds it to the next level if it has one; else frees its histogram. */
  #queueIfSplittable(
    child: number,
    open: boolean,
    features: Int32Array,
    featureCount: number,
    nextSize: number,
  ): number {
    if (open) this.#findSplit(child, features, featureCount);
    if (open && this.#splits.gain[child]! > 0) {
      this.#nextLevel[nextSize] = child;
      return nextSize + 1;
    }
    this.#releaseSlot(child);
    return nextSize;
  }

  /**
   * Partitions the node's rows by its best split and records the split; returns the left
   * child's id (the right child's is one more), whose depth is `childDepth`.
   */
  #split(node: number, childDepth: number, forest: ForestBuilder): number {
    const s = this.#splits;
    const { missingBin, edges } = this.#data;
    const feature = s.feature[node]!;
    const bin = s.bin[node]!;
    let missingLeft = s.missingLeft[node] === 1;
    const categorical = s.categorical[node] === 1;
    const leftBins = s.leftBins;
    const setAt = node * CATEGORY_SET_WORDS;
    const goesLeft = this.#goesLeft;
    for (let b = 0; b <= missingBin; b++) {
      const left = categorical
        ? ((leftBins[setAt + (b >>> 5)]! >>> (b & 31)) & 1) === 1
        : b === missingBin
          ? missingLeft
          : b <= bin;
      goesLeft[b] = left ? 1 : 0;
    }
    const start = this.#start[node]!;
    const end = this.#end[node]!;
    const side = this.#side[node]!;
    const lG = s.leftG[node]!;
    const lH = s.leftH[node]!;
    const rH = this.#sumH[node]! - lH;
    // Two leaves need only their row ids (addLeafValues), not their bins and gradients. Their
    // row counts are known only after the partition: a child has at most the node's rows less
    // the other child's minSamplesLeaf (exact where the depth limit decides, as on the last level).
    const most = end - start - this.#params.minSamplesLeaf;
    const leaves = !this.#mayOpen(most, lH, childDepth) && !this.#mayOpen(most, rH, childDepth);
    const descending = this.#descending[node]!;
    const mid = leaves
      ? this.#partitionIds(start, end, feature, side, descending)
      : this.#partition(start, end, feature, side, descending);
    // No missing value here: one unseen at predict time goes to the child with more rows.
    if (this.#missing === 0) missingLeft = mid - start >= end - mid;

    const left = this.#addNode(start, mid, 1 - side, 0, lG, lH, forest.addNode());
    const right = this.#addNode(
      mid,
      end,
      1 - side,
      1,
      this.#sumG[node]! - lG,
      rH,
      forest.addNode(),
    );
    this.#isLeaf[node] = 0;
    if (categorical) {
      forest.setCategoricalSplit(
        this.#globalId[node]!,
        feature,
        this.#codesOf(setAt),
        missingLeft,
        this.#globalId[left]!,
        this.#globalId[right]!,
      );
      return left;
    }
    const featureEdges = edges[feature]!;
    // The last non-missing bin has no upper edge: every non-missing value goes left.
    const threshold = bin < featureEdges.length ? featureEdges[bin]! : Infinity;
    forest.setSplit(
      this.#globalId[node]!,
      feature,
      threshold,
      missingLeft,
      this.#globalId[left]!,
      this.#globalId[right]!,
    );
    return left;
  }

  /**
   * Copies the sample's rows into node order (positions 0..sampleCount on side 0, the root's)
   * with their gradients; returns the sums, added in row order.
   */
  #orderSample(
    g: Float64Array,
    h: Float64Array,
    sample: Int32Array,
    sampleCount: number,
  ): { sumG: number; sumH: number } {
    const words = this.#rowWords;
    const from = this.#binWords;
    const to = this.#nodeWords[0];
    const gh = this.#gh[0];
    this.#rows[0].set(sample.subarray(0, sampleCount));
    if (sampleCount === this.#data.rows) to.set(from);
    let sumG = 0;
    let sumH = 0;
    for (let i = 0; i < sampleCount; i++) {
      const r = sample[i]!;
      if (sampleCount < this.#data.rows) {
        for (let k = 0; k < words; k++) to[i * words + k] = from[r * words + k]!;
      }
      const gr = g[r]!;
      const hr = h[r]!;
      gh[2 * i] = gr;
      gh[2 * i + 1] = hr;
      sumG += gr;
      sumH += hr;
    }
    return { sumG, sumH };
  }

  /**
   * Partitions positions start..end of side `from` onto the other side by #goesLeft of `feature`'s
   * bin: the rows are read in ascending row order (`descending`: from the end), the left ones
   * written forward from start, the right ones backward from end, each row's id, bins and
   * gradients to a place computed without a branch (the side of a row is unpredictable). Returns
   * where the right child's positions begin; counts the missing bins into #missing.
   */
  #partition(
    start: number,
    end: number,
    feature: number,
    from: number,
    descending: number,
  ): number {
    const arena = this.#arena;
    if (arena) {
      const left = arena.move(from, start, end, descending, feature, this.#data.missingBin);
      this.#missing = arena.missing;
      return left;
    }
    const words = this.#rowWords;
    const rowBytes = this.#data.rowBytes;
    const missingBin = this.#data.missingBin;
    const goesLeft = this.#goesLeft;
    const bins = this.#nodeBins[from]!;
    const wordsIn = this.#nodeWords[from]!;
    const wordsOut = this.#nodeWords[1 - from]!;
    const rowsIn = this.#rows[from]!;
    const rowsOut = this.#rows[1 - from]!;
    const ghIn = this.#gh[from]!;
    const ghOut = this.#gh[1 - from]!;
    const rows = end - start;
    const next = descending === 1 ? -1 : 1;
    let missing = 0;
    let left = start;
    let right = end - 1;
    for (let k = 0, i = descending === 1 ? end - 1 : start; k < rows; k++, i += next) {
      const b = bins[i * rowBytes + feature]!;
      const isLeft = goesLeft[b]!;
      if (b === missingBin) missing++;
      const at = right + (left - right) * isLeft;
      left += isLeft;
      right -= 1 - isLeft;
      rowsOut[at] = rowsIn[i]!;
      ghOut[2 * at] = ghIn[2 * i]!;
      ghOut[2 * at + 1] = ghIn[2 * i + 1]!;
      // Eight words per step (a 32-byte row in one; unrolled by hand: about a third faster).
      let to = at * words;
      let w = i * words;
      const last = w + words;
      for (; w + 8 <= last; w += 8, to += 8) {
        wordsOut[to] = wordsIn[w]!;
        wordsOut[to + 1] = wordsIn[w + 1]!;
        wordsOut[to + 2] = wordsIn[w + 2]!;
        wordsOut[to + 3] = wordsIn[w + 3]!;
        wordsOut[to + 4] = wordsIn[w + 4]!;
        wordsOut[to + 5] = wordsIn[w + 5]!;
        wordsOut[to + 6] = wordsIn[w + 6]!;
        wordsOut[to + 7] = wordsIn[w + 7]!;
      }
      for (; w < last; w++, to++) wordsOut[to] = wordsIn[w]!;
    }
    this.#missing = missing;
    return left;
  }

  /** #partition of the row ids alone. */
  #partitionIds(
    start: number,
    end: number,
    feature: number,
    from: number,
    descending: number,
  ): number {
    const rowBytes = this.#data.rowBytes;
    const missingBin = this.#data.missingBin;
    const goesLeft = this.#goesLeft;
    const bins = this.#nodeBins[from]!;
    const rowsIn = this.#rows[from]!;
    const rowsOut = this.#rows[1 - from]!;
    const rows = end - start;
    const next = descending === 1 ? -1 : 1;
    let missing = 0;
    let left = start;
    let right = end - 1;
    for (let k = 0, i = descending === 1 ? end - 1 : start; k < rows; k++, i += next) {
      const b = bins[i * rowBytes + feature]!;
      const isLeft = goesLeft[b]!;
      if (b === missingBin) missing++;
      const at = right + (left - right) * isLeft;
      left += isLeft;
      right -= 1 - isLeft;
      rowsOut[at] = rowsIn[i]!;
    }
    this.#missing = missing;
    return left;
  }

  /**
   * The category codes 0..255 a set of bins sends left: code c is in bin min(c, maxBins - 1), so
   * the codes past the last bin follow it (see binning.ts). `setAt`: the set in SplitStore.leftBins.
   */
  #codesOf(setAt: number): Uint32Array {
    const leftBins = this.#splits.leftBins;
    const codes = this.#codes.fill(0);
    const lastBin = this.#data.missingBin - 1;
    for (let code = 0; code < 256; code++) {
      const b = Math.min(code, lastBin);
      if (((leftBins[setAt + (b >>> 5)]! >>> (b & 31)) & 1) === 1)
        codes[code >>> 5]! |= 1 << (code & 31);
    }
    return codes;
  }

  #histogramOf(node: number, features: Int32Array, featureCount: number): void {
    this.#hMax[node] = this.#histograms.build(
      this.#pool[this.#slot[node]!]!,
      this.#nodeWords[this.#side[node]!]!,
      this.#data.rowBytes,
      this.#stride,
      features,
      featureCount,
      this.#start[node]!,
      this.#end[node]!,
      this.#gh[this.#side[node]!]!,
      this.#descending[node] === 1,
    );
  }

  #findSplit(node: number, features: Int32Array, featureCount: number): void {
    this.#countingNode = node;
    findBestSplit(
      this.#splits,
      node,
      this.#pool[this.#slot[node]!]!,
      this.#stride,
      this.#data.missingBin,
      this.#binsPerFeature,
      this.#data.categories,
      features,
      featureCount,
      this.#sumG[node]!,
      this.#sumH[node]!,
      this.#count(node),
      this.#hMax[node]!,
      this.#params,
      this.#countBins,
    );
  }

  /** Largest gain first (ties by node id), so a leaf cap keeps the most useful splits. */
  #sortByGain(size: number): void {
    const gain = this.#splits.gain;
    this.#level.subarray(0, size).sort((a, b) => gain[b]! - gain[a]! || a - b);
  }

  #takeSlot(): number {
    const free = this.#freeSlots.pop();
    if (free !== undefined) return free;
    this.#pool.push(new Float64Array(histogramLength(this.#data.cols, this.#stride)));
    return this.#pool.length - 1;
  }

  #releaseSlot(node: number): void {
    const slot = this.#slot[node]!;
    if (slot >= 0) this.#freeSlots.push(slot);
    this.#slot[node] = -1;
  }
}
