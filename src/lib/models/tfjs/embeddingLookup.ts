import * as tf from '../../tfjsCore.ts';

/**
 * The rows of `table` ([vocab, dim]) for `ids` ([n], int32 in [0, vocab)), as [n, dim].
 * The gradient is one scatterND, which sums the rows of repeated ids. Why not tf.gather's own
 * gradient: it runs UnsortedSegmentSum, which the cpu backend executes as one pass per table
 * row (seconds per epoch at a few hundred ids) and the wasm backend does not implement.
 */
export function embeddingLookup(table: tf.Tensor2D, ids: tf.Tensor1D): tf.Tensor2D {
  const lookup = tf.customGrad((...inputs) => {
    const t = inputs[0] as tf.Tensor2D;
    return {
      value: tf.gather(t, ids),
      gradFunc: (dy: tf.Tensor) => tf.scatterND(tf.expandDims(ids, 1), dy, t.shape),
    };
  });
  return lookup(table) as tf.Tensor2D;
}
