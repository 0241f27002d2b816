/** One legend entry: a line swatch (dashed or solid) or, with `symbol`, a marker shape. */
export interface LegendItem {
  label: string;
  /** A CSS colour, e.g. var(--series-1). */
  color: string;
  dashed?: boolean;
  /** An SVG path centred on (0, 0), e.g. from d3-shape's symbol(). */
  symbol?: string;
}

/** Where each legend entry goes when entries flow left to right and wrap at the chart's width. */
export interface LegendLayout {
  /** Top-left corner of each entry, in pixels from the legend's origin. */
  positions: { x: number; y: number }[];
  /** Each entry's text: its label, or the label cut with "…" where it alone is wider than the chart. */
  texts: string[];
  /** Total height in pixels (0 for no entries). */
  height: number;
}

/** Pixels per character of a legend label: a generous average for the 0.82rem chart font. */
const CHAR_WIDTH = 7.5;
/** The swatch or symbol and the space after it. */
const SWATCH_WIDTH = 22;
const GAP = 16;
export const LEGEND_ROW_HEIGHT = 20;

/**
 * Lays legend entries out in rows no wider than `width` pixels. Text is not measured (the layout
 * is computed before anything renders, and exported charts need it fixed), so widths are estimated
 * from the label's length.
 */
export function layoutLegend(labels: readonly string[], width: number): LegendLayout {
  const positions: { x: number; y: number }[] = [];
  // Why: an entry wider than the whole chart ran past the SVG's edge, cut mid-word ("w=0.05 logis").
  const maxChars = Math.max(4, Math.floor((width - SWATCH_WIDTH) / CHAR_WIDTH));
  const texts = labels.map((label) =>
    label.length <= maxChars ? label : `${label.slice(0, maxChars - 1).trimEnd()}…`,
  );
  let x = 0;
  let y = 0;
  for (const text of texts) {
    const entryWidth = SWATCH_WIDTH + text.length * CHAR_WIDTH;
    if (x > 0 && x + entryWidth > width) {
      x = 0;
      y += LEGEND_ROW_HEIGHT;
    }
    positions.push({ x, y });
    x += entryWidth + GAP;
  }
  return { positions, texts, height: labels.length === 0 ? 0 : y + LEGEND_ROW_HEIGHT };
}
