import { buildHistogram } from './histogram.ts';
import {
  F64,
  I32,
  Locals,
  OP,
  SIMD,
  V128,
  advance,
  get,
  i32,
  memarg,
  set,
  simd,
  wasmModule,
  whileLoop,
} from '../typed/wasmAssembly.ts';
import { type WasmMemory, wasmMemory, PAGE_BYTES } from '../typed/simdKernels.ts';

/**
 * The one-thread GBDT fit's hot loops in WebAssembly SIMD (docs/design.md, "GBDT kernel"):
 * buildHistogram's consecutive-features path and the partition's row move, over the TreeBuilder's
 * node-ordered arrays allocated in one WebAssembly memory. Same additions in the same order as the
 * JavaScript, so the trees are bit-identical (tests/unit/models/gbdtWasmKernels.test.ts).
 */

const I32_LOAD = 0x28;
const I32_LOAD8_U = 0x2d;
const I32_STORE = 0x36;
const I32_EQ = 0x46;
const I32_SHL = 0x74;
const F64_GT = 0x64;

/**
 * The start of a walk over positions start..end of a node, in ascending row order: rows = end -
 * start; next = 1, or -1 when desc (a right child's positions hold its rows in descending order);
 * i = the first position to read.
 */
const nodeWalk = (
  start: number,
  end: number,
  desc: number,
  rows: number,
  next: number,
  i: number,
): number[] => [
  ...get(end),
  ...get(start),
  OP.i32Sub,
  ...set(rows),
  ...i32(1),
  ...get(desc),
  ...i32(2),
  OP.i32Mul,
  OP.i32Sub,
  ...set(next),
  ...get(end),
  ...i32(1),
  OP.i32Sub,
  ...get(start),
  ...get(desc),
  OP.select,
  ...set(i),
];

/** moveRows(binsIn, binsOut, rowsIn, rowsOut, ghIn, ghOut, goesLeft, start, end, descending, feature, rowBytes, missingBin, result). */
function moveRowsFunction() {
  const params = new Array<number>(14).fill(I32);
  const binsIn = 0,
    binsOut = 1,
    rowsIn = 2,
    rowsOut = 3,
    ghIn = 4,
    ghOut = 5,
    goesLeft = 6,
    start = 7,
    end = 8,
    desc = 9;
  const feature = 10,
    rowBytes = 11,
    missingBin = 12,
    result = 13;
  const l = new Locals(params);
  const k = l.add(I32),
    i = l.add(I32),
    left = l.add(I32),
    right = l.add(I32),
    b = l.add(I32),
    isLeft = l.add(I32),
    at = l.add(I32),
    missing = l.add(I32),
    w = l.add(I32),
    to = l.add(I32),
    last = l.add(I32),
    next = l.add(I32),
    rows = l.add(I32);
  const address = (base: number, index: number, size: number[]) => [
    ...get(base),
    ...get(index),
    ...size,
    OP.i32Mul,
    OP.i32Add,
  ];
  const body = [
    ...get(start),
    ...set(left),
    ...get(end),
    ...i32(1),
    OP.i32Sub,
    ...set(right),
    ...nodeWalk(start, end, desc, rows, next, i),
    ...whileLoop(
      [...get(k), ...get(rows), OP.i32LtS],
      [
        ...address(binsIn, i, get(rowBytes)),
        ...get(feature),
        OP.i32Add,
        I32_LOAD8_U,
        ...memarg(0),
        ...set(b),
        ...get(goesLeft),
        ...get(b),
        OP.i32Add,
        I32_LOAD8_U,
        ...memarg(0),
        ...set(isLeft),
        ...get(missing),
        ...get(b),
        ...get(missingBin),
        I32_EQ,
        OP.i32Add,
        ...set(missing),
        // Branchless, as treeBuilder.ts: left children forward from start, right ones back from end.
        ...get(right),
        ...get(left),
        ...get(right),
        OP.i32Sub,
        ...get(isLeft),
        OP.i32Mul,
        OP.i32Add,
        ...set(at),
        ...advance(left, get(isLeft)),
        ...get(right),
        ...i32(1),
        OP.i32Sub,
        ...get(isLeft),
        OP.i32Add,
        ...set(right),
        ...address(rowsOut, at, i32(4)),
        ...address(rowsIn, i, i32(4)),
        I32_LOAD,
        ...memarg(2),
        I32_STORE,
        ...memarg(2),
        ...address(ghOut, at, i32(16)),
        ...address(ghIn, i, i32(16)),
        ...simd(SIMD.load, ...memarg(3)),
        ...simd(SIMD.store, ...memarg(3)),
        ...address(binsIn, i, get(rowBytes)),
        ...set(w),
        ...address(binsOut, at, get(rowBytes)),
        ...set(to),
        ...get(w),
        ...get(rowBytes),
        OP.i32Add,
        ...set(last),
        ...whileLoop(
          [...get(w), ...i32(16), OP.i32Add, ...get(last), OP.i32LeS],
          [
            ...get(to),
            ...get(w),
            ...simd(SIMD.load, ...memarg(2)),
            ...simd(SIMD.store, ...memarg(2)),
            ...advance(w, i32(16)),
            ...advance(to, i32(16)),
          ],
        ),
        ...whileLoop(
          [...get(w), ...get(last), OP.i32LtS],
          [
            ...get(to),
            ...get(w),
            I32_LOAD,
            ...memarg(2),
            I32_STORE,
            ...memarg(2),
            ...advance(w, i32(4)),
            ...advance(to, i32(4)),
          ],
        ),
        ...advance(i, get(next)),
        ...advance(k, i32(1)),
      ],
    ),
    ...get(result),
    ...get(left),
    I32_STORE,
    ...memarg(2),
    ...get(result),
    ...get(missing),
    I32_STORE,
    ...memarg(2, 4),
  ];
  return { name: 'moveRows', params, code: l.code(body) };
}

/**
 * histogram(hist, bins, rowBytes, stride, firstFeature, featureCount, start, end, gh, descending,
 * result): buildHistogram for consecutive features into a zeroed hist, each row's (gradient,
 * hessian) added to its bin as one f64x2; the largest hessian is stored at result.
 */
function histogramFunction() {
  const params = new Array<number>(11).fill(I32);
  const hist = 0,
    bins = 1,
    rowBytes = 2,
    stride = 3,
    firstFeature = 4,
    featureCount = 5,
    start = 6,
    end = 7,
    gh = 8,
    desc = 9;
  const result = 10;
  const l = new Locals(params);
  const k = l.add(I32),
    i = l.add(I32),
    next = l.add(I32),
    rows = l.add(I32),
    row = l.add(I32),
    rowEnd = l.add(I32),
    base = l.add(I32),
    step = l.add(I32),
    a = l.add(I32);
  const pair = l.add(V128);
  const hr = l.add(F64);
  const hMax = l.add(F64);
  const add = (byte: number, offset: number[]) => [
    ...get(base),
    ...offset,
    OP.i32Add,
    ...get(row),
    I32_LOAD8_U,
    ...memarg(0, byte),
    ...i32(4),
    I32_SHL,
    OP.i32Add,
    ...set(a),
    ...get(a),
    ...get(a),
    ...simd(SIMD.load, ...memarg(3)),
    ...get(pair),
    ...simd(SIMD.f64x2Add),
    ...simd(SIMD.store, ...memarg(3)),
  ];
  const times = (n: number) => [...get(step), ...i32(n), OP.i32Mul];
  const body = [
    ...nodeWalk(start, end, desc, rows, next, i),
    ...get(stride),
    ...i32(16),
    OP.i32Mul,
    ...set(step),
    ...whileLoop(
      [...get(k), ...get(rows), OP.i32LtS],
      [
        ...get(gh),
        ...get(i),
        ...i32(16),
        OP.i32Mul,
        OP.i32Add,
        ...simd(SIMD.load, ...memarg(3)),
        ...set(pair),
        // hMax = hr > hMax ? hr : hMax, as the JavaScript (f64.max would differ on NaN).
        ...get(pair),
        ...simd(SIMD.f64x2ExtractLane, 1),
        ...set(hr),
        ...get(hr),
        ...get(hMax),
        ...get(hr),
        ...get(hMax),
        F64_GT,
        OP.select,
        ...set(hMax),
        ...get(bins),
        ...get(i),
        ...get(rowBytes),
        OP.i32Mul,
        OP.i32Add,
        ...get(firstFeature),
        OP.i32Add,
        ...set(row),
        ...get(row),
        ...get(featureCount),
        OP.i32Add,
        ...set(rowEnd),
        ...get(hist),
        ...get(firstFeature),
        ...get(step),
        OP.i32Mul,
        OP.i32Add,
        ...set(base),
        ...whileLoop(
          [...get(row), ...i32(4), OP.i32Add, ...get(rowEnd), OP.i32LeS],
          [
            ...add(0, i32(0)),
            ...add(1, get(step)),
            ...add(2, times(2)),
            ...add(3, times(3)),
            ...advance(row, i32(4)),
            ...advance(base, times(4)),
          ],
        ),
        ...whileLoop(
          [...get(row), ...get(rowEnd), OP.i32LtS],
          [...add(0, i32(0)), ...advance(row, i32(1)), ...advance(base, get(step))],
        ),
        ...advance(i, get(next)),
        ...advance(k, i32(1)),
      ],
    ),
    ...get(result),
    ...get(hMax),
    OP.f64Store,
    ...memarg(3),
  ];
  return { name: 'histogram', params, code: l.code(body) };
}

interface Exports {
  moveRows(...args: number[]): void;
  histogram(...args: number[]): void;
}

/** The part of the WebAssembly API used here: src/lib compiles without the DOM's or Node's types. */
declare const WebAssembly:
  | {
      validate(bytes: Uint8Array): boolean;
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
    }
  | undefined;

/** The compiled modules, once per realm (index 1: the one over a shared memory); null without SIMD. */
const compiled: (object | null | undefined)[] = [undefined, undefined];

function kernelsOver(memory: WasmMemory, shared: boolean): Exports | null {
  const at = shared ? 1 : 0;
  if (compiled[at] === undefined) {
    const bytes = wasmModule([moveRowsFunction(), histogramFunction()], shared);
    const valid = typeof WebAssembly !== 'undefined' && WebAssembly.validate(bytes);
    compiled[at] = valid ? new WebAssembly!.Module(bytes) : null;
  }
  const module = compiled[at];
  if (!module) return null;
  return new WebAssembly!.Instance(module, { env: { memory } }).exports as unknown as Exports;
}

/** An arena's size: the numbers its layout follows from. */
interface ArenaShape {
  rows: number;
  rowBytes: number;
  cols: number;
  stride: number;
  /** Threads that build histograms in it (each has a histogram buffer of its own), 1 or more. */
  threads: number;
}

/**
 * What a helper thread needs to work in an arena made on another thread (postMessage shares a
 * shared WebAssembly.Memory): the memory, its shape, and which thread's histogram buffer is its own.
 */
export interface ArenaShare extends ArenaShape {
  memory: WasmMemory;
  thread: number;
}

/**
 * The TreeBuilder's node-ordered arrays (both sides: row ids, binned rows, gradients and
 * hessians), a histogram buffer per thread and the kernels, all in one memory sized up front
 * (growing it would detach every view). With more than one thread the memory is shared and helper
 * threads attach to it (histogramThreads.ts), each with kernels of its own over the same memory.
 */
export class GbdtWasmArena {
  readonly rows: [Int32Array, Int32Array];
  readonly words: [Int32Array, Int32Array];
  readonly bins: [Uint8Array, Uint8Array];
  readonly gh: [Float64Array, Float64Array];
  /** The partition's per-bin left/right table. */
  readonly goesLeft: Uint8Array;
  /** Each thread's histogram buffer, histogramLength(cols, stride); this thread's is #thread. */
  readonly histograms: Float64Array[];
  readonly #memory: WasmMemory;
  readonly #shape: ArenaShape;
  readonly #thread: number;
  readonly #result: Int32Array;
  readonly #hMax: Float64Array;
  readonly #kernels: Exports;

  private constructor(memory: WasmMemory, kernels: Exports, shape: ArenaShape, thread: number) {
    const { rows, rowBytes, cols, stride, threads } = shape;
    this.#memory = memory;
    this.#kernels = kernels;
    this.#shape = shape;
    this.#thread = thread;
    let at = 0;
    const take = (bytes: number) => {
      const from = at;
      at += Math.ceil(bytes / 16) * 16;
      return from;
    };
    const buffer = memory.buffer;
    const wordsOf = () => new Int32Array(buffer, take(rows * rowBytes), (rows * rowBytes) >> 2);
    this.words = [wordsOf(), wordsOf()];
    this.bins = [
      new Uint8Array(buffer, this.words[0].byteOffset, rows * rowBytes),
      new Uint8Array(buffer, this.words[1].byteOffset, rows * rowBytes),
    ];
    this.rows = [
      new Int32Array(buffer, take(4 * rows), rows),
      new Int32Array(buffer, take(4 * rows), rows),
    ];
    this.gh = [
      new Float64Array(buffer, take(16 * rows), 2 * rows),
      new Float64Array(buffer, take(16 * rows), 2 * rows),
    ];
    this.goesLeft = new Uint8Array(buffer, take(stride), stride);
    this.histograms = Array.from(
      { length: threads },
      () => new Float64Array(buffer, take(16 * cols * stride), 2 * cols * stride),
    );
    // Each thread's kernel results (the first right position and the missing count, or hMax).
    this.#result = new Int32Array(buffer, take(16 * threads) + 16 * thread, 4);
    this.#hMax = new Float64Array(buffer, this.#result.byteOffset, 1);
  }

  /** Bytes an arena of this shape needs. */
  static bytes({ rows, rowBytes, cols, stride, threads }: ArenaShape): number {
    const r16 = (n: number) => Math.ceil(n / 16) * 16;
    return (
      2 * r16(rows * rowBytes) +
      2 * r16(4 * rows) +
      2 * r16(16 * rows) +
      r16(stride) +
      threads * r16(16 * cols * stride) +
      16 * threads
    );
  }

  /**
   * An arena for `threads` threads (shared memory when more than one), or null without
   * WebAssembly SIMD (or shared memory), past 2 GiB or past what the engine may allocate.
   */
  static create(
    rows: number,
    rowBytes: number,
    cols: number,
    stride: number,
    threads = 1,
  ): GbdtWasmArena | null {
    const shape = { rows, rowBytes, cols, stride, threads };
    const needed = GbdtWasmArena.bytes(shape);
    // The kernels compare addresses as signed 32-bit numbers.
    if (needed > 2 ** 31 - PAGE_BYTES) return null;
    const shared = threads > 1;
    if (shared && typeof SharedArrayBuffer !== 'function') return null;
    const memory = wasmMemory(Math.ceil(needed / PAGE_BYTES) * PAGE_BYTES, shared);
    const kernels = memory && kernelsOver(memory, shared);
    return kernels ? new GbdtWasmArena(memory, kernels, shape, 0) : null;
  }

  /** What helper thread `thread` (1 .. threads - 1) needs to attach to this arena. */
  share(thread: number): ArenaShare {
    return { ...this.#shape, memory: this.#memory, thread };
  }

  /** The arena `share` describes, on the calling (helper) thread; null where it cannot run the kernels. */
  static attach(share: ArenaShare): GbdtWasmArena | null {
    const kernels = kernelsOver(share.memory, true);
    return kernels ? new GbdtWasmArena(share.memory, kernels, share, share.thread) : null;
  }

  /** Which side `words` and `gh` are (views of this arena's), or -1 for arrays of their own. */
  sideOf(words: Int32Array, gh: Float64Array): number {
    if (words === this.words[0] && gh === this.gh[0]) return 0;
    return words === this.words[1] && gh === this.gh[1] ? 1 : -1;
  }

  /**
   * This thread's histogram buffer filled for the listed features (buildHistogram's contract, for
   * side `side`'s positions start..end): by the kernel for a run of consecutive features, else by
   * the JavaScript. Returns the largest hessian.
   */
  fill(
    features: Int32Array,
    featureCount: number,
    start: number,
    end: number,
    side: number,
    descending: boolean,
  ): number {
    const { rowBytes, stride } = this.#shape;
    const hist = this.histograms[this.#thread]!;
    const first = features[0]!;
    if (featureCount === 0 || features[featureCount - 1] !== first + featureCount - 1)
      return buildHistogram(
        hist,
        this.words[side]!,
        rowBytes,
        stride,
        features,
        featureCount,
        start,
        end,
        this.gh[side]!,
        descending,
      );
    hist.fill(0, first * stride * 2, (first + featureCount) * stride * 2);
    this.#kernels.histogram(
      hist.byteOffset,
      this.words[side]!.byteOffset,
      rowBytes,
      stride,
      first,
      featureCount,
      start,
      end,
      this.gh[side]!.byteOffset,
      descending ? 1 : 0,
      this.#result.byteOffset,
    );
    return this.#hMax[0]!;
  }

  /**
   * buildHistogram's contract (histogram.ts): for this arena's sides, `fill`, then the features
   * copied from this thread's buffer to `hist`; for arrays of their own, buildHistogram.
   */
  readonly build: typeof buildHistogram = (...args) => {
    const [hist, words, rowBytes, stride, features, featureCount, start, end, gh, descending] =
      args;
    const side = this.sideOf(words, gh);
    if (side < 0 || rowBytes !== this.#shape.rowBytes || stride !== this.#shape.stride)
      return buildHistogram(...args);
    const hMax = this.fill(features, featureCount, start, end, side, descending ?? false);
    copyFeatures(hist, this.histograms[this.#thread]!, stride, features, 0, featureCount);
    return hMax;
  };

  /** Rows of the last move whose bin was the missing one. */
  get missing(): number {
    return this.#result[1]!;
  }

  /**
   * The partition's row move (treeBuilder.ts) from side `from` to the other: positions
   * start..end, read descending or not, by `feature`'s bin through goesLeft. Returns the first
   * right position; `missing` then holds how many rows had the missing bin.
   */
  move(
    from: number,
    start: number,
    end: number,
    descending: number,
    feature: number,
    missingBin: number,
  ): number {
    const to = 1 - from;
    this.#kernels.moveRows(
      this.bins[from]!.byteOffset,
      this.bins[to]!.byteOffset,
      this.rows[from]!.byteOffset,
      this.rows[to]!.byteOffset,
      this.gh[from]!.byteOffset,
      this.gh[to]!.byteOffset,
      this.goesLeft.byteOffset,
      start,
      end,
      descending,
      feature,
      this.#shape.rowBytes,
      missingBin,
      this.#result.byteOffset,
    );
    return this.#result[0]!;
  }
}

/** Copies features[from..past)'s bins of histogram `source` into `target`. */
export function copyFeatures(
  target: Float64Array,
  source: Float64Array,
  stride: number,
  features: Int32Array,
  from: number,
  past: number,
): void {
  const step = stride * 2;
  for (let fi = from; fi < past; fi++) {
    const at = features[fi]! * step;
    target.set(source.subarray(at, at + step), at);
  }
}
