/**
 * The candidate nearest to `name` for a "did you mean" hint: the fewest single-character edits
 * (Levenshtein) after ignoring case, `_` and `-`, so `max_depth` finds `maxDepth`. Ties go to the
 * earlier candidate; undefined when there are none.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  // A hostile 2 MB key must not cost seconds: no config key is anywhere near this long.
  const target = normalise(name.slice(0, 100));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(target, normalise(candidate));
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '');
}

/** Levenshtein distance with one row of memory. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      const substitute = diagonal + (a[i - 1] === b[j - 1] ? 0 : 1);
      row[j] = Math.min(above + 1, row[j - 1]! + 1, substitute);
      diagonal = above;
    }
  }
  return row[b.length]!;
}
