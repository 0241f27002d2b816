/** Em widths of the narrow characters of the chart font; every other character counts 0.62 em. */
const NARROW: Record<string, number> = { '.': 0.32, ',': 0.32, ' ': 0.32, '-': 0.4, '−': 0.6 };

/**
 * Estimated width in pixels of `text` drawn at `fontPx` (default 12.5, the 0.78rem tick font).
 * Charts lay labels out before anything renders (and exports need the layout fixed), so text is
 * estimated, erring wide: digits and most letters of the system sans fonts are under 0.62 em.
 */
export function estimateTextWidth(text: string, fontPx = 12.5): number {
  let ems = 0;
  for (const char of text) ems += NARROW[char] ?? 0.62;
  return ems * fontPx;
}
