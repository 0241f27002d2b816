import * as v from 'valibot';
import {
  ConfigError,
  ExperimentConfigSchema,
  parseConfig,
  type ExperimentConfig,
} from './config.ts';
import { readConfigPath, withConfigPath } from './configPath.ts';

/**
 * A sweep: one config field (the knob) set to each of a list of values, each point run with k
 * seeds (docs/design.md "Sweeps and uncertainty"). Kept with the runs, shared by link and run by
 * the CLI.
 */
export interface Sweep {
  base: ExperimentConfig;
  vary: { path: string; values: SweepValue[] };
  /** Seeds per point; run j uses base.seed + j. */
  seeds: number;
  /** Every point's full config, validated: configs[i] has vary.values[i] at vary.path. */
  configs: ExperimentConfig[];
}

/** A knob value: a number, a choice, a switch or a list of layer widths. */
export type SweepValue = number | string | boolean | number[];

/** Default seeds per point. */
export const DEFAULT_SWEEP_SEEDS = 3;
/** Bounds that keep one sweep a classroom-sized job. */
export const MAX_SWEEP_VALUES = 50;
export const MAX_SWEEP_SEEDS = 20;

const SweepSchema = v.object({
  base: v.unknown(),
  vary: v.object({
    path: v.pipe(v.string(), v.minLength(1)),
    values: v.pipe(
      v.array(v.union([v.number(), v.string(), v.boolean(), v.array(v.number())])),
      v.minLength(1, 'give at least one value'),
      v.maxLength(MAX_SWEEP_VALUES, `at most ${MAX_SWEEP_VALUES} values`),
    ),
  }),
  seeds: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_SWEEP_SEEDS)),
    DEFAULT_SWEEP_SEEDS,
  ),
});

/**
 * Validates a sweep before anything trains: the base config, the path (a known config field that
 * holds a number, a choice, a switch or layer widths; not the seed, which the sweep sets) and every
 * value, each written into the base and run through the config schema.
 * @throws ConfigError naming the field: `Invalid sweep at vary.values[2]: ...`
 */
export function parseSweep(input: unknown): Sweep {
  const result = v.safeParse(SweepSchema, input);
  if (!result.success) {
    const issue = result.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join('.') ?? '(root)';
    throw new ConfigError(`Invalid sweep at ${path}: ${issue.message}`);
  }
  const { vary, seeds } = result.output;
  const where = (what: string, error: unknown) =>
    new ConfigError(`Invalid sweep at ${what}: ${(error as Error).message}`);
  let base: ExperimentConfig;
  try {
    base = parseConfig(result.output.base);
  } catch (error) {
    throw where('base', error);
  }
  checkSweepablePath(vary.path);
  const configs = vary.values.map((value, i) => {
    try {
      return parseConfig(pointInput(result.output.base, vary.path, value));
    } catch (error) {
      throw where(`vary.values[${i}] (${JSON.stringify(value)} for ${vary.path})`, error);
    }
  });
  return { base, vary, seeds, configs };
}

/**
 * The config input of one sweep point: `value` written at `path`. A sweep over `model.family`
 * starts each family from its own defaults (`{ "family": value }`), since size fields belong to
 * one family; the base's own model is kept at the point of its own family.
 */
export function pointInput(base: unknown, path: string, value: SweepValue): unknown {
  if (path === 'model.family' && readConfigPath(base, path) !== value) {
    return withConfigPath(base, 'model', { family: value });
  }
  return withConfigPath(base, path, value);
}

type AnySchema = { type: string } & Record<string, unknown>;

/** Throws unless `path` names a sweepable field of the config schema. */
function checkSweepablePath(path: string): void {
  if (path === 'seed') {
    throw new ConfigError('Invalid sweep at vary.path: the seed is not a knob; "seeds" sets it');
  }
  let schemas: AnySchema[] = [ExperimentConfigSchema as unknown as AnySchema];
  const keys = path.split('.');
  for (const [depth, key] of keys.entries()) {
    const children = schemas.flatMap((s) => childSchemas(s, key));
    if (children.length === 0) {
      const at = keys.slice(0, depth + 1).join('.');
      throw new ConfigError(`Invalid sweep at vary.path: ${at} is not a field of the config`);
    }
    schemas = children;
  }
  if (!schemas.every(isKnob)) {
    throw new ConfigError(
      `Invalid sweep at vary.path: ${path} is not a number, a choice, a switch or layer widths`,
    );
  }
}

/** The schemas `key` may lead to under `schema` (several below a union or the model variant). */
function childSchemas(schema: AnySchema, key: string): AnySchema[] {
  switch (schema.type) {
    case 'optional':
      return childSchemas(schema.wrapped as AnySchema, key);
    case 'object':
    case 'strict_object': {
      const entry = (schema.entries as Record<string, AnySchema>)[key];
      return entry ? [entry] : [];
    }
    case 'record':
      return [schema.value as AnySchema];
    case 'union':
      return (schema.options as AnySchema[]).flatMap((o) => childSchemas(o, key));
    case 'variant':
      if (key === schema.key) {
        // The model family: a choice among the variant's options.
        return [{ type: 'picklist', options: [] }];
      }
      return (schema.options as AnySchema[]).flatMap((o) => childSchemas(o, key));
    default:
      return [];
  }
}

function isKnob(schema: AnySchema): boolean {
  if (schema.type === 'optional') return isKnob(schema.wrapped as AnySchema);
  if (schema.type === 'array') return (schema.item as AnySchema).type === 'number';
  return ['number', 'picklist', 'boolean', 'literal'].includes(schema.type);
}
