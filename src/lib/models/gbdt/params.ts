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
  trees: 100,
  maxDepth: 6,
  learningRate: 0.1,
  minChildWeight: 1e-3,
  minSamplesLeaf: 20,
  l2: 0,
  rowSubsample: 1,
  colSubsample: 1,
  maxBins: 255,
};

/** Fills in defaults (for absent or undefined fields) and rejects values the trainer cannot honour. */
export function resolveGbdtParams(params: Partial<GbdtParams>): GbdtParams {
  const p: GbdtParams = { ...GBDT_DEFAULTS };
  // A key present with the value undefined (an optional config field) keeps the default.
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) Object.assign(p, { [key]: value });
  }
  requireInteger('trees', p.trees, 1);
  requireInteger('maxDepth', p.maxDepth, 1);
  if (p.maxLeaves !== undefined) requireInteger('maxLeaves', p.maxLeaves, 2);
  requireInteger('minSamplesLeaf', p.minSamplesLeaf, 1);
  requireInteger('maxBins', p.maxBins, 2);
  if (p.maxBins > 255) throw new RangeError('gbdt: maxBins must be at most 255');
  if (p.earlyStoppingRounds !== undefined)
    requireInteger('earlyStoppingRounds', p.earlyStoppingRounds, 1);
  if (!(p.learningRate > 0)) throw new RangeError('gbdt: learningRate must be > 0');
  if (!(p.minChildWeight >= 0)) throw new RangeError('gbdt: minChildWeight must be >= 0');
  if (!(p.l2 >= 0)) throw new RangeError('gbdt: l2 must be >= 0');
  for (const [name, v] of [
    ['rowSubsample', p.rowSubsample],
    ['colSubsample', p.colSubsample],
  ] as const) {
    if (!(v > 0 && v <= 1)) throw new RangeError(`gbdt: ${name} must be in (0, 1]`);
  }
  return p;
}

function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min)
    throw new RangeError(`gbdt: ${name} must be an integer >= ${min}, got ${value}`);
}
