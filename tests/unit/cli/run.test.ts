import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, spawnCli } from '../../helpers/spawnCli.ts';
import { InputError } from '../../../src/cli/inputError.ts';
import { runCommand } from '../../../src/cli/runCommand.ts';
import { parseConfig } from '../../../src/lib/experiment/config.ts';
import type { RunResult, SplitMetrics } from '../../../src/lib/experiment/result.ts';

const FIXTURES = 'tests/fixtures/cli/';
const TMP = mkdtempSync(join(tmpdir(), 'tradeoff-cli-'));

/**
 * Runs the command in-process from the repository root; progress lines are collected. On the cpu
 * backend unless the args name one: these tests pin cpu numbers.
 */
async function run(...args: string[]): Promise<{ result: RunResult; log: string[] }> {
  const log: string[] = [];
  const withBackend = args.some((a) => a.startsWith('--backend'))
    ? args
    : [...args, '--backend', 'cpu'];
  const stdout = await runCommand(withBackend, { log: (line) => void log.push(line), cwd: ROOT });
  return { result: JSON.parse(stdout) as RunResult, log };
}

/** The run's error message; fails the test when the run succeeds. */
async function failure(args: string[], cwd = ROOT): Promise<string> {
  const error = await runCommand(args, { log: () => {}, cwd }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).message;
}

function binary(m: SplitMetrics) {
  if (m.task !== 'binary') throw new Error(`expected binary metrics, got ${m.task}`);
  return m;
}

/** Example file -> checks that its numbers are sane for the data and model. */
const EXAMPLES: Record<string, (r: RunResult) => void> = {
  'logistic-synthetic-ctr.json': (r) => {
    const test = binary(r.metrics.test);
    expect(test.rocAuc).toBeGreaterThan(0.6);
    expect(test.calibrationRatio).toBeGreaterThan(0.8);
    expect(test.calibrationRatio).toBeLessThan(1.25);
    // The best possible log loss (the true probabilities) is below the model's.
    expect(r.truth!.bayesLogLoss).toBeLessThan(test.logLoss!);
  },
  'gbdt-flights.json': (r) => {
    expect(r.data.rows).toBe(20_000);
    expect(binary(r.metrics.test).rocAuc).toBeGreaterThan(0.6);
    expect(binary(r.metrics.test).normalizedEntropy).toBeLessThan(1);
  },
  'downsampling-recalibrate.json': (r) => {
    // w = 0.1 keeps a tenth of the negatives: the training base rate rises about ten-fold.
    expect(r.data.sampledBaseRate! / r.data.trainBaseRate!).toBeGreaterThan(6);
    const test = binary(r.metrics.test);
    expect(test.rocAuc).toBeGreaterThan(0.6);
    expect(test.calibrationRatio).toBeGreaterThan(0.8);
    expect(test.calibrationRatio).toBeLessThan(1.25);
  },
  'mlp-penguins.json': (r) => {
    const test = r.metrics.test;
    if (test.task !== 'multiclass') throw new Error(test.task);
    expect(r.data.classes).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
    expect(test.accuracy).toBeGreaterThan(0.9);
    expect(test.macroF1).toBeGreaterThan(0.85);
  },
  'csv-tiny.json': (r) => {
    expect(r.data.rows).toBe(300);
    expect(r.data.classes).toContain('yes');
    expect(binary(r.metrics.test).rocAuc).toBeGreaterThan(0.6);
  },
  'ranking-prior-shift.json': (r) => {
    // Ranked per user; the test split served at a 30% click rate, corrected by EM's estimate.
    const test = binary(r.metrics.test);
    expect(test.ranking!.k).toBe(10);
    expect(test.ranking!.groupsUsed).toBeGreaterThan(50);
    expect(test.ranking!.ndcgAtK).toBeGreaterThan(0.3);
    expect(test.ranking!.groupAuc).toBeGreaterThan(0.6);
    const shift = r.deployment!;
    expect(shift.testBaseRate).toBeCloseTo(0.3, 2);
    expect(shift.correction).toBe('estimated');
    expect(shift.correctionBaseRate).toBe(shift.estimatedBaseRate);
    expect(shift.uncorrected.calibrationRatio).toBeLessThan(0.6);
    expect(Math.abs(test.calibrationRatio! - 1)).toBeLessThan(
      Math.abs(shift.uncorrected.calibrationRatio! - 1),
    );
  },
  'ranking-capacity.json': (r) => {
    const c = r.capacity;
    expect(c.requestCandidates).toBe(500);
    expect(c.requestP99Ms).toBeGreaterThan(0);
    // ceil(200 qps x 500 candidates x 1.5 / measured rows/s), one replica per core.
    expect(c.coresAtPeak).toBe(Math.ceil((200 * 500 * 1.5) / c.rowsPerSecPerCore));
    expect(c.monthlyServingCost).toBeCloseTo(
      c.coresAtPeak! * 0.04 * 730 + (r.model.bytes / 1e9) * 3 * c.coresAtPeak!,
      9,
    );
    // Target and frequency tables of ad_id and site_id are shipped with the trees.
    expect(r.model.pipeline!.levelTables).toBeGreaterThan(1000);
    expect(c.memoryBytesPerReplica).toBe(r.model.parameterBytes + r.model.pipeline!.bytes);
    // w = 0.1 at a base rate b near 0.02 trains on about b + w (1 - b) = 0.118 of the rows.
    expect(c.trainingRowsShare).toBeCloseTo(r.data.sampledTrainRows / r.data.trainRows, 12);
    expect(c.trainingRowsShare).toBeGreaterThan(0.1);
    expect(c.trainingRowsShare).toBeLessThan(0.14);
  },
  'gbdt-seattle-weather.json': (r) => {
    const test = r.metrics.test;
    if (test.task !== 'regression') throw new Error(test.task);
    expect(test.r2).toBeGreaterThan(0.7);
    expect(test.rmse).toBeLessThan(4);
  },
};

describe('run (in-process)', () => {
  const files = readdirSync(`${ROOT}examples`).filter((f) => f.endsWith('.json'));
  const runs = new Map<string, ReturnType<typeof run>>();
  /** Each example runs once, when a test first needs it. */
  const example = (file: string) => {
    if (!runs.has(file)) runs.set(file, run(`examples/${file}`));
    return runs.get(file)!;
  };

  it('has sanity checks for every example config', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...files].sort());
  });

  it.each(files)('runs examples/%s into a complete, sane result', async (file) => {
    const { result, log } = await example(file);
    const input = JSON.parse(readFileSync(`${ROOT}examples/${file}`, 'utf8'));
    expect(result.config).toEqual(parseConfig(input));
    expect(result.backend).toBe('cpu');
    // Percentiles of real timings, in rounds: ordered, and the reported p99 one of the rounds' medians.
    const { p50Ms, p95Ms, p99Ms, roundP99Ms } = result.latency;
    expect(p50Ms).toBeGreaterThan(0);
    expect(p50Ms).toBeLessThanOrEqual(p95Ms);
    expect(p95Ms).toBeLessThanOrEqual(p99Ms);
    expect(roundP99Ms).toContain(p99Ms);
    expect(result.model.parameters).toBeGreaterThan(0);
    expect(result.model.bytes).toBe(result.model.parameterBytes + result.model.pipeline!.bytes);
    expect(result.capacity.serving).toEqual(result.config.serving);
    expect(result.capacity.requests).toBeGreaterThanOrEqual(200);
    expect(result.capacity.requestCandidates).toBe(result.config.serving.candidatesPerRequest);
    expect(result.trainingCurve.length).toBeGreaterThan(0);
    expect(log[0]).toBe('backend: cpu');
    for (const phase of ['data', 'features', 'training', 'evaluation', 'latency'])
      expect(log.some((line) => line.includes(`] ${phase}`))).toBe(true);
    expect(log.length).toBeLessThan(20);
    EXAMPLES[file]!(result);
  });

  it('gives the same metrics for the same config on cpu', async () => {
    const first = (await example('mlp-penguins.json')).result;
    const again = (await run('examples/mlp-penguins.json')).result;
    expect(again.metrics).toEqual(first.metrics);
    expect(again.trainingCurve).toEqual(first.trainingCurve);
  });

  it('over-predicts without re-calibration after downsampling, as docs/design.md says', async () => {
    const config = JSON.parse(
      readFileSync(`${ROOT}examples/downsampling-recalibrate.json`, 'utf8'),
    );
    config.imbalance.recalibrate = false;
    const file = join(TMP, 'no-recalibration.json');
    writeFileSync(file, JSON.stringify(config));
    const raw = binary((await run(file)).result.metrics.test);
    const recalibrated = binary(
      (await example('downsampling-recalibrate.json')).result.metrics.test,
    );
    expect(raw.calibrationRatio).toBeGreaterThan(3);
    // Re-calibration is monotone: ranking, hence AUC, is unchanged.
    expect(raw.rocAuc).toBeCloseTo(recalibrated.rocAuc!, 10);
  });

  it('reads csv: paths relative to the working directory or absolute', async () => {
    const base = JSON.parse(readFileSync(`${ROOT}examples/csv-tiny.json`, 'utf8'));
    const tiny = `${ROOT}examples/data/tiny.csv`;
    const absolute = join(TMP, 'absolute.json');
    writeFileSync(
      absolute,
      JSON.stringify({ ...base, data: { ...base.data, source: `csv:${tiny}` } }),
    );
    const expected = (await example('csv-tiny.json')).result.metrics;
    expect((await run(absolute)).result.metrics).toEqual(expected);

    const relative = join(TMP, 'relative.json');
    writeFileSync(
      relative,
      JSON.stringify({ ...base, data: { ...base.data, source: 'csv:tiny.csv' } }),
    );
    await expect(failure([relative])).resolves.toBe('tiny.csv: cannot read the file (ENOENT)');
  });
});

describe('run reports bad input as one message naming the file', () => {
  it('a missing config file', async () => {
    expect(await failure(['no/such/config.json'])).toBe(
      'no/such/config.json: cannot read the file (ENOENT)',
    );
  });

  it('invalid JSON, with the line and column', async () => {
    expect(await failure([`${FIXTURES}not-json.json`])).toBe(
      `${FIXTURES}not-json.json: not valid JSON: Expected double-quoted property name in JSON at line 2, column 63`,
    );
  });

  it('an invalid config, with the path of the field', async () => {
    expect(await failure([`${FIXTURES}invalid-trees.json`])).toMatch(
      /^tests\/fixtures\/cli\/invalid-trees\.json: Invalid config at model\.trees: .*>=1/,
    );
  });

  it('an unknown built-in data set, with the known names', async () => {
    expect(await failure([`${FIXTURES}unknown-builtin.json`])).toBe(
      `${FIXTURES}unknown-builtin.json: Invalid config at data.source: there is no built-in data set ` +
        'named "no-such-set"; expected one of synthetic-ctr, flights, birdstrikes, penguins, ' +
        'seattle-weather, spam',
    );
  });

  it('a missing CSV file, named as the config names it', async () => {
    expect(await failure([`${FIXTURES}missing-csv.json`])).toBe(
      `${FIXTURES}no-such-file.csv: cannot read the file (ENOENT)`,
    );
  });

  it('a broken CSV file, with its line and column', async () => {
    expect(await failure([`${FIXTURES}unclosed-quote.json`])).toMatch(
      /^tests\/fixtures\/cli\/unclosed-quote\.csv: Line 3, column "label": a quoted field is opened but never closed/,
    );
  });

  it('a target column the data lacks, against the config file', async () => {
    expect(await failure([`${FIXTURES}unknown-target.json`])).toBe(
      `${FIXTURES}unknown-target.json: No column named "no_such_column"`,
    );
  });
});

const cli = spawnCli;

describe('npm run cli -- run (spawned)', () => {
  // Three processes at once: each costs a second or two of start-up (tfjs).
  const out = join(TMP, 'spawned-result.json');
  const runs = Promise.all([
    cli('run', 'examples/gbdt-seattle-weather.json', '--out', out, '--backend', 'cpu'),
    cli('run', `${FIXTURES}invalid-trees.json`),
    cli('run', `${FIXTURES}unclosed-quote.json`, '--backend', 'wasm'),
  ]);

  it('prints the result JSON on stdout, progress on stderr, and exits 0', async () => {
    const [ok] = await runs;
    expect(ok.code).toBe(0);
    const result = JSON.parse(ok.stdout) as RunResult;
    expect(result.metrics.test.task).toBe('regression');
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(result);
    const lines = ok.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('backend: cpu');
    expect(lines.at(-1)).toBe(`result written to ${out}`);
    expect(ok.stderr).not.toContain('tfjs-node');
  });

  it('exits 1 with exactly one stderr line for an invalid config and for a broken CSV', async () => {
    const [, config, csv] = await runs;
    for (const bad of [config, csv]) {
      expect(bad.code).toBe(1);
      expect(bad.stdout).toBe('');
      expect(bad.stderr.endsWith('\n')).toBe(true);
      expect(bad.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
    expect(config.stderr).toMatch(
      /^tests\/fixtures\/cli\/invalid-trees\.json: Invalid config at model\.trees/,
    );
    expect(csv.stderr).toMatch(
      /^tests\/fixtures\/cli\/unclosed-quote\.csv: Line 3, column "label"/,
    );
  });
});
