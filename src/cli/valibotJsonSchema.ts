/**
 * Converts a valibot schema to JSON Schema (draft 2020-12) by walking its plain-object form, for
 * the constructs the experiment config uses. Anything else throws, so a new construct in the
 * config cannot silently produce a wrong schema. The output mirrors what valibot accepts: a
 * `strictObject` refuses unknown keys (`additionalProperties: false`), an `object` allows them
 * (valibot strips them), and tuples allow extra items.
 */

/** A JSON Schema node. */
export type JsonSchema = { [keyword: string]: unknown };

/** The parts of a valibot schema or pipe action that the conversion reads. */
interface ValibotNode {
  kind: string;
  type: string;
  pipe?: readonly ValibotNode[];
  entries?: Readonly<Record<string, ValibotNode>>;
  options?: readonly unknown[];
  wrapped?: ValibotNode;
  default?: unknown;
  literal?: unknown;
  key?: ValibotNode | string;
  value?: ValibotNode;
  item?: ValibotNode;
  items?: readonly ValibotNode[];
  requirement?: unknown;
  description?: string;
}

/** The JSON Schema of a valibot schema (without `$schema`; the caller adds the envelope). */
export function toJsonSchema(schema: unknown): JsonSchema {
  return convert(schema as ValibotNode);
}

function convert(node: ValibotNode): JsonSchema {
  const json = convertType(node);
  // pipe[0] is the schema itself; the rest are validations and metadata, in order.
  for (const action of node.pipe?.slice(1) ?? []) applyAction(json, action, node.type);
  return json;
}

function convertType(node: ValibotNode): JsonSchema {
  switch (node.type) {
    case 'string':
    case 'number':
    case 'boolean':
      return { type: node.type };
    case 'literal':
      return { const: node.literal };
    case 'picklist': {
      const options = node.options ?? [];
      const type = options.every((o) => typeof o === 'string') ? { type: 'string' } : {};
      return { ...type, enum: [...options] };
    }
    case 'union':
      return { anyOf: schemaOptions(node).map(convert) };
    case 'variant':
      // Each option has a different literal in the key, so exactly one can match.
      return { oneOf: schemaOptions(node).map(convert) };
    case 'object':
      return convertObject(node);
    case 'strict_object':
      return { ...convertObject(node), additionalProperties: false };
    case 'unknown':
      return {};
    case 'record': {
      const key = node.key as ValibotNode;
      const names = key.type === 'string' && !key.pipe ? {} : { propertyNames: convert(key) };
      return { type: 'object', ...names, additionalProperties: convert(node.value!) };
    }
    case 'array':
      return { type: 'array', items: convert(node.item!) };
    case 'tuple': {
      const items = node.items ?? [];
      return { type: 'array', prefixItems: items.map(convert), minItems: items.length };
    }
    default:
      throw new Error(`valibot "${node.type}" schemas are not supported by toJsonSchema`);
  }
}

function convertObject(node: ValibotNode): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, entry] of Object.entries(node.entries ?? {})) {
    if (entry.type === 'optional') {
      properties[name] = withDefault(convert(entry.wrapped!), entry);
    } else {
      properties[name] = convert(entry);
      required.push(name);
    }
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

function withDefault(json: JsonSchema, optional: ValibotNode): JsonSchema {
  if (optional.default === undefined) return json;
  if (typeof optional.default === 'function') {
    throw new Error('valibot defaults computed by a function are not supported by toJsonSchema');
  }
  return { ...json, default: optional.default };
}

function schemaOptions(node: ValibotNode): ValibotNode[] {
  return (node.options ?? []) as ValibotNode[];
}

/** Adds one pipe action's keyword; `baseType` tells a string's length from an array's. */
function applyAction(json: JsonSchema, action: ValibotNode, baseType: string): void {
  const requirement = action.requirement;
  const lengthOf = baseType === 'array' ? 'Items' : 'Length';
  switch (action.type) {
    case 'integer':
      json.type = 'integer';
      return;
    case 'min_value':
      json.minimum = requirement;
      return;
    case 'max_value':
      json.maximum = requirement;
      return;
    case 'gt_value':
      json.exclusiveMinimum = requirement;
      return;
    case 'lt_value':
      json.exclusiveMaximum = requirement;
      return;
    case 'min_length':
      json[`min${lengthOf}`] = requirement;
      return;
    case 'max_length':
      json[`max${lengthOf}`] = requirement;
      return;
    case 'regex': {
      const regex = requirement as RegExp;
      // JSON Schema patterns have no flags: a flagged regex would change meaning.
      if (regex.flags !== '') throw new Error(`regex flags are not supported: ${String(regex)}`);
      json.pattern = regex.source;
      return;
    }
    case 'description':
      json.description = action.description;
      return;
    default:
      throw new Error(`valibot "${action.type}" actions are not supported by toJsonSchema`);
  }
}
