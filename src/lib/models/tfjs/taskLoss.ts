import * as tf from '../../tfjsCore.ts';
import type { Task } from '../model.ts';

/**
 * Regression targets are standardised for training (so the default learning rate suits any
 * unit) and predictions mapped back: value = mean + std * output. Identity for classification.
 */
export interface TargetScale {
  mean: number;
  std: number;
}

export const IDENTITY_SCALE: TargetScale = { mean: 0, std: 1 };

/**
 * Sum over rows of weight * loss, a scalar. logits: [rows, outputs]; targets: [rows] (0/1,
 * class index, or standardised value); weights: [rows]. Losses per row: log loss from the
 * logit (binary), cross-entropy of the softmax (multi-class), half squared error (regression,
 * as the logistic model reports it).
 */
export function weightedLossSum(
  logits: tf.Tensor2D,
  targets: tf.Tensor1D,
  weights: tf.Tensor1D,
  task: Task,
): tf.Scalar {
  return tf.sum(tf.mul(rowLosses(logits, targets, task), weights));
}

function rowLosses(logits: tf.Tensor2D, targets: tf.Tensor1D, task: Task): tf.Tensor1D {
  if (task === 'multiclass') {
    const oneHot = tf.oneHot(tf.cast(targets, 'int32'), logits.shape[1]);
    return tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1)) as tf.Tensor1D;
  }
  const z = tf.reshape(logits, [-1]) as tf.Tensor1D;
  if (task === 'binary') {
    // log(1 + e^z) - y z without overflow: max(z, 0) - y z + log(1 + e^-|z|).
    return tf.add(tf.sub(tf.relu(z), tf.mul(z, targets)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
  }
  return tf.mul(tf.square(tf.sub(z, targets)), 0.5);
}

/** Model outputs from logits: P(y = 1), class probabilities, or the value in target units. */
export function outputsFromLogits(
  logits: tf.Tensor2D,
  task: Task,
  scale: TargetScale,
): tf.Tensor2D {
  if (task === 'binary') return tf.sigmoid(logits);
  if (task === 'multiclass') return tf.softmax(logits);
  return tf.add(tf.mul(logits, scale.std), scale.mean);
}
