import { PAGE_BYTES, simdKernels, wasmMemory } from './simdKernels.ts';

/**
 * The two passes over dense float32 rows that a one-output linear model's loss and gradient make
 * (linearObjective.ts): every row's product with the weights, then the gradient as the rows
 * scaled by their loss gradients. In WebAssembly SIMD (simdLinear.ts) over a copy of the rows in
 * its own memory when the engine has it (the fit on 160k x 30 in about half the CPU time), else in
 * JavaScript; both sum in the same order, so they agree bit for bit.
 */
export interface LinearRows {
  /** dots[r] = sum_j x[r, j] w[j], for w = the first cols values of `w`. */
  dots(w: Float64Array): Float64Array;
  /** Filled by the caller between dots and addScaled: each row's factor (0: the row is skipped). */
  readonly scales: Float64Array;
  /** out[j] = sum_r scales[r] x[r, j] for j < cols, rows in order. */
  addScaled(out: Float64Array): void;
  /** Whether the passes run in WebAssembly SIMD. */
  readonly simd: boolean;
}

/** The passes over `x` (rows x cols, row-major); `simd: false` keeps them in JavaScript. */
export function linearRows(x: Float32Array, rows: number, cols: number, simd = true): LinearRows {
  return (simd && wasmRows(x, rows, cols)) || javascriptRows(x, rows, cols);
}

function javascriptRows(x: Float32Array, rows: number, cols: number): LinearRows {
  const dots = new Float64Array(rows);
  const scales = new Float64Array(rows);
  const pairs = cols - (cols % 2);
  return {
    simd: false,
    scales,
    dots(w) {
      for (let r = 0, offset = 0; r < rows; r++, offset += cols) {
        let even = 0;
        let odd = 0;
        for (let j = 0; j < pairs; j += 2) {
          even += x[offset + j]! * w[j]!;
          odd += x[offset + j + 1]! * w[j + 1]!;
        }
        if (pairs < cols) even += x[offset + pairs]! * w[pairs]!;
        dots[r] = even + odd;
      }
      return dots;
    },
    addScaled(out) {
      out.fill(0, 0, cols);
      for (let r = 0, offset = 0; r < rows; r++, offset += cols) {
        const g = scales[r]!;
        if (g === 0) continue;
        for (let j = 0; j < pairs; j += 2) {
          out[j]! += g * x[offset + j]!;
          out[j + 1]! += g * x[offset + j + 1]!;
        }
        if (pairs < cols) out[pairs]! += g * x[offset + pairs]!;
      }
    },
  };
}

/**
 * Past this, the rows stay where they are (JavaScript passes): a copy would double a matrix that
 * is already large next to the feature budget (512 MiB, describeFeatures.ts).
 */
const COPY_MAX_BYTES = 256 * 1024 ** 2;

/** null without WebAssembly SIMD or room for the copy. */
function wasmRows(x: Float32Array, rows: number, cols: number): LinearRows | null {
  if (4 * rows * cols > COPY_MAX_BYTES) return null;
  const align = (bytes: number) => Math.ceil(bytes / 16) * 16;
  const X = 0;
  const DOTS = align(4 * rows * cols);
  const SCALES = DOTS + align(8 * rows);
  const W = SCALES + align(8 * rows);
  const OUT = W + align(8 * cols);
  const bytes = Math.ceil((OUT + align(8 * cols)) / PAGE_BYTES) * PAGE_BYTES;
  const memory = wasmMemory(Math.max(PAGE_BYTES, bytes));
  const kernels = memory && simdKernels(memory);
  if (!memory || !kernels) return null;
  const { buffer } = memory;
  new Float32Array(buffer, X, rows * cols).set(x.subarray(0, rows * cols));
  const dots = new Float64Array(buffer, DOTS, rows);
  const w = new Float64Array(buffer, W, cols);
  const out = new Float64Array(buffer, OUT, cols);
  return {
    simd: true,
    scales: new Float64Array(buffer, SCALES, rows),
    dots(weights) {
      w.set(weights.subarray(0, cols));
      kernels.rowDots(DOTS, X, W, rows, cols);
      return dots;
    },
    addScaled(target) {
      out.fill(0);
      kernels.addScaledRows(OUT, X, SCALES, rows, cols);
      target.set(out);
    },
  };
}
