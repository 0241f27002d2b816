/**
 * Per-row sample weights from class weights, for losses that take sample weights.
 * Classes are the integer label values (0/1 for binary, 0..C-1 for multi-class).
 */

/**
 * 'none': every weight 1. 'balanced': class c weighs n / (C * n_c) over the C classes present, as
 * scikit-learn's compute_class_weight('balanced'). An array: the weight of class index c.
 */
export type ClassWeightMode = 'none' | 'balanced' | readonly number[];

/**
 * Sample weights aligned with `rows` when given (then `y` is indexed by table row), else with `y`.
 */
export function classWeights(
  y: ArrayLike<number>,
  mode: ClassWeightMode,
  rows?: Int32Array,
): Float32Array {
  const n = rows?.length ?? y.length;
  const label = (i: number): number => Math.round(y[rows === undefined ? i : rows[i]!]!);
  const weights = new Float32Array(n);
  if (mode === 'none') return weights.fill(1);
  let perClass: readonly number[] = mode === 'balanced' ? [] : mode;
  if (mode === 'balanced') {
    const counts: number[] = [];
    for (let i = 0; i < n; i++) {
      const c = label(i);
      counts[c] = (counts[c] ?? 0) + 1;
    }
    const present = counts.filter((c) => c !== undefined && c > 0).length;
    perClass = Array.from(counts, (c) => (c ? n / (present * c) : 0));
  }
  for (let i = 0; i < n; i++) {
    const c = label(i);
    const weight = perClass[c];
    if (weight === undefined) throw new RangeError(`No class weight for class ${c}`);
    weights[i] = weight;
  }
  return weights;
}
