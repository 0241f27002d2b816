/**
 * C = A B for row-major C [m x n], with A and B read through strides, so one kernel serves a
 * layer's forward product (x kernel), its kernel gradient (x^T dz) and the gradient it passes
 * back (dz kernel^T) without transposing anything. A(i, k) = a[i * aRow + k * aCol],
 * B(k, j) = b[k * bRow + j * bCol]. Blocks of 4 x 4 outputs stay in registers while k runs, so
 * each loaded value feeds four multiply-adds: about 3x a plain triple loop in V8, which does not
 * vectorise (docs/design.md, "MLP on typed arrays"). Sums are float64, stored as float32.
 */
export function gemm(
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
  const m4 = m - (m % 4);
  const n4 = n - (n % 4);
  for (let i = 0; i < m4; i += 4) {
    const a0 = i * aRow;
    const a1 = a0 + aRow;
    const a2 = a1 + aRow;
    const a3 = a2 + aRow;
    for (let j = 0; j < n4; j += 4) {
      const b0 = j * bCol;
      const b1 = b0 + bCol;
      const b2 = b1 + bCol;
      const b3 = b2 + bCol;
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0,
        c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0,
        c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      for (let p = 0; p < k; p++) {
        const pa = p * aCol;
        const pb = p * bRow;
        const w0 = b[pb + b0]!;
        const w1 = b[pb + b1]!;
        const w2 = b[pb + b2]!;
        const w3 = b[pb + b3]!;
        let x = a[a0 + pa]!;
        c00 += x * w0;
        c01 += x * w1;
        c02 += x * w2;
        c03 += x * w3;
        x = a[a1 + pa]!;
        c10 += x * w0;
        c11 += x * w1;
        c12 += x * w2;
        c13 += x * w3;
        x = a[a2 + pa]!;
        c20 += x * w0;
        c21 += x * w1;
        c22 += x * w2;
        c23 += x * w3;
        x = a[a3 + pa]!;
        c30 += x * w0;
        c31 += x * w1;
        c32 += x * w2;
        c33 += x * w3;
      }
      let o = i * n + j;
      c[o] = c00;
      c[o + 1] = c01;
      c[o + 2] = c02;
      c[o + 3] = c03;
      o += n;
      c[o] = c10;
      c[o + 1] = c11;
      c[o + 2] = c12;
      c[o + 3] = c13;
      o += n;
      c[o] = c20;
      c[o + 1] = c21;
      c[o + 2] = c22;
      c[o + 3] = c23;
      o += n;
      c[o] = c30;
      c[o + 1] = c31;
      c[o + 2] = c32;
      c[o + 3] = c33;
    }
  }
  gemmEdges(c, a, aRow, aCol, b, bRow, bCol, m, n, k);
}

/**
 * The outputs gemm's 4 x 4 blocks leave (the last n % 4 columns of the first m - m % 4 rows,
 * then the last m % 4 rows), one plain sum each; same arguments as gemm.
 */
function gemmEdges(
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
  const m4 = m - (m % 4);
  const n4 = n - (n % 4);
  for (let i = 0; i < m; i++) {
    for (let j = i < m4 ? n4 : 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) sum += a[i * aRow + p * aCol]! * b[p * bRow + j * bCol]!;
      c[i * n + j] = sum;
    }
  }
}
