/**
 * Golden tests of the Python export: each exported job runs with Debian's /usr/bin/python3
 * (pandas, scikit-learn, XGBoost 1.7, Dask) and its test metrics are compared with the CLI's run
 * of the same config (issue 17: ROC AUC and log loss within 0.01, 0.02 on Dask).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataCommand } from '../../../src/cli/dataCommand.ts';
import { exportCommand } from '../../../src/cli/exportCommand.ts';
import { runCommand } from '../../../src/cli/runCommand.ts';
import { parseConfig } from '../../../src/lib/experiment/config.ts';
import type { RunResult } from '../../../src/lib/experiment/result.ts';
import { ExportError, exportPythonJob } from '../../../src/lib/export/pythonJob.ts';
import type { BinaryMetrics } from '../../../src/lib/metrics/binary.ts';
import { runPython } from '../../helpers/python.ts';
import { PARITY_CONFIGS, type ParityName } from './parityConfigs.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TMP = mkdtempSync(join(tmpdir(), 'tradeoff-export-'));
const FLIGHTS_CSV = join(TMP, 'flights.csv');

interface PythonResult {
  data: { features: number; testRows: number };
  metrics: { validation: BinaryMetrics; test: BinaryMetrics };
  importedModel?: { featuresNotProducedHere: number; test: BinaryMetrics };
}

function configFile(name: string, config: object): string {
  const file = join(TMP, `${name}.json`);
  writeFileSync(file, JSON.stringify(config));
  return file;
}

const cliRuns = new Map<object, Promise<RunResult>>();

/** The CLI's result for a config, run once per config object (extra outputs from that first run). */
function cliRun(name: string, config: object, ...extra: string[]): Promise<RunResult> {
  let run = cliRuns.get(config);
  if (run === undefined) {
    run = runCommand([configFile(name, config), ...extra], { log: () => {}, cwd: ROOT }).then(
      (stdout) => JSON.parse(stdout) as RunResult,
    );
    cliRuns.set(config, run);
  }
  return run;
}

/** Exports the config (with export options) and runs the script with `args`. */
async function pythonRun(
  name: string,
  config: object,
  exportOptions: string[],
  args: string[] = [],
): Promise<PythonResult> {
  const script = join(TMP, `${name}.py`);
  await exportCommand(
    ['python', configFile(name, config), '--out', script, ...exportOptions],
    ROOT,
  );
  return JSON.parse(
    await runPython([script, ...args], { cwd: ROOT, timeoutMs: 240_000 }),
  ) as PythonResult;
}

function testMetrics(result: RunResult): BinaryMetrics {
  const test = result.metrics.test;
  if (test.task !== 'binary') throw new Error(test.task);
  return test;
}

function expectClose(python: BinaryMetrics, cli: BinaryMetrics, tolerance: number): void {
  expect(
    Math.abs(python.rocAuc! - cli.rocAuc!),
    `AUC ${python.rocAuc} vs ${cli.rocAuc}`,
  ).toBeLessThanOrEqual(tolerance);
  expect(
    Math.abs(python.logLoss! - cli.logLoss!),
    `log loss ${python.logLoss} vs ${cli.logLoss}`,
  ).toBeLessThanOrEqual(tolerance);
}

function dataArgs(name: ParityName): string[] {
  return name.startsWith('flights') ? ['--data', FLIGHTS_CSV] : [];
}

beforeAll(async () => {
  await dataCommand(
    [configFile('flights-data', PARITY_CONFIGS['flights-gbdt']), '--out', FLIGHTS_CSV],
    ROOT,
  );
});

describe('exported Python job, one machine', () => {
  it.each(Object.keys(PARITY_CONFIGS) as ParityName[])(
    '%s: test ROC AUC and log loss within 0.01 of the CLI',
    async (name) => {
      const config = PARITY_CONFIGS[name];
      const modelFile = join(TMP, `${name}.model.json`);
      const cli = await cliRun(name, config, '--model-out', modelFile);
      const python = await pythonRun(name, config, dataArgs(name), ['--model', modelFile]);
      expect(python.data.features).toBe(cli.data.features);
      expect(python.data.testRows).toBe(cli.data.testRows);
      expectClose(python.metrics.test, testMetrics(cli), 0.01);
      // The tool's own model, scored on the job's features: the same numbers when every feature
      // is built the same way (time split: the same test rows; the calibrator is not in the file).
      const imported = python.importedModel!;
      expect(imported.featuresNotProducedHere).toBe(0);
      if (!('imbalance' in config))
        expect(imported.test.rocAuc).toBeCloseTo(testMetrics(cli).rocAuc!, 6);
    },
    240_000,
  );
});

/** Every categorical encoding, numeric scaling and missing strategy, crosses, downsampling and Platt. */
const EVERY_ENCODING = {
  seed: 4,
  data: {
    source: { synthetic: { kind: 'ctr', rows: 3000, baseRate: 0.1, missingRate: 0.1 } },
    target: 'click',
    task: 'binary',
    positiveClass: '1',
    types: { hour: 'categorical' },
  },
  features: {
    default: { numeric: 'standardize', missing: 'median', indicator: true },
    columns: {
      ad_id: { categorical: 'target', targetFolds: 4, missing: 'category' },
      site_id: { categorical: 'hashing', hashBuckets: 32, missing: 'constant', constant: 'none' },
      device_type: { categorical: 'onehot', topK: 2, missing: 'mean' },
      hour: { categorical: 'frequency', missing: 'median' },
      bid_price: { numeric: 'log1p', missing: 'mean' },
      user_engagement: { numeric: 'quantile', quantileBins: 5, missing: 'category' },
      relevance: { numeric: 'minmax', missing: 'constant', constant: 0.5 },
    },
    crosses: [['device_type', 'hour', 16]],
  },
  imbalance: { negativeRate: 0.5, recalibrate: true, calibration: 'platt' },
  model: { family: 'logistic', l2: 0.001 },
};

describe('exported Python job, every encoding', () => {
  it('runs, with the features the CLI builds', async () => {
    const cli = await everyCli();
    const python = await pythonRun('every', EVERY_ENCODING, [], ['--data', await everyCsv()]);
    expect(python.data.features).toBe(cli.data.features);
    expect(python.metrics.test.rocAuc).toBeGreaterThan(0.55);
    expect(python.metrics.test.normalizedEntropy).toBeLessThan(1);
  }, 240_000);

  it('runs as an embedding + MLP job (embeddings approximated by one-hot)', async () => {
    const config = {
      ...EVERY_ENCODING,
      features: {
        default: { numeric: 'quantile', quantileOutput: 'ordinal', missing: 'category' },
        columns: { ad_id: { categorical: 'embedding', dim: 4 } },
      },
      imbalance: { calibration: 'isotonic' },
      model: { family: 'embedding-mlp', hidden: [8], epochs: 3 },
    };
    const python = await pythonRun('embedding', config, [], ['--data', await everyCsv()]);
    // 3,000 rows and a one-hot stand-in for the embedding: this checks the job runs and scores,
    // not its accuracy (parity is measured on the logistic and GBDT configs above).
    expect(python.metrics.test.rocAuc).toBeGreaterThanOrEqual(0);
    expect(python.metrics.test.rocAuc).toBeLessThanOrEqual(1);
    expect(Number.isFinite(python.metrics.test.logLoss)).toBe(true);
  }, 240_000);
});

/** The synthetic data spread over days (`days`), split by its `time` column. */
const SYNTHETIC_TIME = {
  seed: 3,
  data: {
    source: { synthetic: { kind: 'ctr', rows: 3000, baseRate: 0.1, days: 14 } },
    target: 'click',
    task: 'binary',
    positiveClass: '1',
    split: { method: 'time', timeColumn: 'time', test: 0.2, validation: 0.1 },
  },
  features: { default: { categorical: 'hashing', hashBuckets: 64 } },
  model: { family: 'logistic', l2: 0.001 },
};

describe('exported Python job, synthetic data split by its time column', () => {
  it('reads the time column from the data CSV and scores the same test rows as the CLI', async () => {
    const csv = join(TMP, 'synthetic-time.csv');
    await dataCommand([configFile('synthetic-time-data', SYNTHETIC_TIME), '--out', csv], ROOT);
    const modelFile = join(TMP, 'synthetic-time.model.json');
    const cli = await cliRun('synthetic-time', SYNTHETIC_TIME, '--model-out', modelFile);
    const python = await pythonRun(
      'synthetic-time',
      SYNTHETIC_TIME,
      ['--data', csv],
      ['--model', modelFile],
    );
    // The time column is a feature too (a datetime, scaled as epoch ms), read the same way.
    expect(python.data.features).toBe(cli.data.features);
    expect(python.data.testRows).toBe(cli.data.testRows);
    expect(python.importedModel!.featuresNotProducedHere).toBe(0);
    expect(python.importedModel!.test.rocAuc).toBeCloseTo(testMetrics(cli).rocAuc!, 6);
  }, 240_000);
});

const everyCli = () => cliRun('every', EVERY_ENCODING);

let everyCsvFile: Promise<string> | undefined;
function everyCsv(): Promise<string> {
  everyCsvFile ??= (async () => {
    const out = join(TMP, 'every.csv');
    await dataCommand([configFile('every-data', EVERY_ENCODING), '--out', out], ROOT);
    return out;
  })();
  return everyCsvFile;
}

describe('exported Python job on Dask, 2 local worker processes', () => {
  it('flights-gbdt (xgboost.dask): within 0.02 of the CLI', async () => {
    const config = PARITY_CONFIGS['flights-gbdt'];
    const cli = await cliRun('dask-gbdt', config);
    const python = await pythonRun(
      'dask-gbdt',
      config,
      ['--dask', 'local:2'],
      ['--data', FLIGHTS_CSV],
    );
    expectClose(python.metrics.test, testMetrics(cli), 0.02);
  }, 300_000);

  it('every encoding, logistic regression over Dask arrays: runs, with the features the CLI builds', async () => {
    const cli = await everyCli();
    const dask = await pythonRun(
      'every-dask',
      EVERY_ENCODING,
      ['--dask', 'local:2'],
      ['--data', await everyCsv()],
    );
    expect(dask.data.features).toBe(cli.data.features);
    // Another split (a uniform draw per row, not stratified) of 3,000 rows: better than chance,
    // not equal to the CLI.
    expect(dask.metrics.test.rocAuc).toBeGreaterThan(0.55);
    expect(dask.metrics.test.calibrationRatio).toBeGreaterThan(0.5);
  }, 300_000);
});

describe('exportPythonJob refuses what it cannot express, naming the field', () => {
  const columns = [
    { name: 'x', kind: 'numeric' },
    { name: 'note', kind: 'text' },
    { name: 'y', kind: 'categorical' },
    { name: 'c', kind: 'categorical' },
  ] as const;
  const base = {
    data: { source: 'csv:d.csv', target: 'y', task: 'binary' },
    features: { columns: { note: { drop: true } } },
    model: { family: 'gbdt' },
  };
  const failure = (input: object) => {
    try {
      exportPythonJob(parseConfig(input), { columns });
    } catch (error) {
      expect(error).toBeInstanceOf(ExportError);
      return (error as ExportError).field;
    }
    throw new Error('exported');
  };

  it('names the field', () => {
    expect(failure({ ...base, model: { family: 'gbdt', minSamplesLeaf: 5 } })).toBe(
      'model.minSamplesLeaf',
    );
    expect(failure({ ...base, data: { ...base.data, task: 'multiclass' } })).toBe('data.task');
    expect(failure({ ...base, features: {} })).toBe('features.columns.note');
    expect(failure({ ...base, model: { family: 'mlp', dropout: 0.2 } })).toBe('model.dropout');
    const native = { categorical: 'native' };
    expect(failure({ ...base, features: { ...base.features, default: native } })).toBe(
      'features.default.categorical',
    );
    expect(failure({ ...base, features: { columns: { note: { drop: true }, c: native } } })).toBe(
      'features.columns.c.categorical',
    );
    expect(
      failure({ ...base, imbalance: { classWeights: 'balanced' }, model: { family: 'mlp' } }),
    ).toBe('imbalance');
    const leaky = { categorical: 'target', targetFit: 'in-sample' };
    expect(failure({ ...base, features: { columns: { note: { drop: true }, c: leaky } } })).toBe(
      'features.columns.c.targetFit',
    );
  });

  it('writes a readable script that names the model and the data it expects', () => {
    const script = exportPythonJob(parseConfig(base), { columns });
    expect(script.split('\n')[0]).toBe('#!/usr/bin/env python3');
    expect(script).toContain(
      '"""Tradeoff Lab job: gradient-boosted trees (XGBoost hist: 100 trees',
    );
    expect(script).toContain('DEFAULT_DATA = "d.csv"');
    expect(script).toContain('def binary_metrics(y, p, base_rate):');
  });
});
