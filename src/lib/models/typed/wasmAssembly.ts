/**
 * Just enough of a WebAssembly assembler to write the engine's kernels (simdGemm.ts,
 * simdKernels.ts) instruction by instruction: the opcodes they use, LEB128 numbers, a few
 * structured helpers, and one module that imports its memory as env.memory and exports every
 * function by name. The bytes (about 4 KB) are built in milliseconds, so nothing is fetched and
 * the module compiles synchronously, in Node and in a worker (docs/design.md, "MLP on typed
 * arrays").
 */

/** Value types, and the empty block type. */
export const I32 = 0x7f;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const V128 = 0x7b;
const VOID = 0x40;

/** Opcodes used, from the WebAssembly core specification. */
export const OP = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  f32Load: 0x2a,
  f64Load: 0x2b,
  f32Store: 0x38,
  f64Store: 0x39,
  i32Const: 0x41,
  f32Const: 0x43,
  f64Const: 0x44,
  i32Eqz: 0x45,
  i32LtS: 0x48,
  i32LeS: 0x4c,
  f64Ne: 0x62,
  f32Gt: 0x5e,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32And: 0x71,
  f32Add: 0x92,
  f64Add: 0xa0,
  f64Mul: 0xa2,
  f32DemoteF64: 0xb6,
  f64PromoteF32: 0xbb,
} as const;

/** SIMD opcodes, from the WebAssembly SIMD specification (written after the 0xfd prefix). */
export const SIMD = {
  load: 0x00,
  load32Splat: 0x09,
  store: 0x0b,
  const: 0x0c,
  shuffle: 0x0d,
  f64x2Splat: 0x14,
  f64x2ExtractLane: 0x21,
  f32x4Gt: 0x44,
  and: 0x4e,
  store32Lane: 0x5a,
  store64Lane: 0x5b,
  load32Zero: 0x5c,
  load64Zero: 0x5d,
  f32x4DemoteF64x2Zero: 0x5e,
  f64x2PromoteLowF32x4: 0x5f,
  f32x4Add: 0xe4,
  f32x4Mul: 0xe6,
  f64x2Sqrt: 0xef,
  f64x2Add: 0xf0,
  f64x2Sub: 0xf1,
  f64x2Mul: 0xf2,
  f64x2Div: 0xf3,
} as const;

/** Unsigned LEB128 (sizes, counts, indices, SIMD opcodes, memory offsets). */
export function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v === 0 ? byte : byte | 0x80);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 (i32.const). */
export function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

export const get = (local: number): number[] => [OP.localGet, ...uleb(local)];
export const set = (local: number): number[] => [OP.localSet, ...uleb(local)];
export const tee = (local: number): number[] => [OP.localTee, ...uleb(local)];
export const i32 = (value: number): number[] => [OP.i32Const, ...sleb(value)];
/** A SIMD instruction, with its immediates. */
export const simd = (opcode: number, ...immediates: number[]): number[] => [
  0xfd,
  ...uleb(opcode),
  ...immediates,
];
/** The memory argument of a load or store: alignment log2, then a constant byte offset. */
export const memarg = (alignLog2: number, offset = 0): number[] => [alignLog2, ...uleb(offset)];
export const f32Zero = (): number[] => [OP.f32Const, 0, 0, 0, 0];
export const f64Zero = (): number[] => [OP.f64Const, 0, 0, 0, 0, 0, 0, 0, 0];
export const v128Zero = (): number[] => simd(SIMD.const, ...new Array<number>(16).fill(0));

/** local = local + step (i32). */
export const advance = (local: number, step: number[]): number[] => [
  ...get(local),
  ...step,
  OP.i32Add,
  ...set(local),
];

/** while (condition) body: the test comes first, so a zero trip count runs nothing. */
export const whileLoop = (condition: number[], body: number[]): number[] => [
  OP.block,
  VOID,
  OP.loop,
  VOID,
  ...condition,
  OP.i32Eqz,
  OP.brIf,
  1,
  ...body,
  OP.br,
  0,
  OP.end,
  OP.end,
];

/** if (condition) body. */
export const when = (condition: number[], body: number[]): number[] => [
  ...condition,
  OP.if,
  VOID,
  ...body,
  OP.end,
];

/** A function's parameters and locals: indices handed out in order, the types remembered. */
export class Locals {
  readonly #params: number[];
  readonly #locals: number[] = [];

  constructor(params: number[]) {
    this.#params = params;
  }

  /** A new local of `type`, returning its index. */
  add(type: number): number {
    this.#locals.push(type);
    return this.#params.length + this.#locals.length - 1;
  }

  /** The function's code entry: local declarations (runs of one type), body, end. */
  code(body: number[]): number[] {
    const runs: [number, number][] = [];
    for (const type of this.#locals) {
      const last = runs.at(-1);
      if (last && last[1] === type) last[0]++;
      else runs.push([1, type]);
    }
    const content = [...uleb(runs.length), ...runs.flatMap(([n, t]) => [...uleb(n), t]), ...body];
    return [...content, OP.end];
  }

  get params(): number[] {
    return this.#params;
  }
}

/** One exported function: (params) -> (), its code from Locals.code. */
export interface WasmFunction {
  name: string;
  params: number[];
  code: number[];
}

/** A name (ASCII here), length first. */
const bytesOf = (text: string): number[] => [
  ...uleb(text.length),
  ...[...text].map((ch) => ch.charCodeAt(0)),
];

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

/**
 * A module that imports env.memory (at least one page) and exports `functions` by name. A
 * `shared` module imports a shared memory (threads read and write it together; a shared import
 * must name a maximum: the most wasm32 allows, 65,536 pages).
 */
export function wasmModule(functions: WasmFunction[], shared = false): Uint8Array {
  const count = uleb(functions.length);
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    // One type per function: (params) -> ().
    ...section(1, [
      ...count,
      ...functions.flatMap((f) => [0x60, ...uleb(f.params.length), ...f.params, 0]),
    ]),
    ...section(2, [
      1,
      ...bytesOf('env'),
      ...bytesOf('memory'),
      0x02,
      ...(shared ? [0x03, 1, ...uleb(65536)] : [0x00, 1]),
    ]),
    ...section(3, [...count, ...functions.flatMap((_, i) => uleb(i))]),
    ...section(7, [
      ...count,
      ...functions.flatMap((f, i) => [...bytesOf(f.name), 0x00, ...uleb(i)]),
    ]),
    ...section(10, [...count, ...functions.flatMap((f) => [...uleb(f.code.length), ...f.code])]),
  ]);
}
