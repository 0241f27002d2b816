/**
 * JSON-like values as Python source literals (None, True, False, str with JSON escapes, which
 * Python reads the same), on one line when short, else one element per line.
 */
export function pyLiteral(value: unknown, indent = ''): string {
  const flat = flatLiteral(value);
  if (flat.length + indent.length <= 96 || value === null || typeof value !== 'object') return flat;
  const inner = `${indent}    `;
  if (Array.isArray(value))
    return `[\n${value.map((v) => `${inner}${pyLiteral(v, inner)},`).join('\n')}\n${indent}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, v]) => v !== undefined,
  );
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pyLiteral(v, inner)},`).join('\n')}\n${indent}}`;
}

function flatLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`No Python literal for ${value}`);
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(flatLiteral).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, v]) => v !== undefined,
  );
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${flatLiteral(v)}`).join(', ')}}`;
}
