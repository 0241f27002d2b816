/**
 * A small JSON Schema (draft 2020-12) validator for the keywords the config schema uses, written
 * independently of the converter so the two can be checked against each other and against
 * valibot. An unknown keyword throws: the checker never ignores part of a schema.
 */
type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', 'title', 'description', 'default']);

/** The JSON-pointer-like paths where `value` breaks `schema`; empty when it is valid. */
export function schemaErrors(schema: Schema, value: unknown, path = ''): string[] {
  const errors: string[] = [];
  const fail = (why: string) => errors.push(`${path || '/'}: ${why}`);
  for (const [keyword, rule] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    switch (keyword) {
      case 'type':
        if (!hasType(value, rule as string)) fail(`not ${String(rule)}`);
        break;
      case 'const':
        if (value !== rule) fail(`not ${JSON.stringify(rule)}`);
        break;
      case 'enum':
        if (!(rule as unknown[]).includes(value)) fail('not in enum');
        break;
      case 'anyOf':
      case 'oneOf': {
        const matches = (rule as Schema[]).filter((s) => schemaErrors(s, value).length === 0);
        if (keyword === 'anyOf' ? matches.length === 0 : matches.length !== 1)
          fail(`${matches.length} of ${keyword} match`);
        break;
      }
      case 'properties':
        if (isObject(value))
          for (const [name, sub] of Object.entries(rule as Record<string, Schema>))
            if (name in value) errors.push(...schemaErrors(sub, value[name], `${path}/${name}`));
        break;
      case 'required':
        if (isObject(value))
          for (const name of rule as string[]) if (!(name in value)) fail(`missing ${name}`);
        break;
      case 'additionalProperties':
        if (isObject(value))
          for (const [name, item] of Object.entries(value))
            errors.push(...schemaErrors(rule as Schema, item, `${path}/${name}`));
        break;
      case 'items':
        if (Array.isArray(value))
          value.forEach((item, i) =>
            errors.push(...schemaErrors(rule as Schema, item, `${path}/${i}`)),
          );
        break;
      case 'prefixItems':
        if (Array.isArray(value))
          (rule as Schema[]).forEach((sub, i) => {
            if (i < value.length) errors.push(...schemaErrors(sub, value[i], `${path}/${i}`));
          });
        break;
      case 'minItems':
      case 'maxItems':
        if (Array.isArray(value) && !withinBound(keyword, value.length, rule as number))
          fail(`${keyword} ${String(rule)}`);
        break;
      case 'minLength':
        if (typeof value === 'string' && value.length < (rule as number)) fail('too short');
        break;
      case 'pattern':
        if (typeof value === 'string' && !new RegExp(rule as string, 'u').test(value))
          fail('pattern');
        break;
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        if (typeof value === 'number' && !withinBound(keyword, value, rule as number))
          fail(`${keyword} ${String(rule)}`);
        break;
      default:
        throw new Error(`schemaErrors does not know the keyword "${keyword}"`);
    }
  }
  return errors;
}

function withinBound(keyword: string, value: number, bound: number): boolean {
  if (keyword === 'minimum' || keyword === 'minItems') return value >= bound;
  if (keyword === 'maximum' || keyword === 'maxItems') return value <= bound;
  return keyword === 'exclusiveMinimum' ? value > bound : value < bound;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    default:
      return typeof value === type;
  }
}
