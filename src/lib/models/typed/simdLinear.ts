import {
  F64,
  I32,
  Locals,
  OP,
  SIMD,
  V128,
  type WasmFunction,
  advance,
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
 * The two passes of a dense linear model's loss over float32 rows (linearRows.ts), in float64x2:
 * lane 0 sums the even columns and lane 1 the odd ones, each in column order, exactly as the
 * JavaScript loops there, so both give the same numbers bit for bit.
 */

/** Locals and code shared by both passes: the parameters, the byte sizes of a row and its pairs. */
function rowLoop(
  name: string,
  perRow: (locals: Locals, at: { X: number; PAIR_END: number; XP: number }) => number[],
  pointer: number,
  pointerStep: number,
): WasmFunction {
  // (out, x, w or g, rows, cols): addresses in bytes.
  const locals = new Locals([I32, I32, I32, I32, I32]);
  const [, X, , ROWS, COLS] = [0, 1, 2, 3, 4];
  const [ROW_BYTES, PAIR_BYTES, XP, PAIR_END] = [
    locals.add(I32),
    locals.add(I32),
    locals.add(I32),
    locals.add(I32),
  ];
  const body = [
    ...get(COLS),
    ...i32(4),
    OP.i32Mul,
    ...set(ROW_BYTES),
    ...get(COLS),
    ...i32(-2),
    OP.i32And,
    ...i32(4),
    OP.i32Mul,
    ...set(PAIR_BYTES),
    ...whileLoop(get(ROWS), [
      ...get(X),
      ...set(XP),
      ...get(X),
      ...get(PAIR_BYTES),
      OP.i32Add,
      ...set(PAIR_END),
      ...perRow(locals, { X, PAIR_END, XP }),
      ...advance(X, get(ROW_BYTES)),
      ...advance(pointer, i32(pointerStep)),
      ...advance(ROWS, i32(-1)),
    ]),
  ];
  return { name, params: locals.params, code: locals.code(body) };
}

/** The parameter index of cols, the same in both functions. */
const COLS_PARAM = 4;
const oddColumn = [...get(COLS_PARAM), ...i32(1), OP.i32And];
/** Two float32s at XP as float64x2. */
const pairAt = (xp: number) => [
  ...get(xp),
  ...simd(SIMD.load64Zero, ...memarg(2)),
  ...simd(SIMD.f64x2PromoteLowF32x4),
];
const columnAt = (xp: number) => [...get(xp), OP.f32Load, ...memarg(2), OP.f64PromoteF32];

/** rowDots(out, x, w, rows, cols): out[r] = sum_j x[r, j] w[j] (float64 out and w). */
export function rowDotsFunction(): WasmFunction {
  const [OUT, , W] = [0, 1, 2];
  return rowLoop(
    'rowDots',
    (locals, { PAIR_END, XP }) => {
      const [WP, ACC, EVEN] = [locals.add(I32), locals.add(V128), locals.add(F64)];
      return [
        ...get(W),
        ...set(WP),
        ...v128Zero(),
        ...set(ACC),
        ...whileLoop(
          [...get(XP), ...get(PAIR_END), OP.i32LtS],
          [
            ...get(ACC),
            ...pairAt(XP),
            ...get(WP),
            ...simd(SIMD.load, ...memarg(3)),
            ...simd(SIMD.f64x2Mul),
            ...simd(SIMD.f64x2Add),
            ...set(ACC),
            ...advance(XP, i32(8)),
            ...advance(WP, i32(16)),
          ],
        ),
        ...get(ACC),
        ...simd(SIMD.f64x2ExtractLane, 0),
        ...set(EVEN),
        ...when(oddColumn, [
          ...get(EVEN),
          ...columnAt(XP),
          ...get(WP),
          OP.f64Load,
          ...memarg(3),
          OP.f64Mul,
          OP.f64Add,
          ...set(EVEN),
        ]),
        ...get(OUT),
        ...get(EVEN),
        ...get(ACC),
        ...simd(SIMD.f64x2ExtractLane, 1),
        OP.f64Add,
        OP.f64Store,
        ...memarg(3),
      ];
    },
    OUT,
    8,
  );
}

/**
 * addScaledRows(out, x, g, rows, cols): out[j] += g[r] x[r, j] for every row r in order, rows whose
 * g is 0 skipped (float64 out and g).
 */
export function addScaledRowsFunction(): WasmFunction {
  const [OUT, , G] = [0, 1, 2];
  return rowLoop(
    'addScaledRows',
    (locals, { PAIR_END, XP }) => {
      const [OUT_P, GV, GS] = [locals.add(I32), locals.add(F64), locals.add(V128)];
      return [
        ...get(G),
        OP.f64Load,
        ...memarg(3),
        ...set(GV),
        ...when(
          [...get(GV), ...f64Zero(), OP.f64Ne],
          [
            ...get(GV),
            ...simd(SIMD.f64x2Splat),
            ...set(GS),
            ...get(OUT),
            ...set(OUT_P),
            ...whileLoop(
              [...get(XP), ...get(PAIR_END), OP.i32LtS],
              [
                ...get(OUT_P),
                ...get(OUT_P),
                ...simd(SIMD.load, ...memarg(3)),
                ...get(GS),
                ...pairAt(XP),
                ...simd(SIMD.f64x2Mul),
                ...simd(SIMD.f64x2Add),
                ...simd(SIMD.store, ...memarg(3)),
                ...advance(XP, i32(8)),
                ...advance(OUT_P, i32(16)),
              ],
            ),
            ...when(oddColumn, [
              ...get(OUT_P),
              ...get(OUT_P),
              OP.f64Load,
              ...memarg(3),
              ...get(GV),
              ...columnAt(XP),
              OP.f64Mul,
              OP.f64Add,
              OP.f64Store,
              ...memarg(3),
            ]),
          ],
        ),
      ];
    },
    G,
    8,
  );
}
