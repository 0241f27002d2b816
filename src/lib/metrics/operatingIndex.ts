/**
 * Index of the curve point that operates at `threshold` (predict positive when p >= threshold):
 * the last point, going by decreasing threshold, whose threshold is still >= `threshold`. Point 0
 * (threshold Infinity, or null after a JSON round trip: nothing predicted positive) is the
 * fallback. Curves are thinned, so this is the nearest kept point on the safe side.
 *
 * @param thresholds decreasing, as in RocCurve and PrecisionRecallCurve
 */
export function operatingIndex(thresholds: readonly (number | null)[], threshold: number): number {
  let index = 0;
  for (let j = 1; j < thresholds.length; j++) {
    if (!((thresholds[j] ?? -Infinity) >= threshold)) break;
    index = j;
  }
  return index;
}
