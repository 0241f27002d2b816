import { GBDT_SETTINGS as GBDT } from '../../catalog/modelSettings.ts';
import { checkSetting } from '../../catalog/setting.ts';

/**
 * Hyper-parameters of the gradient-boosted trees. Defaults follow scikit-learn's
 * HistGradientBoosting where it has the same knob, so the two are comparable.
 */
export interface GbdtParams {
  /** Boosting rounds. A multi-class model adds one tree per class each round. Default 100. */
  trees: number;
  /** Edges from the root to the deepest leaf (scikit-learn's meaning): depth 6 allows 64 leaves. Default 6. */
  maxDepth: number;
  /**
   * Optional cap on leaves per tree. Growth stays depth-wise: within each depth the nodes with
   * the largest gains are split first, until the cap is reached. Default: no cap.
   */
  maxLeaves?: number;
  /** Shrinkage applied to every leaf value. Default 0.1. */
  learningRate: number;
  /**
   * Smallest hessian sum (sample-weighted) allowed in a child. Default 1e-3, scikit-learn's
   * min_hessian_to_split: it only rules out degenerate children (e.g. all probabilities at 0 or 1).
   */
  minChildWeight: number;
  /** Smallest number of training rows in a leaf. Default 20, as scikit-learn's min_samples_leaf. */
  minSamplesLeaf: number;
  /** L2 penalty on leaf values: value = -G / (H + l2). Default 0. */
  l2: number;
  /** Fraction of rows drawn (Bernoulli, seeded) for each round's trees. Default 1. */
  rowSubsample: number;
  /** Fraction of features drawn (seeded) for each round's trees. Default 1. */
  colSubsample: number;
  /** Bins per feature for non-missing values, 2..255; missing values get one more bin. Default 255. */
  maxBins: number;
  /**
   * Stop when the loss on options.validation has not improved for this many rounds, and keep
   * the rounds up to the best one. Ignored without a validation set. Default: off.
   */
  earlyStoppingRounds?: number;
}

export const GBDT_DEFAULTS: GbdtParams = {
  trees: GBDT.trees.default,
  maxDepth: GBDT.maxDepth.default,
  learningRate: GBDT.learningRate.default,
  minChildWeight: GBDT.minChildWeight.default,
  minSamplesLeaf: GBDT.minSamplesLeaf.default,
  l2: GBDT.l2.default,
  rowSubsample: GBDT.rowSubsample.default,
  colSubsample: GBDT.colSubsample.default,
  maxBins: GBDT.maxBins.default,
};

/**
 * Fills in defaults (for absent or undefined fields) and rejects values the trainer cannot honour:
 * the settings catalog's ranges, the same the config schema accepts.
 */
export function resolveGbdtParams(params: Partial<GbdtParams>): GbdtParams {
  const p: GbdtParams = { ...GBDT_DEFAULTS };
  // A key present with the value undefined (an optional config field) keeps the default.
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) Object.assign(p, { [key]: value });
  }
  for (const [key, setting] of Object.entries(GBDT)) {
    const value = p[key as keyof GbdtParams];
    if (value !== undefined) checkSetting(setting, value);
  }
  return p;
}
