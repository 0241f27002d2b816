/**
 * The plain decimal number of a CSV field, read from char codes without slicing a string:
 * the hot path of numeric columns while importing (docs/design.md, "CSV import").
 */

/** Exact powers of ten: every 10^k up to 10^22 is a double without rounding. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
/** At most this many digits make a mantissa below 2^53, so it is held exactly. */
const EXACT_DIGITS = 15;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const LOWER_E = 101;
const UPPER_E = 69;

/**
 * text[start, end) as a number when it is written as `[+-]?(digits[.digits]|.digits)` with an
 * optional `e`/`E` exponent (no spaces, no thousands separators, no "Infinity" or hex), exactly
 * as Number() reads it (-0 included); NaN for anything else.
 *
 * Up to 15 digits and a decimal exponent within ±22, mantissa and power of ten are both exact
 * doubles, so one multiplication or division rounds correctly (Clinger's fast path, 1990);
 * longer or larger numbers, once checked, go to Number() itself.
 */
export function parsePlainNumber(text: string, start: number, end: number): number {
  let i = start;
  let c = text.charCodeAt(i);
  const negative = c === MINUS;
  if (negative || c === PLUS) c = text.charCodeAt(++i);
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  for (; i < end && c >= ZERO && c <= NINE; c = text.charCodeAt(++i)) {
    mantissa = mantissa * 10 + (c - ZERO);
    digits++;
  }
  if (i < end && c === DOT) {
    for (c = text.charCodeAt(++i); i < end && c >= ZERO && c <= NINE; c = text.charCodeAt(++i)) {
      mantissa = mantissa * 10 + (c - ZERO);
      digits++;
      scale--;
    }
  }
  if (digits === 0) return NaN;
  if (i < end && (c === LOWER_E || c === UPPER_E)) {
    c = text.charCodeAt(++i);
    const negativeExponent = c === MINUS;
    if (negativeExponent || c === PLUS) c = text.charCodeAt(++i);
    let exponent = 0;
    let exponentDigits = 0;
    for (; i < end && c >= ZERO && c <= NINE; c = text.charCodeAt(++i)) {
      // Capped: the sum below stays far from the fast path, and finite.
      if (exponent < 1e6) exponent = exponent * 10 + (c - ZERO);
      exponentDigits++;
    }
    if (exponentDigits === 0) return NaN;
    scale += negativeExponent ? -exponent : exponent;
  }
  if (i !== end) return NaN;
  if (digits > EXACT_DIGITS || scale > 22 || scale < -22) return Number(text.slice(start, end));
  const magnitude =
    scale >= 0 ? mantissa * (POW10[scale] as number) : mantissa / (POW10[-scale] as number);
  return negative ? -magnitude : magnitude;
}
