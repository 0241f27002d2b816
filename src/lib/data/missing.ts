/**
 * Tokens read as a missing value, compared after trimming surrounding whitespace.
 * Case matters on purpose: "None" and "none" are listed, "NONE" is a value.
 */
export const MISSING_TOKENS: ReadonlySet<string> = new Set([
  '',
  'NA',
  'N/A',
  'n/a',
  'null',
  'NULL',
  'NaN',
  'nan',
  '?',
  '-',
  '--',
  'none',
  'None',
]);

/** True when the (already trimmed) field is one of MISSING_TOKENS. */
export function isMissingToken(trimmed: string): boolean {
  return MISSING_TOKENS.has(trimmed);
}
