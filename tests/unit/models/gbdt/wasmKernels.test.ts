import { describe, expect, it } from 'vitest';
import { buildHistogram, histogramLength } from '../../../../src/lib/models/gbdt/histogram.ts';
import { GbdtWasmArena } from '../../../../src/lib/models/gbdt/wasmKernels.ts';
import { createRng } from '../../../../src/lib/random.ts';

const ROWS = 3_001;
const COLS = 30;
const ROW_BYTES = 32;
const STRIDE = 256;
const MISSING = STRIDE - 1;

/** An arena with side 0 filled with random bins (some missing), row ids and (g, h) pairs. */
function filledArena(threads = 1) {
  const arena = GbdtWasmArena.create(ROWS, ROW_BYTES, COLS, STRIDE, threads)!;
  const rng = createRng(7);
  for (let r = 0; r < ROWS; r++) {
    for (let f = 0; f < COLS; f++)
      arena.bins[0][r * ROW_BYTES + f] = rng.next() < 0.05 ? MISSING : rng.int(200);
    arena.rows[0][r] = r;
    arena.gh[0][2 * r] = rng.next() - 0.5;
    arena.gh[0][2 * r + 1] = rng.next() * 0.25;
  }
  return arena;
}

describe('GBDT WebAssembly kernels', () => {
  it('build histograms bit for bit equal to buildHistogram', () => {
    const arena = filledArena();
    const length = histogramLength(COLS, STRIDE);
    for (const [first, count] of [
      [0, 30],
      [3, 14],
      [5, 2],
    ] as const) {
      const features = Int32Array.from({ length: count }, (_, i) => first + i);
      for (const [start, end, descending] of [
        [0, ROWS, false],
        [17, 1_234, true],
        [40, 41, false],
      ] as const) {
        const js = new Float64Array(length);
        const wasm = new Float64Array(length);
        const hJs = buildHistogram(
          js,
          arena.words[0],
          ROW_BYTES,
          STRIDE,
          features,
          count,
          start,
          end,
          arena.gh[0],
          descending,
        );
        const hWasm = arena.build(
          wasm,
          arena.words[0],
          ROW_BYTES,
          STRIDE,
          features,
          count,
          start,
          end,
          arena.gh[0],
          descending,
        );
        expect(hWasm).toBe(hJs);
        expect(wasm).toEqual(js);
      }
    }
  });

  it('moves rows to the other side as the JavaScript partition does', () => {
    const arena = filledArena();
    for (let b = 0; b < STRIDE; b++) arena.goesLeft[b] = b < 90 || b === MISSING ? 1 : 0;
    const feature = 9;
    for (const descending of [0, 1]) {
      const [start, end] = [100, 2_900];
      const mid = arena.move(0, start, end, descending, feature, MISSING);
      // The reference: branchless, left children forward from start, right ones back from end.
      let left = start;
      let right = end - 1;
      let missing = 0;
      for (let k = 0; k < end - start; k++) {
        const i = descending === 1 ? end - 1 - k : start + k;
        const b = arena.bins[0][i * ROW_BYTES + feature]!;
        if (b === MISSING) missing++;
        const at = arena.goesLeft[b] === 1 ? left++ : right--;
        expect(arena.rows[1][at]).toBe(arena.rows[0][i]);
        expect(arena.gh[1][2 * at]).toBe(arena.gh[0][2 * i]);
        expect(arena.gh[1][2 * at + 1]).toBe(arena.gh[0][2 * i + 1]);
        expect(arena.bins[1].subarray(at * ROW_BYTES, (at + 1) * ROW_BYTES)).toEqual(
          arena.bins[0].subarray(i * ROW_BYTES, (i + 1) * ROW_BYTES),
        );
      }
      expect(mid).toBe(left);
      expect(arena.missing).toBe(missing);
    }
  });

  it("lets a helper thread's view of a shared arena fill its own histogram buffer", () => {
    const arena = filledArena(3);
    expect(arena.words[0].buffer).toBeInstanceOf(SharedArrayBuffer);
    // Attached as helper 2 would be (structured clone is not needed in one thread: same memory).
    const helper = GbdtWasmArena.attach(arena.share(2))!;
    expect(helper.gh[0][5]).toBe(arena.gh[0][5]);
    const length = histogramLength(COLS, STRIDE);
    for (const features of [
      Int32Array.from({ length: 12 }, (_, i) => 9 + i),
      Int32Array.from([2, 7, 11, 29]),
    ]) {
      const count = features.length;
      const js = new Float64Array(length);
      const hJs = buildHistogram(
        js,
        arena.words[0],
        ROW_BYTES,
        STRIDE,
        features,
        count,
        11,
        2_500,
        arena.gh[0],
        true,
      );
      arena.histograms[2]!.fill(3);
      arena.histograms[0]!.fill(5);
      expect(helper.fill(features, count, 11, 2_500, 0, true)).toBe(hJs);
      for (const f of features) {
        const from = f * STRIDE * 2;
        expect(arena.histograms[2]!.subarray(from, from + STRIDE * 2)).toEqual(
          js.subarray(from, from + STRIDE * 2),
        );
      }
      // The creator's buffer (thread 0) is untouched: each thread writes only its own.
      expect(arena.histograms[0]!.every((v) => v === 5)).toBe(true);
    }
  });
});
