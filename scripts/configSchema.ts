/**
 * Writes schema/experiment-config.schema.json, the JSON Schema of the experiment config, from the
 * valibot schema that parseConfig uses, and schema/lesson.schema.json from parseLesson's:
 * `npx tsx scripts/configSchema.ts`. Editors use it to
 * complete and check config files (`"$schema": "../schema/experiment-config.schema.json"`); a unit
 * test fails when the committed file is out of date.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { toJsonSchema, type JsonSchema } from '../src/cli/valibotJsonSchema.ts';
import { ExperimentConfigSchema } from '../src/lib/experiment/config.ts';
import { LessonSchema } from '../src/lib/lessons/lesson.ts';

/** The committed schema file, relative to the repository root. */
export const CONFIG_SCHEMA_FILE = 'schema/experiment-config.schema.json';

/** The config's JSON Schema with its draft 2020-12 envelope. */
export function experimentConfigJsonSchema(): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Tradeoff Lab experiment config',
    description:
      'One experiment: data, features, imbalance handling, model and backend. Generated from ' +
      'src/lib/experiment/config.ts by scripts/configSchema.ts; the contract is in docs/design.md.',
    ...toJsonSchema(ExperimentConfigSchema),
  };
}

/** The committed lesson schema file, relative to the repository root. */
export const LESSON_SCHEMA_FILE = 'schema/lesson.schema.json';

/** The lesson file's JSON Schema with its draft 2020-12 envelope. */
export function lessonJsonSchema(): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'Tradeoff Lab lesson',
    description:
      'A guided lesson: a base experiment config and ordered steps (say, set, lock, hide, run, ask). ' +
      'Generated from src/lib/lessons/lesson.ts by scripts/configSchema.ts; `base` and the configs ' +
      'the steps make are checked against experiment-config.schema.json when the lesson is loaded.',
    ...toJsonSchema(LessonSchema),
  };
}

async function write(relative: string, schema: JsonSchema): Promise<void> {
  const file = `${fileURLToPath(new URL('../', import.meta.url))}${relative}`;
  const options = (await prettier.resolveConfig(file)) ?? {};
  await writeFile(
    file,
    await prettier.format(JSON.stringify(schema), { ...options, parser: 'json' }),
  );
  process.stdout.write(`wrote ${relative}\n`);
}

async function main(): Promise<void> {
  await write(CONFIG_SCHEMA_FILE, experimentConfigJsonSchema());
  await write(LESSON_SCHEMA_FILE, lessonJsonSchema());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
