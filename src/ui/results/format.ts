/** Number formats shared by the result views; sizes, shares and durations come from the lib's. */
import type { FigureFormat } from '../../lib/serving/capacityFigures.ts';
import { formatBytes, formatMs } from '../../lib/text/format.ts';

export { formatBytes, formatMs, formatPercent } from '../../lib/text/format.ts';

export function formatMetric(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toFixed(digits);
}

// Made once: constructing an Intl.NumberFormat costs about a millisecond, and a dashboard or the
// column table formats hundreds of numbers.
const COUNT = new Intl.NumberFormat('en');
const WHOLE_AMOUNT = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return COUNT.format(Math.round(n));
}

/** An amount in the user's own currency (prices are examples): no symbol, cents below 1,000. */
export function formatMoney(amount: number): string {
  if (amount >= 1000) return WHOLE_AMOUNT.format(amount);
  if (amount >= 0.01) return amount.toFixed(2);
  if (amount === 0) return '0';
  return amount.toPrecision(2);
}

/** Seconds as s, min or h. */
export function formatSeconds(seconds: number): string {
  if (seconds >= 3600) return `${(seconds / 3600).toFixed(1)} h`;
  if (seconds >= 60) return `${(seconds / 60).toFixed(1)} min`;
  return `${seconds.toFixed(seconds >= 10 ? 0 : 1)} s`;
}

/** A capacity figure (src/lib/serving/capacityFigures.ts) by its format kind; null as a dash. */
export function formatFigure(kind: FigureFormat, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (kind) {
    case 'count':
      return formatCount(value);
    case 'ms':
      return formatMs(value);
    case 'bytes':
      return formatBytes(value);
    case 'money':
      return formatMoney(value);
    case 'seconds':
      return formatSeconds(value);
  }
}
