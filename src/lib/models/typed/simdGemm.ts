import {
  F32,
  F64,
  I32,
  Locals,
  OP,
  SIMD,
  V128,
  type WasmFunction,
  advance,
  f32Zero,
  f64Zero,
  get,
  i32,
  memarg,
  set,
  simd,
  v128Zero,
  when,
  whileLoop,
} from './wasmAssembly.ts';

/**
 * gemm.ts's product as one WebAssembly SIMD function, with the pass that follows it fused in:
 *
 * gemm(c, a, aRow, aCol, b, bRow, m, n, k, bias, gate, flags): for i < m, j < n,
 * C[i * n + j] = sum_p A[i * aRow + p * aCol] B[p * bRow + j], then, by the bits of flags,
 * + bias[j] (1), ReLU (2: values not > 0 become 0), and 0 where gate[i * n + j] is not > 0 (4:
 * the ReLU gradient, gated by the layer's activation). c, a, b, bias, gate are byte addresses in
 * the memory; strides in floats; B's rows are contiguous.
 *
 * Blocks of 4 rows x 8 columns stay in eight f32x4 registers while k runs: each step loads two
 * f32x4 of a row of B and four broadcast values of A, so each load feeds 8 or 4 multiply-adds.
 * Float32 sums in the order of k, as tfjs's kernels keep, without fused multiply-add. The outputs
 * the blocks leave (the last n % 4 columns and m % 4 rows) are summed in float64 and stored as
 * float32, as gemm.ts's plain sums are (four rows of a column, or two pairs of columns of a row,
 * at a time), so the result does not depend on which path a product took: the kernels changed the
 * speed, not the numbers (docs/design.md, "MLP on typed arrays").
 */

const [C, A, A_ROW, A_COL, B, B_ROW, M, N, K, BIAS, GATE, FLAGS] = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
];
const FLAG_BIAS = 1;
const FLAG_RELU = 2;
const FLAG_GATE = 4;

export function gemmFunction(): WasmFunction {
  const locals = new Locals(new Array<number>(12).fill(I32));
  const i32s = () => locals.add(I32);
  // Counters, addresses and offsets in bytes (JB = 4 J; OUT: the output row's offset from c, as
  // from gate), bounds.
  const I = i32s();
  const J = i32s();
  const JB = i32s();
  const P = i32s();
  const PA = i32s();
  const PB = i32s();
  const OUT = i32s();
  const A_COL_B = i32s();
  const B_ROW_B = i32s();
  const N_B = i32s();
  const M4 = i32s();
  const N4 = i32s();
  const N8 = i32s();
  /** Byte offsets of A's rows 1..3 of a block from its row 0. */
  const ROWS = [0, i32s(), i32s(), i32s()] as const;
  const V = locals.add(F32);
  const BS = locals.add(F64);
  const S = [0, 1, 2, 3].map(() => locals.add(F64));
  const vectorPair = () => [locals.add(V128), locals.add(V128)] as const;
  const ACC = [vectorPair(), vectorPair(), vectorPair(), vectorPair()];
  const BV = vectorPair();
  const AV = locals.add(V128);

  const flag = (bit: number) => [...get(FLAGS), ...i32(bit), OP.i32And];
  /** The address of A's row r of the block at (I, p): PA + r * aRow * 4. */
  const aRow = (r: number) =>
    r === 0 ? get(PA) : [...get(PA), ...get(ROWS[r as 1 | 2 | 3]), OP.i32Add];
  /** PA, PB, P at the start of a block's sums. */
  const start = [
    ...get(A),
    ...get(I),
    ...get(ROWS[1]),
    OP.i32Mul,
    OP.i32Add,
    ...set(PA),
    ...get(B),
    ...get(JB),
    OP.i32Add,
    ...set(PB),
    ...get(K),
    ...set(P),
  ];
  const step = [...advance(PA, get(A_COL_B)), ...advance(PB, get(B_ROW_B)), ...advance(P, i32(-1))];
  const firstOut = [...get(I), ...get(N_B), OP.i32Mul, ...get(JB), OP.i32Add, ...set(OUT)];

  /** The epilogue and store of the f32x4 in `acc`, columns JB/4 + 4v.. of the row at OUT. */
  const storeVector = (acc: number, v: number) => [
    ...when(flag(FLAG_BIAS), [
      ...get(acc),
      ...get(BIAS),
      ...get(JB),
      OP.i32Add,
      ...simd(SIMD.load, ...memarg(4, 16 * v)),
      ...simd(SIMD.f32x4Add),
      ...set(acc),
    ]),
    ...when(flag(FLAG_RELU), [
      ...get(acc),
      ...get(acc),
      ...v128Zero(),
      ...simd(SIMD.f32x4Gt),
      ...simd(SIMD.and),
      ...set(acc),
    ]),
    ...when(flag(FLAG_GATE), [
      ...get(acc),
      ...get(GATE),
      ...get(OUT),
      OP.i32Add,
      ...simd(SIMD.load, ...memarg(4, 16 * v)),
      ...v128Zero(),
      ...simd(SIMD.f32x4Gt),
      ...simd(SIMD.and),
      ...set(acc),
    ]),
    ...get(C),
    ...get(OUT),
    OP.i32Add,
    ...get(acc),
    ...simd(SIMD.store, ...memarg(4, 16 * v)),
  ];

  /** The same for the float32 in V, column JB/4 of the row at OUT. */
  const storeScalar = [
    ...when(flag(FLAG_BIAS), [
      ...get(V),
      ...get(BIAS),
      ...get(JB),
      OP.i32Add,
      OP.f32Load,
      ...memarg(2),
      OP.f32Add,
      ...set(V),
    ]),
    ...when(flag(FLAG_RELU), [
      ...get(V),
      ...f32Zero(),
      ...get(V),
      ...f32Zero(),
      OP.f32Gt,
      OP.select,
      ...set(V),
    ]),
    ...when(flag(FLAG_GATE), [
      ...get(V),
      ...f32Zero(),
      ...get(GATE),
      ...get(OUT),
      OP.i32Add,
      OP.f32Load,
      ...memarg(2),
      ...f32Zero(),
      OP.f32Gt,
      OP.select,
      ...set(V),
    ]),
    ...get(C),
    ...get(OUT),
    OP.i32Add,
    ...get(V),
    OP.f32Store,
    ...memarg(2),
  ];

  /** A block of 4 rows at I x 4 * vectors columns at J, float32 sums. */
  const tile = (vectors: number) => {
    const vs = [0, 1].slice(0, vectors);
    return [
      ...ACC.flatMap((row) => vs.flatMap((v) => [...v128Zero(), ...set(row[v]!)])),
      ...start,
      ...whileLoop(get(P), [
        ...vs.flatMap((v) => [
          ...get(PB),
          ...simd(SIMD.load, ...memarg(4, 16 * v)),
          ...set(BV[v]!),
        ]),
        ...ACC.flatMap((row, r) => [
          ...aRow(r),
          ...simd(SIMD.load32Splat, ...memarg(2)),
          ...set(AV),
          ...vs.flatMap((v) => [
            ...get(row[v]!),
            ...get(AV),
            ...get(BV[v]!),
            ...simd(SIMD.f32x4Mul),
            ...simd(SIMD.f32x4Add),
            ...set(row[v]!),
          ]),
        ]),
        ...step,
      ]),
      ...firstOut,
      ...ACC.flatMap((row) => [
        ...vs.flatMap((v) => storeVector(row[v]!, v)),
        ...advance(OUT, get(N_B)),
      ]),
    ];
  };

  /** Column J of `rows` rows from I: independent float64 sums, stored as float32. */
  const edgeColumn = (rows: number) => {
    const rs = S.slice(0, rows);
    return [
      ...rs.flatMap((s) => [...f64Zero(), ...set(s)]),
      ...start,
      ...whileLoop(get(P), [
        ...get(PB),
        OP.f32Load,
        ...memarg(2),
        OP.f64PromoteF32,
        ...set(BS),
        ...rs.flatMap((s, r) => [
          ...get(s),
          ...aRow(r),
          OP.f32Load,
          ...memarg(2),
          OP.f64PromoteF32,
          ...get(BS),
          OP.f64Mul,
          OP.f64Add,
          ...set(s),
        ]),
        ...step,
      ]),
      ...firstOut,
      ...rs.flatMap((s) => [
        ...get(s),
        OP.f32DemoteF64,
        ...set(V),
        ...storeScalar,
        ...advance(OUT, get(N_B)),
      ]),
    ];
  };

  /** Row I, columns J..J+3: two float64x2 sums (each lane the plain sum of one output). */
  const [LO, HI] = ACC[0]!;
  const lowHalf = [8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7];
  const joinHalves = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];
  const multiplyAdd = (acc: number, b: number[]) => [
    ...get(acc),
    ...get(AV),
    ...b,
    ...simd(SIMD.f64x2PromoteLowF32x4),
    ...simd(SIMD.f64x2Mul),
    ...simd(SIMD.f64x2Add),
    ...set(acc),
  ];
  const edgeRow = [
    ...v128Zero(),
    ...set(LO!),
    ...v128Zero(),
    ...set(HI!),
    ...start,
    ...whileLoop(get(P), [
      ...get(PA),
      OP.f32Load,
      ...memarg(2),
      OP.f64PromoteF32,
      ...simd(SIMD.f64x2Splat),
      ...set(AV),
      ...get(PB),
      ...simd(SIMD.load, ...memarg(4)),
      ...set(BV[0]!),
      ...multiplyAdd(LO!, get(BV[0]!)),
      ...multiplyAdd(HI!, [...get(BV[0]!), ...get(BV[0]!), ...simd(SIMD.shuffle, ...lowHalf)]),
      ...step,
    ]),
    ...firstOut,
    ...get(LO!),
    ...simd(SIMD.f32x4DemoteF64x2Zero),
    ...get(HI!),
    ...simd(SIMD.f32x4DemoteF64x2Zero),
    ...simd(SIMD.shuffle, ...joinHalves),
    ...set(LO!),
    ...storeVector(LO!, 0),
  ];

  const lessThan = (a: number, b: number) => [...get(a), ...get(b), OP.i32LtS];
  const setColumn = (value: number[]) => [
    ...value,
    ...set(J),
    ...get(J),
    ...i32(4),
    OP.i32Mul,
    ...set(JB),
  ];
  const nextColumns = (count: number) => [
    ...advance(J, i32(count)),
    ...advance(JB, i32(4 * count)),
  ];
  const roundDown = (value: number, multiple: number, to: number) => [
    ...get(value),
    ...i32(-multiple),
    OP.i32And,
    ...set(to),
  ];
  const bytes = (floats: number, to: number) => [...get(floats), ...i32(4), OP.i32Mul, ...set(to)];

  const body = [
    ...bytes(A_COL, A_COL_B),
    ...bytes(B_ROW, B_ROW_B),
    ...bytes(N, N_B),
    ...bytes(A_ROW, ROWS[1]),
    ...get(ROWS[1]),
    ...get(ROWS[1]),
    OP.i32Add,
    ...set(ROWS[2]),
    ...get(ROWS[2]),
    ...get(ROWS[1]),
    OP.i32Add,
    ...set(ROWS[3]),
    ...roundDown(M, 4, M4),
    ...roundDown(N, 4, N4),
    ...roundDown(N, 8, N8),
    // The blocks: rows < m4, columns < n4.
    ...i32(0),
    ...set(I),
    ...whileLoop(lessThan(I, M4), [
      ...setColumn(i32(0)),
      ...whileLoop(lessThan(J, N8), [...tile(2), ...nextColumns(8)]),
      ...when(lessThan(J, N4), tile(1)),
      ...advance(I, i32(4)),
    ]),
    // The last n % 4 columns of those rows, four rows at a time.
    ...setColumn(get(N4)),
    ...whileLoop(lessThan(J, N), [
      ...i32(0),
      ...set(I),
      ...whileLoop(lessThan(I, M4), [...edgeColumn(4), ...advance(I, i32(4))]),
      ...nextColumns(1),
    ]),
    // The last m % 4 rows.
    ...get(M4),
    ...set(I),
    ...whileLoop(lessThan(I, M), [
      ...setColumn(i32(0)),
      ...whileLoop(lessThan(J, N4), [...edgeRow, ...nextColumns(4)]),
      ...whileLoop(lessThan(J, N), [...edgeColumn(1), ...nextColumns(1)]),
      ...advance(I, i32(1)),
    ]),
  ];
  return { name: 'gemm', params: locals.params, code: locals.code(body) };
}

/** The flags argument of gemm. */
export function gemmFlags(bias: boolean, relu: boolean, gate: boolean): number {
  return (bias ? FLAG_BIAS : 0) | (relu ? FLAG_RELU : 0) | (gate ? FLAG_GATE : 0);
}
