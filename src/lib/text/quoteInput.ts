/** The most characters of a user's input that a message quotes; longer values are cut. */
export const MAX_QUOTED_CHARS = 80;

// C0 and C1 control characters, DEL, and the line and paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * A value from a file or a link as a message may quote it: in double quotes, cut to `max`
 * characters (then "…" and the full length), control characters escaped as \n, \t or \u001b,
 * so a hostile file can neither inject terminal escape sequences nor fill an alert.
 */
export function quoteInput(value: string, max = MAX_QUOTED_CHARS): string {
  const cut = value.length > max;
  const shown = escapeControlCharacters(cut ? value.slice(0, max) : value);
  const escaped = shown.replace(/"/g, '\\"');
  return cut
    ? `"${escaped}…" (${value.length.toLocaleString('en-US')} characters)`
    : `"${escaped}"`;
}

/** `text` with control characters written as escapes (\n, \t, \u001b): safe on a terminal. */
export function escapeControlCharacters(text: string): string {
  return text.replace(CONTROL, escapeControl);
}

function escapeControl(char: string): string {
  if (char === '\n') return '\\n';
  if (char === '\r') return '\\r';
  if (char === '\t') return '\\t';
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
