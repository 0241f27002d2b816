/**
 * Number formats for messages and views, written once: the worker's messages (src/lib) and the
 * UI (src/ui/results/format.ts re-exports these) read the same sizes, shares and durations.
 */

const BYTE_UNITS = ['KiB', 'MiB', 'GiB'];

/**
 * A size in binary units: "100 B", "11.6 KiB", "198 MiB" (powers of 1024; one decimal below 100
 * of a unit, none above).
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 100 ? 1 : 0)} ${BYTE_UNITS[unit]}`;
}

/**
 * A share in [0, 1] as a percentage with `digits` decimals (default 1): 0.1234 is "12.3%".
 * null or a non-finite share is a dash.
 */
export function formatPercent(share: number | null, digits = 1): string {
  if (share === null || !Number.isFinite(share)) return '—';
  return `${(share * 100).toFixed(digits)}%`;
}

/** Milliseconds as "120 ms", "1.25 ms" or "50 µs". */
export function formatMs(ms: number): string {
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${(ms * 1000).toFixed(ms * 1000 >= 10 ? 0 : 1)} µs`;
}
