/** Number formats shared by the result views. */
import type { FigureFormat } from '../../lib/serving/capacityFigures.ts';

export function formatMetric(value: number | null | undefined, digits = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toFixed(digits);
}

export function formatMs(ms: number): string {
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1000).toFixed(ms * 1000 >= 10 ? 0 : 1)} µs`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
  if (bytes >= 1 << 10) return `${(bytes / (1 << 10)).toFixed(1)} KiB`;
  return `${bytes} B`;
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
