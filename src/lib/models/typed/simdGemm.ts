import { gemm, gemmEdges } from './gemm.ts';

/**
 * The 4 x 4 blocks of gemm.ts as one WebAssembly SIMD function: each step of k loads four
 * contiguous values of a row of B as one f32x4 and adds four broadcast values of A times it to
 * four f32x4 accumulators (float32 sums, as tfjs's own kernels keep). The module is a few hundred
 * bytes written out below, instruction by instruction, so nothing is fetched or built: V8 in Node
 * and in Chromium's workers compiles it synchronously. About 3x the JavaScript blocks on the
 * networks this app trains (docs/design.md, "MLP on typed arrays").
 *
 * gemm4(c, a, aRow, aCol, b, bRow, m4, n4, k, n): for i < m4 and j < n4, both multiples of 4,
 * C[i * n + j] = sum_p A[i * aRow + p * aCol] B[p * bRow + j]; c, a, b are byte addresses in the
 * memory, strides in floats. The caller does the edges.
 */

/** Opcodes used, from the WebAssembly core and SIMD specifications. */
const OP = {
  block: 0x02,
  loop: 0x03,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
  localGet: 0x20,
  localSet: 0x21,
  i32Const: 0x41,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32GeS: 0x4e,
  i32Eqz: 0x45,
  f32Load: 0x2a,
  simd: 0xfd,
} as const;
const VOID = 0x40;
const I32 = 0x7f;
const V128 = 0x7b;
/** SIMD sub-opcodes (after 0xfd, LEB128). */
const SIMD = {
  load: [0x00],
  store: [0x0b],
  const: [0x0c],
  splat: [0x13],
  add: [0xe4, 0x01],
  mul: [0xe6, 0x01],
};

// Parameters 0..9, then the locals.
const [C, A, A_ROW, A_COL, B, B_ROW, M4, N4, K, N] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const [I, J, P, PA, PB, CP, A_COL_B, B_ROW_B, ROW1, ROW2, ROW3, N_B] = [
  10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
];
const I32_LOCALS = 12;
const [ACC0, BV] = [22, 26];
const V128_LOCALS = 5;

function leb(value: number): number[] {
  const out: number[] = [];
  let v = value;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const get = (local: number) => [OP.localGet, local];
const set = (local: number) => [OP.localSet, local];
const i32 = (value: number) => [OP.i32Const, ...leb(value)];
/** local = local + step */
const advance = (local: number, step: number[]) => [
  ...get(local),
  ...step,
  OP.i32Add,
  ...set(local),
];
/** acc += splat(f32 at address) * bv */
const multiplyAdd = (acc: number, address: number[]) => [
  ...get(acc),
  ...address,
  OP.f32Load,
  2,
  0,
  OP.simd,
  ...SIMD.splat,
  ...get(BV),
  OP.simd,
  ...SIMD.mul,
  OP.simd,
  ...SIMD.add,
  ...set(acc),
];
/** v128 store of acc at address */
const store = (acc: number, address: number[]) => [
  ...address,
  ...get(acc),
  OP.simd,
  ...SIMD.store,
  4,
  0,
];

function body(): number[] {
  const zero = [OP.simd, ...SIMD.const, ...new Array<number>(16).fill(0)];
  return [
    // Byte strides.
    ...get(A_COL),
    ...i32(4),
    OP.i32Mul,
    ...set(A_COL_B),
    ...get(B_ROW),
    ...i32(4),
    OP.i32Mul,
    ...set(B_ROW_B),
    ...get(A_ROW),
    ...i32(4),
    OP.i32Mul,
    ...set(ROW1),
    ...get(ROW1),
    ...get(ROW1),
    OP.i32Add,
    ...set(ROW2),
    ...get(ROW2),
    ...get(ROW1),
    OP.i32Add,
    ...set(ROW3),
    ...get(N),
    ...i32(4),
    OP.i32Mul,
    ...set(N_B),
    ...i32(0),
    ...set(I),
    OP.block,
    VOID,
    OP.loop,
    VOID,
    ...get(I),
    ...get(M4),
    OP.i32GeS,
    OP.brIf,
    1,
    ...i32(0),
    ...set(J),
    OP.block,
    VOID,
    OP.loop,
    VOID,
    ...get(J),
    ...get(N4),
    OP.i32GeS,
    OP.brIf,
    1,
    ...zero,
    ...set(ACC0),
    ...zero,
    ...set(ACC0 + 1),
    ...zero,
    ...set(ACC0 + 2),
    ...zero,
    ...set(ACC0 + 3),
    // pa = a + i * aRow * 4; pb = b + j * 4; p = k
    ...get(A),
    ...get(I),
    ...get(ROW1),
    OP.i32Mul,
    OP.i32Add,
    ...set(PA),
    ...get(B),
    ...get(J),
    ...i32(4),
    OP.i32Mul,
    OP.i32Add,
    ...set(PB),
    ...get(K),
    ...set(P),
    OP.block,
    VOID,
    OP.loop,
    VOID,
    ...get(P),
    OP.i32Eqz,
    OP.brIf,
    1,
    ...get(PB),
    OP.simd,
    ...SIMD.load,
    4,
    0,
    ...set(BV),
    ...multiplyAdd(ACC0, get(PA)),
    ...multiplyAdd(ACC0 + 1, [...get(PA), ...get(ROW1), OP.i32Add]),
    ...multiplyAdd(ACC0 + 2, [...get(PA), ...get(ROW2), OP.i32Add]),
    ...multiplyAdd(ACC0 + 3, [...get(PA), ...get(ROW3), OP.i32Add]),
    ...advance(PA, get(A_COL_B)),
    ...advance(PB, get(B_ROW_B)),
    ...get(P),
    ...i32(1),
    OP.i32Sub,
    ...set(P),
    OP.br,
    0,
    OP.end,
    OP.end,
    // cp = c + (i * n + j) * 4, then the four rows of the block.
    ...get(C),
    ...get(I),
    ...get(N),
    OP.i32Mul,
    ...get(J),
    OP.i32Add,
    ...i32(4),
    OP.i32Mul,
    OP.i32Add,
    ...set(CP),
    ...store(ACC0, get(CP)),
    ...store(ACC0 + 1, [...get(CP), ...get(N_B), OP.i32Add]),
    ...store(ACC0 + 2, [...get(CP), ...get(N_B), ...get(N_B), OP.i32Add, OP.i32Add]),
    ...store(ACC0 + 3, [
      ...get(CP),
      ...get(N_B),
      ...get(N_B),
      ...get(N_B),
      OP.i32Add,
      OP.i32Add,
      OP.i32Add,
    ]),
    ...advance(J, i32(4)),
    OP.br,
    0,
    OP.end,
    OP.end,
    ...advance(I, i32(4)),
    OP.br,
    0,
    OP.end,
    OP.end,
    OP.end,
  ];
}

function section(id: number, content: number[]): number[] {
  return [id, ...leb(content.length), ...content];
}

function moduleBytes(): Uint8Array {
  const code = [...leb(2), I32_LOCALS, I32, V128_LOCALS, V128, ...body()];
  const name = [...'gemm4'].map((ch) => ch.charCodeAt(0));
  const memoryName = [...'memory'].map((ch) => ch.charCodeAt(0));
  const envName = [...'env'].map((ch) => ch.charCodeAt(0));
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    // type 0: (i32 x 10) -> ()
    ...section(1, [1, 0x60, 10, ...new Array<number>(10).fill(I32), 0]),
    // import env.memory, at least 1 page
    ...section(2, [1, envName.length, ...envName, memoryName.length, ...memoryName, 0x02, 0x00, 1]),
    ...section(3, [1, 0]),
    ...section(7, [1, name.length, ...name, 0x00, 0]),
    ...section(10, [1, ...leb(code.length), ...code]),
  ]);
}

/** The part of the WebAssembly API used here: src/lib compiles without the DOM's or Node's types. */
interface WasmMemory {
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

type Gemm4 = (
  ...args: [number, number, number, number, number, number, number, number, number, number]
) => void;

/** gemm4 over `memory`, or null where WebAssembly SIMD is unavailable. */
function simdGemm(memory: WasmMemory): Gemm4 | null {
  const bytes = moduleBytes();
  if (typeof WebAssembly === 'undefined' || !WebAssembly.validate(bytes)) return null;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  return instance.exports['gemm4'] as Gemm4;
}

const PAGE_BYTES = 65536;

/** A WebAssembly memory of `bytes`, or null without WebAssembly or past what it may allocate. */
function wasmMemory(bytes: number): WasmMemory | null {
  if (typeof WebAssembly === 'undefined') return null;
  try {
    return new WebAssembly.Memory({ initial: bytes / PAGE_BYTES });
  } catch {
    return null;
  }
}

/**
 * Float32Arrays carved out of one WebAssembly memory, and gemm over them: the 4 x 4 blocks in
 * SIMD when the engine has it and all three arrays live here with B's rows contiguous (bCol 1),
 * gemm.ts otherwise. Sized once: the memory never grows, so the views stay valid.
 */
export class GemmArena {
  readonly #buffer: ArrayBuffer;
  readonly #gemm4: Gemm4 | null;
  #used = 0;

  /** Room for `floats` values, each array starting on 16 bytes. */
  constructor(floats: number) {
    const bytes = Math.max(PAGE_BYTES, Math.ceil((4 * floats) / PAGE_BYTES) * PAGE_BYTES);
    const memory = wasmMemory(bytes);
    this.#buffer = memory?.buffer ?? new ArrayBuffer(bytes);
    this.#gemm4 = memory && simdGemm(memory);
  }

  /** Whether products run in WebAssembly SIMD. */
  get simd(): boolean {
    return this.#gemm4 !== null;
  }

  /** A zeroed array of `length` floats from the arena. */
  alloc(length: number): Float32Array {
    const start = this.#used;
    this.#used = start + Math.ceil(length / 4) * 4;
    if (4 * this.#used > this.#buffer.byteLength) throw new Error('gemm arena: out of room');
    return new Float32Array(this.#buffer, 4 * start, length);
  }

  /** gemm.ts's gemm, same arguments. */
  gemm(
    c: Float32Array,
    a: Float32Array,
    aRow: number,
    aCol: number,
    b: Float32Array,
    bRow: number,
    bCol: number,
    m: number,
    n: number,
    k: number,
  ): void {
    const gemm4 = this.#gemm4;
    const here = (x: Float32Array) => x.buffer === this.#buffer;
    if (gemm4 === null || bCol !== 1 || !here(a) || !here(b) || !here(c)) {
      gemm(c, a, aRow, aCol, b, bRow, bCol, m, n, k);
      return;
    }
    const m4 = m - (m % 4);
    const n4 = n - (n % 4);
    gemm4(c.byteOffset, a.byteOffset, aRow, aCol, b.byteOffset, bRow, m4, n4, k, n);
    gemmEdges(c, a, aRow, aCol, b, bRow, bCol, m, n, k);
  }
}
