import { describe, expect, it } from 'vitest';
import { linearRows } from '../../../src/lib/models/typed/linearRows.ts';
import { createRng } from '../../../src/lib/random.ts';

/** Rows of mixed magnitudes with some zeros, and weights, from a seed. */
function data(rows: number, cols: number, seed: number) {
  const rng = createRng(seed);
  const x = Float32Array.from({ length: rows * cols }, () =>
    rng.next() < 0.2 ? 0 : rng.normal() * 10 ** Math.floor(rng.next() * 6 - 3),
  );
  const w = Float64Array.from({ length: cols + 1 }, () => rng.normal());
  const scales = Float64Array.from({ length: rows }, (_, r) => (r % 3 === 0 ? 0 : rng.normal()));
  return { x, w, scales };
}

/** The plain definition, in the passes' order: even columns and odd columns summed apart. */
function reference(x: Float32Array, rows: number, cols: number, w: Float64Array, s: Float64Array) {
  const dots = new Float64Array(rows);
  const out = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    let even = 0;
    let odd = 0;
    for (let j = 0; j < cols; j++) {
      if (j % 2 === 0) even += x[r * cols + j]! * w[j]!;
      else odd += x[r * cols + j]! * w[j]!;
    }
    dots[r] = even + odd;
    if (s[r] !== 0) for (let j = 0; j < cols; j++) out[j]! += s[r]! * x[r * cols + j]!;
  }
  return { dots, out };
}

describe('linearRows: the dense passes of a linear model', () => {
  it.each([
    [7, 1],
    [13, 2],
    [9, 5],
    [64, 30],
    [5, 31],
    [0, 4],
  ])(
    'give the reference bit for bit, in WebAssembly SIMD and in JavaScript (%i rows x %i)',
    (rows, cols) => {
      const { x, w, scales } = data(rows, cols, rows * 100 + cols);
      const want = reference(x, rows, cols, w, scales);
      for (const simd of [true, false]) {
        const passes = linearRows(x, rows, cols, simd);
        expect(passes.simd).toBe(simd);
        const dots = Array.from(passes.dots(w));
        passes.scales.set(scales);
        const out = new Float64Array(cols + 1).fill(7);
        passes.addScaled(out);
        dots.forEach((d, r) => expect(Object.is(d, want.dots[r]), `dot ${r}`).toBe(true));
        want.out.forEach((g, j) => expect(Object.is(out[j], g), `gradient ${j}`).toBe(true));
        expect(out[cols]).toBe(7);
      }
    },
  );
});
