/**
 * Parsers for one trimmed, non-missing CSV field: numbers (with thousands separators and an
 * optional decimal comma), ISO-like datetimes and boolean words. Schema inference runs them
 * once per distinct value, not per row.
 */

/** How a column writes its decimal point: "3.14" ('dot') or "3,14" ('comma', European files). */
export type DecimalMark = 'dot' | 'comma';

const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// Thousands grouped by "," or by a (narrow, no-break) space: "1,234,567", "1 234".
const DOT_NUMBER =
  /^[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
// Decimal comma, thousands grouped by "." or a space: "3,14", "1.234,5", "1 234,5".
const COMMA_NUMBER =
  /^[+-]?(?:(?:\d{1,3}(?:\.\d{3})+|\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,\d*)?|,\d+)(?:[eE][+-]?\d+)?$/;
const DOT_GROUPING = /[, \u00a0\u202f]/g;
const COMMA_GROUPING = /[. \u00a0\u202f]/g;

/** The number a field stands for, or NaN when it is not a number in this decimal mark. */
export function parseNumber(s: string, mark: DecimalMark): number {
  if (mark === 'dot') {
    if (PLAIN_NUMBER.test(s)) return Number(s);
    return DOT_NUMBER.test(s) ? Number(s.replace(DOT_GROUPING, '')) : NaN;
  }
  return COMMA_NUMBER.test(s) ? Number(s.replace(COMMA_GROUPING, '').replace(',', '.')) : NaN;
}

/**
 * True for numbers written with a leading zero ("007", "-02134"): codes, not quantities, which
 * schema inference keeps as strings. Called per row while reading: char codes, no regex.
 */
export function hasLeadingZero(s: string): boolean {
  return leadingZeroAt(s, 0, s.length);
}

/** hasLeadingZero for the field text[start, end), read in place. */
export function leadingZeroAt(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  const digit = first === 43 || first === 45 ? start + 1 : start;
  if (digit + 1 >= end) return false;
  const next = text.charCodeAt(digit + 1);
  return text.charCodeAt(digit) === 48 && next >= 48 && next <= 57;
}

// YYYY-MM-DD or YYYY/MM/DD, optionally followed by (T| )HH:MM[:SS[.fff]] and Z or +HH[:MM].
const DATETIME =
  /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Milliseconds since the Unix epoch for an ISO date or date-time or a "YYYY/MM/DD HH:MM" form,
 * NaN otherwise. A value without an offset is read as UTC, so results never depend on the
 * machine's time zone (Date.parse would read "2024-01-05T10:00" as local time).
 */
export function parseDatetime(s: string): number {
  const m = DATETIME.exec(s);
  if (!m) return NaN;
  const year = Number(m[1]);
  const month = Number(m[3]);
  const day = Number(m[4]);
  const hour = m[5] === undefined ? 0 : Number(m[5]);
  const minute = m[6] === undefined ? 0 : Number(m[6]);
  const second = m[7] === undefined ? 0 : Number(m[7]);
  const millis = m[8] === undefined ? 0 : Math.floor(Number(`0.${m[8]}`) * 1000);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return NaN;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // Day 31 of a 30-day month rolls over to the next month: reject it.
  if (date.getUTCDate() !== day) return NaN;
  date.setUTCHours(hour, minute, second, millis);
  return date.getTime() - offsetMinutes(m[9]) * 60_000;
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}

/** Word pairs read as booleans, compared lower-cased: [false word, true word]. */
export const BOOLEAN_WORDS: readonly (readonly [string, string])[] = [
  ['false', 'true'],
  ['no', 'yes'],
  ['f', 't'],
  ['n', 'y'],
];

/**
 * Maps each distinct value to 0 (false) or 1 (true) when the values form a boolean column,
 * else returns null. Words (true/false, yes/no, t/f, y/n, any case) qualify even when only one
 * of the pair occurs; "0"/"1" qualify only when both occur and nothing else does, so that a
 * count column that happens to hold only ones stays numeric.
 */
export function booleanMapping(distinct: readonly string[]): Uint8Array | null {
  // At most a few case variants of two words ("Yes", "yes", "YES", ...).
  if (distinct.length === 0 || distinct.length > 8) return null;
  const mapping = new Uint8Array(distinct.length);
  if (distinct.length === 2 && distinct.includes('0') && distinct.includes('1')) {
    distinct.forEach((value, i) => (mapping[i] = value === '1' ? 1 : 0));
    return mapping;
  }
  const lower = distinct.map((value) => value.toLowerCase());
  for (const [falseWord, trueWord] of BOOLEAN_WORDS) {
    if (lower.every((value) => value === falseWord || value === trueWord)) {
      lower.forEach((value, i) => (mapping[i] = value === trueWord ? 1 : 0));
      return mapping;
    }
  }
  return null;
}
