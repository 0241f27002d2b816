import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dataCommand } from '../../../src/cli/dataCommand.ts';
import { InputError } from '../../../src/cli/inputError.ts';
import { runCommand } from '../../../src/cli/runCommand.ts';
import type { RunResult } from '../../../src/lib/experiment/result.ts';
import { binaryMetrics } from '../../../src/lib/metrics/binary.ts';
import { parsePredictionsCsv } from '../../../src/lib/metrics/predictionsCsv.ts';
import { runPython } from '../../helpers/python.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TMP = mkdtempSync(join(tmpdir(), 'tradeoff-outputs-'));

/** A small GBDT on the example CSV (300 rows): seconds to run. */
const GBDT_TINY = {
  seed: 3,
  data: {
    source: 'csv:examples/data/tiny.csv',
    target: 'defaulted',
    task: 'binary',
    positiveClass: 'yes',
    types: { defaulted: 'categorical' },
  },
  features: { default: { missing: 'median', indicator: true } },
  model: { family: 'gbdt', trees: 12, maxDepth: 3, minSamplesLeaf: 5 },
};

function configFile(name: string, config: object): string {
  const file = join(TMP, name);
  writeFileSync(file, JSON.stringify(config));
  return file;
}

describe('run --predictions-out --model-out', () => {
  it('writes the test predictions and an XGBoost model that xgboost loads', async () => {
    const predictions = join(TMP, 'pred.csv');
    const model = join(TMP, 'model.json');
    const stdout = await runCommand(
      [configFile('gbdt.json', GBDT_TINY), '--predictions-out', predictions, '--model-out', model],
      { log: () => {}, cwd: ROOT },
    );
    const result = JSON.parse(stdout) as RunResult;
    const text = readFileSync(predictions, 'utf8');
    expect(text.split('\n')[0]).toBe('row,y_true,y_prob');
    const { y, p } = parsePredictionsCsv(text, predictions);
    expect(y.length).toBe(result.data.testRows);
    // The file holds exactly the predictions the result was scored on.
    const test = result.metrics.test;
    if (test.task !== 'binary') throw new Error(test.task);
    expect(binaryMetrics(y, p).rocAuc).toBeCloseTo(test.rocAuc!, 12);
    const rows = text
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => Number(line.split(',')[0]));
    expect(new Set(rows).size).toBe(rows.length);
    expect(Math.max(...rows)).toBeLessThan(300);

    const loaded = JSON.parse(
      await runPython([
        '-c',
        'import json, sys, xgboost as xgb\nb = xgb.Booster()\nb.load_model(sys.argv[1])\n' +
          'print(json.dumps({"features": b.num_features(), "trees": len(b.get_dump()), "names": b.feature_names}))',
        model,
      ]),
    ) as { features: number; trees: number; names: string[] };
    expect(loaded.features).toBe(result.data.features);
    expect(loaded.trees).toBe(12);
    expect(loaded.names).toContain('region=(other)');
    expect(loaded.names).toContain('age_missing');
  });

  it('writes a logistic model as coefficients by feature name', async () => {
    const model = join(TMP, 'logistic.json');
    await runCommand(
      [
        configFile('logistic.json', {
          ...GBDT_TINY,
          model: { family: 'logistic', maxIterations: 5 },
        }),
        '--model-out',
        model,
      ],
      { log: () => {}, cwd: ROOT },
    );
    const coefficients = JSON.parse(readFileSync(model, 'utf8'));
    expect(coefficients.family).toBe('logistic');
    expect(coefficients.outputs).toEqual(['logit']);
    expect(coefficients.intercept).toHaveLength(1);
    expect(coefficients.coefficients.map((c: { feature: string }) => c.feature)).toContain('age');
  });

  it('refuses --model-out for a family without an exported format, before training', async () => {
    const error = await runCommand(
      [configFile('mlp.json', { ...GBDT_TINY, model: { family: 'mlp' } }), '--model-out', 'x.json'],
      { log: () => {}, cwd: ROOT },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/model\.family is mlp/);
  });
});

describe('data', () => {
  it('writes every column of a synthetic source for the config seed', async () => {
    const out = join(TMP, 'ctr.csv');
    const file = configFile('ctr.json', {
      seed: 5,
      data: {
        source: { synthetic: { kind: 'ctr', rows: 500 } },
        target: 'click',
        task: 'binary',
      },
      model: { family: 'logistic' },
    });
    expect(await dataCommand([file, '--out', out], ROOT)).toMatch(/^500 rows x \d+ columns/);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(501);
    expect(lines[0]).toContain('p_true');
    expect(lines[0]).toContain('click');
  });

  it('names the missing option', async () => {
    await expect(dataCommand(['x.json'], ROOT)).rejects.toThrow(/--out DATA.csv/);
  });
});
