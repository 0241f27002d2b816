import { gemm } from './gemm.ts';
import { gemmFlags } from './simdGemm.ts';
import {
  type AdamConstants,
  PAGE_BYTES,
  type SimdKernels,
  simdKernels,
  wasmMemory,
} from './simdKernels.ts';

/**
 * Float32Arrays carved out of one WebAssembly memory, and the network's kernels over them: in
 * WebAssembly SIMD (simdKernels.ts) when the engine has it and every array lives here (B's rows
 * contiguous for gemm), in JavaScript (gemm.ts and the loops below) otherwise. Sized once: the
 * memory never grows, so the views stay valid and a batch is never copied between kernels.
 */
export class KernelArena {
  readonly #buffer: ArrayBufferLike;
  readonly #kernels: SimdKernels | null;
  #used = 0;

  /** Room for `floats` values, each array starting on 16 bytes. */
  constructor(floats: number) {
    const bytes = Math.max(PAGE_BYTES, Math.ceil((4 * floats) / PAGE_BYTES) * PAGE_BYTES);
    const memory = wasmMemory(bytes);
    this.#buffer = memory?.buffer ?? new ArrayBuffer(bytes);
    this.#kernels = memory && simdKernels(memory);
  }

  /** Whether the kernels run in WebAssembly SIMD. */
  get simd(): boolean {
    return this.#kernels !== null;
  }

  /** Whether `x` is a view of this arena. */
  holds(x: Float32Array): boolean {
    return x.buffer === this.#buffer;
  }

  /** A zeroed array of `length` floats from the arena. */
  alloc(length: number): Float32Array {
    const start = this.#used;
    this.#used = start + Math.ceil(length / 4) * 4;
    if (4 * this.#used > this.#buffer.byteLength) throw new Error('kernel arena: out of room');
    return new Float32Array(this.#buffer, 4 * start, length);
  }

  /**
   * gemm.ts's gemm (same first ten arguments), then + bias[j] when given, ReLU when `relu`, and 0
   * where gate[i * n + j] is not > 0 when a gate is given (c's layout).
   */
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
    bias: Float32Array | null = null,
    relu = false,
    gate: Float32Array | null = null,
  ): void {
    const kernels = this.#kernels;
    if (
      kernels !== null &&
      bCol === 1 &&
      this.holds(a) &&
      this.holds(b) &&
      this.holds(c) &&
      (bias === null || this.holds(bias)) &&
      (gate === null || this.holds(gate))
    ) {
      const flags = gemmFlags(bias !== null, relu, gate !== null);
      kernels.gemm(
        c.byteOffset,
        a.byteOffset,
        aRow,
        aCol,
        b.byteOffset,
        bRow,
        m,
        n,
        k,
        bias?.byteOffset ?? 0,
        gate?.byteOffset ?? 0,
        flags,
      );
      return;
    }
    gemm(c, a, aRow, aCol, b, bRow, bCol, m, n, k);
    if (bias === null && !relu && gate === null) return;
    for (let i = 0, o = 0; i < m; i++) {
      for (let j = 0; j < n; j++, o++) {
        if (bias) c[o]! += bias[j]!;
        if ((relu && !(c[o]! > 0)) || (gate && !(gate[o]! > 0))) c[o] = 0;
      }
    }
  }

  /** out[j] = sum_i x[i * n + j] over `rows` rows, float32 sums in row order. */
  columnSums(out: Float32Array, x: Float32Array, rows: number, n: number): void {
    if (this.#kernels !== null && this.holds(out) && this.holds(x)) {
      this.#kernels.columnSums(out.byteOffset, x.byteOffset, rows, n);
      return;
    }
    out.fill(0);
    for (let i = 0, o = 0; i < rows; i++, o += n) for (let j = 0; j < n; j++) out[j]! += x[o + j]!;
  }

  /**
   * One Adam update of w from its gradient g and moments m, s (simdKernels.ts's adam, same
   * numbers on both paths: the JavaScript below is the expression the kernel follows).
   */
  adam(
    w: Float32Array,
    g: Float32Array,
    m: Float32Array,
    s: Float32Array,
    constants: AdamConstants,
  ): void {
    const here = this.holds(w) && this.holds(g) && this.holds(m) && this.holds(s);
    if (this.#kernels !== null && here) {
      this.#kernels.adam(
        w.byteOffset,
        g.byteOffset,
        m.byteOffset,
        s.byteOffset,
        w.length,
        ...constants,
      );
      return;
    }
    const [lr, correct1, correct2, beta1, oneBeta1, beta2, oneBeta2, epsilon] = constants;
    for (let i = 0; i < w.length; i++) {
      const gi = g[i]!;
      const mi = (m[i] = beta1 * m[i]! + oneBeta1 * gi);
      const si = (s[i] = beta2 * s[i]! + oneBeta2 * gi * gi);
      w[i] = w[i]! - (lr * (mi / correct1)) / (Math.sqrt(si / correct2) + epsilon);
    }
  }
}
