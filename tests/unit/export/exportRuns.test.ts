import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { escapeFormula, runsToCsv, runsToJson } from '../../../src/lib/export/exportRuns.ts';
import { exampleConfig, makeRun } from '../experiment/runFixture.ts';

/** Parses the CSV back into header -> cell maps (papaparse's reader, not the writer under test). */
function readCsv(csv: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('escapeFormula', () => {
  it('quotes text that a spreadsheet would run as a formula', () => {
    expect(escapeFormula('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(escapeFormula('+1')).toBe(`'+1`);
    expect(escapeFormula('-2+3')).toBe(`'-2+3`);
    expect(escapeFormula('@cmd')).toBe(`'@cmd`);
    expect(escapeFormula('\t=1')).toBe(`'\t=1`);
    expect(escapeFormula('\r=1')).toBe(`'\r=1`);
    expect(escapeFormula('=1\n=2')).toBe(`'=1\n=2`);
  });

  it('leaves other text alone', () => {
    for (const text of ['', 'Run 1', 'a=b', '1-2', "'quoted", ' =1', 'upload:x.csv']) {
      expect(escapeFormula(text)).toBe(text);
    }
  });
});

describe('runsToCsv', () => {
  const tricky = [
    '=HYPERLINK("x")',
    '+1',
    '@cmd',
    '-2+3',
    'a, b',
    'say "hi"',
    'two\nlines',
    '=1\n=2',
  ];
  const runs = tricky.map((name, i) => makeRun(i + 1, name));

  it('writes one row per run with a header, quoting and escaping user text', () => {
    const rows = readCsv(runsToCsv(runs));
    expect(rows.map((r) => r['name'])).toEqual([
      `'=HYPERLINK("x")`,
      `'+1`,
      `'@cmd`,
      `'-2+3`,
      'a, b',
      'say "hi"',
      'two\nlines',
      `'=1\n=2`,
    ]);
    expect(rows.map((r) => r['id'])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  });

  it('quotes cells as RFC 4180 does', () => {
    const csv = runsToCsv([makeRun(1, 'say "hi", =x'), makeRun(2, '=HYPERLINK("x")')]);
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(lines[1]).toMatch(/^1,"say ""hi"", =x",2025-01-02T03:04:05\.678Z,builtin:flights,/);
    expect(lines[2]).toMatch(/^2,"'=HYPERLINK\(""x""\)",/);
  });

  it('writes the config, test metrics, latency and size of a binary run', () => {
    const [row] = readCsv(runsToCsv([makeRun(3, 'Run 3')]));
    expect(row).toMatchObject({
      id: '3',
      name: 'Run 3',
      created_at: '2025-01-02T03:04:05.678Z',
      dataset: 'builtin:flights',
      target: 'delayed',
      task: 'binary',
      model_family: 'mlp',
      hidden: '64x32',
      embedding_dim: '',
      trees: '',
      numeric: 'standardize',
      categorical: 'onehot',
      missing: 'median',
      negative_rate: '0.1',
      recalibrate: 'true',
      calibration: 'none',
      backend: 'wasm',
      train_ms: '1234.5',
      test_accuracy: '0.75',
      test_macro_f1: '',
      test_rmse: '',
      test_r2: '',
      p50_ms: '0.012',
      p95_ms: '0.02',
      p99_ms: '0.031',
      batch_rows_per_sec: '250000',
      parameters: '2945',
      bytes: '11880',
      request_p99_ms: '0.05',
      cores_at_peak: '1',
    });
    // 1 core x 0.04 x 730 hours + 11,880 B / 1e9 x 3 per GB-month.
    expect(Number(row!['monthly_serving_cost'])).toBeCloseTo(29.2 + 11880e-9 * 3, 9);
    // docs/design.md's check vector.
    expect(Number(row!['test_log_loss'])).toBeCloseTo(0.486851, 6);
    expect(Number(row!['test_roc_auc'])).toBeCloseTo(0.854167, 6);
    expect(Number(row!['test_average_precision'])).toBeCloseTo(0.755952, 6);
    expect(Number(row!['test_brier'])).toBeCloseTo(0.157645, 6);
    expect(Number(row!['test_ece'])).toBeCloseTo(0.1635, 6);
    expect(Number(row!['test_calibration_ratio'])).toBeCloseTo(1.12125, 6);
  });

  it('writes regression and multi-class metrics, and leaves the others empty', () => {
    const regression = exampleConfig();
    regression.data = { source: { synthetic: { kind: 'ctr' } }, target: 'y', task: 'regression' };
    regression.model = { family: 'gbdt', trees: 20, maxDepth: 3 };
    const multiclass = exampleConfig();
    multiclass.data.task = 'multiclass';
    const [r, m] = readCsv(runsToCsv([makeRun(1, 'r', regression), makeRun(2, 'm', multiclass)]));
    // y = [1,2,3,4], pred = [1.5,2,2.5,5]: errors 0.5, 0, 0.5, 1.
    expect(r).toMatchObject({ dataset: 'synthetic:ctr', trees: '20', max_depth: '3', hidden: '' });
    expect(r).toMatchObject({ test_mae: '0.5', test_accuracy: '', test_log_loss: '' });
    expect(Number(r!['test_rmse'])).toBeCloseTo(Math.sqrt(1.5 / 4), 12);
    expect(Number(r!['test_r2'])).toBeCloseTo(1 - 1.5 / 5, 12);
    // Arg max per row: 0, 1, 2, 0 against labels 0, 1, 2, 1.
    expect(m).toMatchObject({ test_accuracy: '0.75', test_roc_auc: '', test_rmse: '' });
    expect(Number(m!['test_macro_f1'])).toBeCloseTo((2 / 3 + 2 / 3 + 1) / 3, 12);
  });

  it('writes negative numbers as numbers, unescaped, and non-finite numbers as empty', () => {
    const run = makeRun(1, 'neg');
    run.result.trainMs = NaN;
    run.result.metrics.test = { task: 'regression', count: 2, rmse: 1, mae: 1, r2: -0.25 } as never;
    const [row] = readCsv(runsToCsv([run]));
    expect(row!['test_r2']).toBe('-0.25');
    expect(row!['train_ms']).toBe('');
  });

  it('writes only the header for no runs', () => {
    const csv = runsToCsv([]);
    expect(csv.split('\r\n')).toHaveLength(2);
    expect(
      csv.startsWith('id,name,created_at,dataset,target,task,model_family,setup,hidden,'),
    ).toBe(true);
    expect(
      csv.endsWith(
        ',batch_rows_per_sec,parameters,bytes,request_p99_ms,cores_at_peak,monthly_serving_cost\r\n',
      ),
    ).toBe(true);
  });
});

describe('runsToJson', () => {
  it('writes the runs in full, Infinity thresholds as null', () => {
    const runs = [makeRun(1, '=x'), makeRun(2, 'b')];
    const json = runsToJson(runs);
    expect(json).toContain('\n  {\n    "id": 1,');
    const back = JSON.parse(json) as typeof runs;
    expect(back).toHaveLength(2);
    expect(back[0]!.name).toBe('=x');
    expect(runs[0]!.result.curves.roc!.thresholds[0]).toBe(Infinity);
    expect(back[0]!.result.curves.roc!.thresholds[0]).toBeNull();
    expect(back[0]!.result.curves.roc!.thresholds.slice(1)).toEqual(
      runs[0]!.result.curves.roc!.thresholds.slice(1),
    );
    expect(back[1]!.result.config).toEqual(runs[1]!.result.config);
    expect(back[1]!.result.latency).toEqual(runs[1]!.result.latency);
  });
});
