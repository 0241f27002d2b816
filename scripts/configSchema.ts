/**
 * Writes schema/experiment-config.schema.json, the JSON Schema of the experiment config, from the
 * valibot schema that parseConfig uses: `npx tsx scripts/configSchema.ts`. Editors use it to
 * complete and check config files (`"$schema": "../schema/experiment-config.schema.json"`); a unit
 * test fails when the committed file is out of date.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import prettier from 'prettier';
import { toJsonSchema, type JsonSchema } from '../src/cli/valibotJsonSchema.ts';
import { ExperimentConfigSchema } from '../src/lib/experiment/config.ts';

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

async function main(): Promise<void> {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const file = `${root}${CONFIG_SCHEMA_FILE}`;
  const options = (await prettier.resolveConfig(file)) ?? {};
  const text = await prettier.format(JSON.stringify(experimentConfigJsonSchema()), {
    ...options,
    parser: 'json',
  });
  await writeFile(file, text);
  process.stdout.write(`wrote ${CONFIG_SCHEMA_FILE}\n`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
