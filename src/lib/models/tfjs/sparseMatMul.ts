import * as tf from '../../tfjsCore.ts';
import type { SparseInput } from './batchBuffers.ts';

/**
 * x times `kernel` ([cols, units]) for a batch given as its non-zeros, as [x.rows, units]: the
 * kernel row of each non-zero, scaled by its value, summed into its batch row. Work and memory
 * grow with the non-zeros, not with cols (a 2^18-bucket hashed column costs one row per value).
 * The gradient (with respect to the kernel only; inputs are data) is the transpose: dy's row of
 * each non-zero, scaled, summed into the kernel row of its column. Both sums are scatterND, as in
 * embeddingLookup.ts, rather than tf.unsortedSegmentSum, which the wasm backend does not implement
 * and the cpu backend runs as one pass per segment.
 */
export function sparseMatMul(x: SparseInput, kernel: tf.Tensor2D): tf.Tensor2D {
  const units = kernel.shape[1];
  if (x.values.size === 0) return tf.zeros([x.rows, units]);
  const product = tf.customGrad((...inputs) => {
    const k = inputs[0] as tf.Tensor2D;
    const values = tf.expandDims(x.values, 1);
    const scaled = tf.mul(tf.gather(k, x.columns), values);
    return {
      value: tf.scatterND(tf.expandDims(x.rowOfValue, 1), scaled, [x.rows, units]),
      gradFunc: (dy: tf.Tensor) =>
        tf.scatterND(
          tf.expandDims(x.columns, 1),
          tf.mul(tf.gather(dy, x.rowOfValue), values),
          k.shape,
        ),
    };
  });
  return product(kernel) as tf.Tensor2D;
}
