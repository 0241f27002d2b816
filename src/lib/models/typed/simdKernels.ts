import { gemmFunction } from './simdGemm.ts';
import {
  I32,
  Locals,
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
 * The engine's WebAssembly module: gemm (simdGemm.ts) and columnSums, over one imported memory.
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
}

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

/** The part of the WebAssembly API used here: src/lib compiles without the DOM's or Node's types. */
export interface WasmMemory {
  buffer: ArrayBuffer;
}
declare const WebAssembly:
  | {
      validate(bytes: Uint8Array): boolean;
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
      Memory: new (descriptor: { initial: number }) => WasmMemory;
    }
  | undefined;

/** The kernels over `memory`, or null where WebAssembly SIMD is unavailable. */
export function simdKernels(memory: WasmMemory): SimdKernels | null {
  const bytes = wasmModule([gemmFunction(), columnSumsFunction()]);
  if (typeof WebAssembly === 'undefined' || !WebAssembly.validate(bytes)) return null;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  return instance.exports as unknown as SimdKernels;
}

export const PAGE_BYTES = 65536;

/** A WebAssembly memory of `bytes`, or null without WebAssembly or past what it may allocate. */
export function wasmMemory(bytes: number): WasmMemory | null {
  if (typeof WebAssembly === 'undefined') return null;
  try {
    return new WebAssembly.Memory({ initial: bytes / PAGE_BYTES });
  } catch {
    return null;
  }
}
