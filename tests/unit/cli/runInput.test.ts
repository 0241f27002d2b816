import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/cli/inputError.ts';
import { runCommand } from '../../../src/cli/runCommand.ts';

const TMP = mkdtempSync(join(tmpdir(), 'tradeoff-cli-input-'));

/** Writes `text` as a config file and returns the one-line error its run fails with. */
async function failure(name: string, text: string): Promise<string> {
  const file = join(TMP, name);
  writeFileSync(file, text);
  const error = await runCommand([file], { log: () => {}, cwd: TMP }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).message.slice(file.length + 2);
}

const config = {
  data: { source: 'builtin:flights', target: 'delayed', task: 'binary' },
  model: { family: 'gbdt' },
};

describe('run: config files the CLI refuses with a useful line', () => {
  it('names a misspelt key and the valid one instead of running at the default', async () => {
    const misspelt = { ...config, imbalance: { negativeRat: 0.1 } };
    expect(await failure('misspelt.json', JSON.stringify(misspelt))).toBe(
      'Unknown key "negativeRat" at imbalance; did you mean "negativeRate"?',
    );
    const depth = { ...config, model: { family: 'gbdt', max_depth: 3 } };
    expect(await failure('depth.json', JSON.stringify(depth))).toBe(
      'Unknown key "max_depth" at model; did you mean "maxDepth"?',
    );
  });

  it('says a config must be an object when the file holds an array', async () => {
    expect(await failure('array.json', JSON.stringify([config]))).toBe(
      'A config must be a JSON object ({ "data": ..., "model": ... }), not an array.',
    );
  });

  it('reads a file saved with a UTF-8 byte order mark', async () => {
    // The BOM is accepted: the error is the config's own (an unknown key), not a JSON one.
    const text = `\uFEFF${JSON.stringify({ ...config, seeds: 1 })}`;
    expect(await failure('bom.json', text)).toBe(
      'Unknown key "seeds" at the top level; did you mean "seed"?',
    );
  });

  it('tells a CLI user with an upload: source to use csv:PATH', async () => {
    const upload = { ...config, data: { ...config.data, source: 'upload:mine.csv' } };
    const message = await failure('upload.json', JSON.stringify(upload));
    expect(message).toMatch(/^Invalid config at data\.source: .*use "csv:PATH"/);
    expect(message).not.toMatch(/import the file again/);
  });
});
