import { gemmFunction } from './simdGemm.ts';
import { addScaledRowsFunction, rowDotsFunction } from './simdLinear.ts';
import {
  F64,
  I32,
  Locals,
  V128,
  OP,
  SIMD,
  type WasmFunction,
  advance,
  f32Zero,
  get,
  i32,
  memarg,
  set,
  simd,
  wasmModule,
  whileLoop,
} from './wasmAssembly.ts';

/**
 * The engine's WebAssembly module: gemm (simdGemm.ts), columnSums and adam for networks, rowDots
 * and addScaledRows (simdLinear.ts) for linear models, over one imported memory.
 * Addresses are in bytes, sizes in floats.
 */
export interface SimdKernels {
  /** See simdGemm.ts; flags from gemmFlags. */
  gemm(
    ...args: [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ]
  ): void;
  /** columnSums(out, x, rows, n): out[j] = sum_i x[i * n + j], float32 sums in row order. */
  columnSums(out: number, x: number, rows: number, n: number): void;
  /** See adamFunction. */
  adam(...args: [number, number, number, number, number, ...AdamConstants]): void;
  /** See rowDotsFunction: (out, x, w, rows, cols). */
  rowDots(out: number, x: number, w: number, rows: number, cols: number): void;
  /** See addScaledRowsFunction: (out, x, g, rows, cols). */
  addScaledRows(out: number, x: number, g: number, rows: number, cols: number): void;
}

/**
 * lr, 1 - beta1^t, 1 - beta2^t, beta1, 1 - beta1, beta2, 1 - beta2, epsilon: Adam's numbers as
 * float64, computed by the caller as tf.train.adam computes them.
 */
export type AdamConstants = [number, number, number, number, number, number, number, number];

/** The bias gradient: f32x4 columns added row by row, then the last n % 4 one by one. */
function columnSumsFunction(): WasmFunction {
  const [OUT, X, ROWS, N] = [0, 1, 2, 3];
  const locals = new Locals([I32, I32, I32, I32]);
  const [JB, N_B, N4_B] = [locals.add(I32), locals.add(I32), locals.add(I32)];
  const lessThan = (a: number, b: number) => [...get(a), ...get(b), OP.i32LtS];
  const at = (base: number) => [...get(base), ...get(JB), OP.i32Add];
  const body = [
    ...get(N),
    ...i32(4),
    OP.i32Mul,
    ...set(N_B),
    ...get(N_B),
    ...i32(-16),
    OP.i32And,
    ...set(N4_B),
    ...i32(0),
    ...set(JB),
    ...whileLoop(lessThan(JB, N_B), [
      ...at(OUT),
      ...f32Zero(),
      OP.f32Store,
      ...memarg(2),
      ...advance(JB, i32(4)),
    ]),
    ...whileLoop(get(ROWS), [
      ...i32(0),
      ...set(JB),
      ...whileLoop(lessThan(JB, N4_B), [
        ...at(OUT),
        ...at(OUT),
        ...simd(SIMD.load, ...memarg(4)),
        ...at(X),
        ...simd(SIMD.load, ...memarg(4)),
        ...simd(SIMD.f32x4Add),
        ...simd(SIMD.store, ...memarg(4)),
        ...advance(JB, i32(16)),
      ]),
      ...whileLoop(lessThan(JB, N_B), [
        ...at(OUT),
        ...at(OUT),
        OP.f32Load,
        ...memarg(2),
        ...at(X),
        OP.f32Load,
        ...memarg(2),
        OP.f32Add,
        OP.f32Store,
        ...memarg(2),
        ...advance(JB, i32(4)),
      ]),
      ...advance(X, get(N_B)),
      ...advance(ROWS, i32(-1)),
    ]),
  ];
  return { name: 'columnSums', params: locals.params, code: locals.code(body) };
}

/**
 * adam(w, g, m, s, count, ...AdamConstants): for i < count,
 * m_i = beta1 m_i + (1 - beta1) g_i; s_i = beta2 s_i + (1 - beta2) g_i g_i;
 * w_i -= lr (m_i / (1 - beta1^t)) / (sqrt(s_i / (1 - beta2^t)) + epsilon), two at a time in
 * float64x2 on the float32 arrays, each operation as the JavaScript expression rounds it (m_i and
 * s_i unrounded in the update, as the value of an assignment is), stored as float32.
 */
function adamFunction(): WasmFunction {
  const [W, G, M, S, COUNT] = [0, 1, 2, 3, 4];
  const constants = [5, 6, 7, 8, 9, 10, 11, 12];
  const locals = new Locals([I32, I32, I32, I32, I32, F64, F64, F64, F64, F64, F64, F64, F64]);
  const [LR, CORRECT1, CORRECT2, BETA1, ONE_BETA1, BETA2, ONE_BETA2, EPSILON] = constants.map(() =>
    locals.add(V128),
  ) as [number, number, number, number, number, number, number, number];
  const [OFFSET, END, GV, MV, SV] = [
    locals.add(I32),
    locals.add(I32),
    locals.add(V128),
    locals.add(V128),
    locals.add(V128),
  ];
  const f64x2 = (opcode: number) => simd(opcode);
  /** The update of the floats at OFFSET: two (load64_zero, store64_lane) or one (32). */
  const update = (load: number, store: number) => {
    const at = (base: number) => [...get(base), ...get(OFFSET), OP.i32Add];
    const read = (base: number) => [
      ...at(base),
      ...simd(load, ...memarg(2)),
      ...f64x2(SIMD.f64x2PromoteLowF32x4),
    ];
    const write = (base: number, value: number) => [
      ...at(base),
      ...get(value),
      ...f64x2(SIMD.f32x4DemoteF64x2Zero),
      ...simd(store, ...memarg(2), 0),
    ];
    return [
      ...read(G),
      ...set(GV),
      ...get(BETA1),
      ...read(M),
      ...f64x2(SIMD.f64x2Mul),
      ...get(ONE_BETA1),
      ...get(GV),
      ...f64x2(SIMD.f64x2Mul),
      ...f64x2(SIMD.f64x2Add),
      ...set(MV),
      ...write(M, MV),
      ...get(BETA2),
      ...read(S),
      ...f64x2(SIMD.f64x2Mul),
      ...get(ONE_BETA2),
      ...get(GV),
      ...f64x2(SIMD.f64x2Mul),
      ...get(GV),
      ...f64x2(SIMD.f64x2Mul),
      ...f64x2(SIMD.f64x2Add),
      ...set(SV),
      ...write(S, SV),
      ...read(W),
      ...get(LR),
      ...get(MV),
      ...get(CORRECT1),
      ...f64x2(SIMD.f64x2Div),
      ...f64x2(SIMD.f64x2Mul),
      ...get(SV),
      ...get(CORRECT2),
      ...f64x2(SIMD.f64x2Div),
      ...f64x2(SIMD.f64x2Sqrt),
      ...get(EPSILON),
      ...f64x2(SIMD.f64x2Add),
      ...f64x2(SIMD.f64x2Div),
      ...f64x2(SIMD.f64x2Sub),
      ...set(GV),
      ...write(W, GV),
    ];
  };
  const body = [
    ...constants.flatMap((param, i) => [
      ...get(param),
      ...simd(SIMD.f64x2Splat),
      ...set([LR, CORRECT1, CORRECT2, BETA1, ONE_BETA1, BETA2, ONE_BETA2, EPSILON][i]!),
    ]),
    ...get(COUNT),
    ...i32(4),
    OP.i32Mul,
    ...set(END),
    ...i32(0),
    ...set(OFFSET),
    ...whileLoop(
      [...get(OFFSET), ...i32(8), OP.i32Add, ...get(END), OP.i32LeS],
      [...update(SIMD.load64Zero, SIMD.store64Lane), ...advance(OFFSET, i32(8))],
    ),
    ...whileLoop(
      [...get(OFFSET), ...get(END), OP.i32LtS],
      [...update(SIMD.load32Zero, SIMD.store32Lane), ...advance(OFFSET, i32(4))],
    ),
  ];
  return { name: 'adam', params: locals.params, code: locals.code(body) };
}

/** The part of the WebAssembly API used here: src/lib compiles without the DOM's or Node's types. */
export interface WasmMemory {
  buffer: ArrayBufferLike;
}
declare const WebAssembly:
  | {
      validate(bytes: Uint8Array): boolean;
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
      Memory: new (descriptor: {
        initial: number;
        maximum?: number;
        shared?: boolean;
      }) => WasmMemory;
    }
  | undefined;

/** The compiled module, once per realm (the bytes do not depend on the memory); null without SIMD. */
let compiled: object | null | undefined;

/** The kernels over `memory`, or null where WebAssembly SIMD is unavailable. */
export function simdKernels(memory: WasmMemory): SimdKernels | null {
  if (compiled === undefined) {
    const bytes = wasmModule([
      gemmFunction(),
      columnSumsFunction(),
      adamFunction(),
      rowDotsFunction(),
      addScaledRowsFunction(),
    ]);
    const valid = typeof WebAssembly !== 'undefined' && WebAssembly.validate(bytes);
    compiled = valid ? new WebAssembly!.Module(bytes) : null;
  }
  if (compiled === null) return null;
  const instance = new WebAssembly!.Instance(compiled, { env: { memory } });
  return instance.exports as unknown as SimdKernels;
}

export const PAGE_BYTES = 65536;

/**
 * A WebAssembly memory of `bytes`, or null without WebAssembly or past what it may allocate. A
 * `shared` one (its buffer a SharedArrayBuffer, for threads) exists only where SharedArrayBuffer
 * does: in a page, only when it is cross-origin isolated.
 */
export function wasmMemory(bytes: number, shared = false): WasmMemory | null {
  if (typeof WebAssembly === 'undefined') return null;
  try {
    const pages = bytes / PAGE_BYTES;
    return new WebAssembly.Memory(
      shared ? { initial: pages, maximum: pages, shared } : { initial: pages },
    );
  } catch {
    return null;
  }
}
