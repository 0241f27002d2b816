/**
 * Our gradient-boosted trees as an XGBoost JSON model (the format of XGBoost's doc/model.schema,
 * as XGBoost 1.7 writes it), so `xgboost.Booster().load_model("MODEL.json")` predicts what our
 * model predicts on the same transformed features (float32 features, NaN = missing).
 */
import { loadGbdt } from '../models/gbdt/gbdtModel.ts';
import type { GbdtState } from '../models/gbdt/gbdtModel.ts';
import type { SerializedModel } from '../models/model.ts';
import { decodeFloat64, decodeInt32, decodeUint8 } from '../models/gbdt/typedArrayCodec.ts';

/** XGBoost refuses feature names containing "[", "]" or "<"; ">" is replaced to keep pairs readable. */
const UNSAFE_NAME = /[[\]<>]/g;

/**
 * A feature name XGBoost accepts: "[" and "<" become "(", "]" and ">" become ")" ("origin=<other>"
 * is "origin=(other)"). The exported Python job names its columns the same way.
 */
export function xgboostFeatureName(name: string): string {
  return name.replace(UNSAFE_NAME, (c) => (c === ']' || c === '>' ? ')' : '('));
}

/**
 * The XGBoost split value c with `x < c` (XGBoost's rule, in float32) exactly when `x <= t` (ours,
 * a float64 threshold) for every float32 x: the float32 just above the largest float32 <= t.
 * Infinity (every value left) becomes the largest float32.
 */
export function xgboostSplitValue(t: number): number {
  if (t === Infinity || t >= FLOAT32_MAX) return FLOAT32_MAX;
  const f = Math.fround(t);
  const below = f > t ? nextFloat32(f, -1) : f;
  return nextFloat32(below, +1);
}

const FLOAT32_MAX = 3.4028234663852886e38;

/** The neighbouring float32 of a float32 value, up (+1) or down (-1). */
function nextFloat32(f: number, direction: 1 | -1): number {
  const buffer = new DataView(new ArrayBuffer(4));
  if (f === 0) return direction > 0 ? 1.401298464324817e-45 : -1.401298464324817e-45;
  buffer.setFloat32(0, f);
  const bits = buffer.getInt32(0);
  // For a positive float the bit pattern grows with the value; for a negative one it shrinks.
  buffer.setInt32(0, bits + (f > 0 ? direction : -direction));
  return buffer.getFloat32(0);
}

/** Node-level arrays of one XGBoost tree. */
interface XgbTree {
  base_weights: number[];
  categories: number[];
  categories_nodes: number[];
  categories_segments: number[];
  categories_sizes: number[];
  default_left: number[];
  id: number;
  left_children: number[];
  loss_changes: number[];
  parents: number[];
  right_children: number[];
  split_conditions: number[];
  split_indices: number[];
  split_type: number[];
  sum_hessian: number[];
  tree_param: {
    num_deleted: string;
    num_feature: string;
    num_nodes: string;
    size_leaf_vector: string;
  };
}

/** XGBoost's "no parent" marker of a root node. */
const NO_PARENT = 2147483647;

/**
 * The model as XGBoost JSON text: objective `binary:logistic`, `reg:squarederror` or
 * `multi:softprob` by task, one XGBoost tree per tree (round-major; tree_info is the class).
 * XGBoost has one scalar base score, so our prior (per class for softmax) is added to every leaf
 * of the first round's trees and base_score is the neutral one (margin 0). Gains and hessian sums,
 * which prediction does not read, are 0. Feature names pass through xgboostFeatureName.
 */
export function toXgboostJson(model: SerializedModel, featureNames: readonly string[]): string {
  if (model.family !== 'gbdt')
    throw new Error(`Only a gbdt model has an XGBoost form; this one is ${model.family}`);
  loadGbdt(model); // validates the state
  const s = model.state as GbdtState;
  const roots = decodeInt32(s.roots);
  const feature = decodeInt32(s.feature);
  const threshold = decodeFloat64(s.threshold);
  const left = decodeInt32(s.left);
  const right = decodeInt32(s.right);
  const missingLeft = decodeUint8(s.missingLeft);
  const value = decodeFloat64(s.value);
  const baseScores = decodeFloat64(s.baseScores);
  if (featureNames.length !== s.cols)
    throw new Error(`The model has ${s.cols} features but ${featureNames.length} names were given`);

  const trees: XgbTree[] = [];
  roots.forEach((root, t) => {
    const k = t % s.outputs;
    const prior = t < s.outputs ? baseScores[k]! : 0;
    // Breadth-first renumbering: the root is node 0, as XGBoost requires.
    const order = [root];
    const local = new Map<number, number>([[root, 0]]);
    const parents = [NO_PARENT];
    for (let i = 0; i < order.length; i++) {
      const node = order[i]!;
      if (feature[node]! < 0) continue;
      for (const child of [left[node]!, right[node]!]) {
        local.set(child, order.length);
        order.push(child);
        parents.push(i);
      }
    }
    const tree: XgbTree = {
      base_weights: [],
      categories: [],
      categories_nodes: [],
      categories_segments: [],
      categories_sizes: [],
      default_left: [],
      id: t,
      left_children: [],
      loss_changes: [],
      parents,
      right_children: [],
      split_conditions: [],
      split_indices: [],
      split_type: [],
      sum_hessian: [],
      tree_param: {
        num_deleted: '0',
        num_feature: String(s.cols),
        num_nodes: String(order.length),
        size_leaf_vector: '0',
      },
    };
    for (const node of order) {
      const isLeaf = feature[node]! < 0;
      const leafValue = Math.fround(value[node]! + prior);
      tree.base_weights.push(isLeaf ? leafValue : 0);
      tree.default_left.push(!isLeaf && missingLeft[node] === 1 ? 1 : 0);
      tree.left_children.push(isLeaf ? -1 : local.get(left[node]!)!);
      tree.right_children.push(isLeaf ? -1 : local.get(right[node]!)!);
      tree.loss_changes.push(0);
      tree.split_conditions.push(isLeaf ? leafValue : xgboostSplitValue(threshold[node]!));
      tree.split_indices.push(isLeaf ? 0 : feature[node]!);
      tree.split_type.push(0);
      tree.sum_hessian.push(0);
    }
    trees.push(tree);
  });

  const objective =
    model.task === 'binary'
      ? { name: 'binary:logistic', reg_loss_param: { scale_pos_weight: '1' } }
      : model.task === 'regression'
        ? { name: 'reg:squarederror', reg_loss_param: { scale_pos_weight: '1' } }
        : { name: 'multi:softprob', softmax_multiclass_param: { num_class: String(s.outputs) } };
  return serialize({
    learner: {
      attributes: {},
      feature_names: featureNames.map(xgboostFeatureName),
      feature_types: featureNames.map(() => 'float'),
      gradient_booster: {
        model: {
          gbtree_model_param: {
            num_parallel_tree: '1',
            num_trees: String(trees.length),
            size_leaf_vector: '0',
          },
          tree_info: trees.map((_, t) => t % s.outputs),
          trees,
        },
        name: 'gbtree',
      },
      learner_model_param: {
        // The margin is 0 for every objective: logit(0.5) for binary:logistic, 0 otherwise.
        base_score: model.task === 'binary' ? '5E-1' : '0E0',
        boost_from_average: '1',
        num_class: model.task === 'multiclass' ? String(s.outputs) : '0',
        num_feature: String(s.cols),
        num_target: '1',
      },
      objective,
    },
    version: [1, 7, 4],
  });
}

/** Node arrays XGBoost reads as JSON floats: an integral value must still be written as 1.0. */
const FLOAT_FIELDS = new Set(['base_weights', 'loss_changes', 'split_conditions', 'sum_hessian']);
const RAW = '\u0000';

/** JSON text in which FLOAT_FIELDS always carry a decimal point or exponent. */
function serialize(model: object): string {
  const text = JSON.stringify(model, (key, value: unknown) =>
    FLOAT_FIELDS.has(key) && Array.isArray(value)
      ? `${RAW}${(value as number[]).map(floatText).join(',')}`
      : value,
  );
  // JSON.stringify escapes the marker as the six characters \u0000.
  return text.replace(/"\\u0000([^"]*)"/g, '[$1]');
}

function floatText(v: number): string {
  const text = String(v);
  return /[.e]/.test(text) ? text : `${text}.0`;
}
