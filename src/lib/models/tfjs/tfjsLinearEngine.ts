import * as tf from '../../tfjsCore.ts';
import { denseFeatures } from '../../features/featureMatrix.ts';
import type { LinearEngine, LinearProblem } from '../linearObjective.ts';
import { weightedLossSum } from './taskLoss.ts';

/**
 * The linear model's loss and gradient as tfjs matrix products on the active backend (which pays
 * off for wide inputs on a GPU), read back once per evaluation; the penalty is added in float64
 * here, as the typed-array engine does. The same L-BFGS drives both engines.
 */
export function tfjsLinearEngine(): LinearEngine {
  return {
    name: `tfjs (${tf.getBackend()})`,
    objective({ train, task, outputs: k, l2 }: LinearProblem) {
      const { rows, cols } = train.features;
      const x = denseFeatures(train.features);
      const nw = cols * k;
      const weights = train.weights ?? new Float32Array(rows).fill(1);
      let weightSum = 0;
      for (const w of weights) weightSum += w;
      const X = tf.tensor2d(x, [rows, cols]);
      const Y = tf.tensor1d(train.y);
      // Weights divided by their sum: the weighted loss sum is then the weighted mean loss.
      const meanWeights = tf.tensor1d(weights.map((w) => (weightSum > 0 ? w / weightSum : 0)));
      const valueAndGrads = tf.valueAndGrads((w: tf.Tensor, b: tf.Tensor) =>
        weightedLossSum(tf.add(tf.matMul(X, w as tf.Tensor2D), b), Y, meanWeights, task),
      );
      return {
        async evaluate(at, gradient) {
          const packed = tf.tidy(() => {
            const w = tf.tensor2d(Float32Array.from(at.subarray(0, nw)), [cols, k]);
            const b = tf.tensor1d(Float32Array.from(at.subarray(nw)));
            const { value, grads } = valueAndGrads([w, b]);
            return tf.concat([tf.reshape(value, [1]), tf.reshape(grads[0]!, [-1]), grads[1]!]);
          });
          const data = await packed.data();
          packed.dispose();
          let penalty = 0;
          for (let i = 0; i < nw; i++) {
            gradient[i] = data[1 + i]! + l2 * at[i]!;
            penalty += at[i]! * at[i]!;
          }
          for (let c = 0; c < k; c++) gradient[nw + c] = data[1 + nw + c]!;
          return data[0]! + 0.5 * l2 * penalty;
        },
        dispose() {
          tf.dispose([X, Y, meanWeights]);
        },
      };
    },
  };
}
