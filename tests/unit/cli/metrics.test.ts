import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT, spawnCli } from '../../helpers/spawnCli.ts';
import { metricsCommand } from '../../../src/cli/metricsCommand.ts';
import { parsePredictionsCsv } from '../../../src/lib/metrics/predictionsCsv.ts';
import { expectClose, type BinaryCase } from '../metrics/referenceData.ts';

const CSV = 'tests/fixtures/metrics/cli/';

const cli = spawnCli;

describe('npm run cli -- metrics (spawned)', () => {
  // Three processes at once: each costs about a second of start-up.
  const runs = Promise.all([
    cli('metrics', `${CSV}check-vector.csv`),
    cli('metrics', `${CSV}prob-out-of-range.csv`),
    cli('metrics', `${CSV}no-such-file.csv`),
  ]);

  it('prints one JSON object with the design-doc check-vector values', async () => {
    const [ok] = await runs;
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const m = JSON.parse(ok.stdout);
    expect(m.logLoss).toBeCloseTo(0.486851, 6);
    expect(m.brier).toBeCloseTo(0.157645, 6);
    expect(m.rocAuc).toBeCloseTo(0.854167, 6);
    expect(m.accuracy).toBe(0.75);
    expect(m.normalizedEntropy).toBeCloseTo(0.723392, 6);
    expect(m.calibrationRatio).toBeCloseTo(1.12125, 6);
    expect(m.averagePrecision).toBeCloseTo(0.755952, 6);
    expect(m.ece).toBeCloseTo(0.1635, 6);
    expect(m.reliability).toHaveLength(10);
  });

  it('exits non-zero with one stderr line naming file, data row and column', async () => {
    const [, bad, missing] = await runs;
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe(
      `${CSV}prob-out-of-range.csv: data row 2, column y_prob: "1.5" is not a number in [0, 1]\n`,
    );
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toBe(`${CSV}no-such-file.csv: cannot read the file (ENOENT)\n`);
  });
});

describe('metricsCommand', () => {
  it('uses the weight column as scikit-learn sample weights', () => {
    const cases = JSON.parse(
      readFileSync(new URL('../../fixtures/metrics/binary.json', import.meta.url), 'utf8'),
    ) as BinaryCase[];
    const reference = cases.find((c) => c.name === 'sample weights with some zeros')!.expected;
    const m = JSON.parse(metricsCommand([`${ROOT}${CSV}weighted.csv`]));
    for (const name of [
      'logLoss',
      'rocAuc',
      'averagePrecision',
      'ece',
      'calibrationRatio',
    ] as const) {
      expectClose(m[name], reference[name], 1e-12, name);
    }
  });

  it.each([
    ['bad-label.csv', 'data row 3, column y_true: "2" is not 0 or 1'],
    ['missing-weight.csv', 'data row 3, column weight: "" is not a finite number >= 0'],
    ['missing-column.csv', 'header (line 1), column y_prob: missing; found y_true,prob'],
    ['empty.csv', 'line 1: the file is empty; expected a header y_true,y_prob'],
  ])('rejects %s with a one-line message', (name, message) => {
    const file = `${ROOT}${CSV}${name}`;
    expect(() => metricsCommand([file])).toThrow(`${file}: ${message}`);
  });

  it('rejects a blank, non-numeric or missing field and a malformed row', () => {
    const check = (text: string) => () => parsePredictionsCsv(text, 'f.csv');
    expect(check('y_true,y_prob\n1, \n')).toThrow('f.csv: data row 1, column y_prob: " " is not');
    expect(check('y_true,y_prob\n1,0.5\n0,abc\n')).toThrow('data row 2, column y_prob: "abc"');
    expect(check('y_true,y_prob\n1\n')).toThrow('data row 1, column y_prob: a missing field');
    expect(check('y_true,y_prob\n1,0.5,7\n')).toThrow(/f.csv: data row 1: Too many fields/);
    expect(check('y_true,y_prob\n')).toThrow('f.csv: no data rows after the header (line 1)');
  });

  it('adds ranking metrics when the file has a group column, as scikit-learn computes them', () => {
    // tests/fixtures/ranking/predictions.csv is the heavy-ties case of scripts/fixtures/ranking.py.
    const cases = JSON.parse(
      readFileSync(new URL('../../fixtures/ranking/ranking.json', import.meta.url), 'utf8'),
    ) as { name: string; expected: Record<string, number | null>[] }[];
    const file = `${ROOT}tests/fixtures/ranking/predictions.csv`;
    for (const k of [10, 3]) {
      const reference = cases[2]!.expected.find((e) => e.k === k)!;
      const args = k === 10 ? [file] : [file, '--k', String(k)];
      const { ranking } = JSON.parse(metricsCommand(args));
      expect(ranking.k).toBe(k);
      expect(ranking.groups).toBe(reference.groups);
      for (const name of ['ndcgAtK', 'recallAtK', 'groupAuc'] as const) {
        expectClose(ranking[name], reference[name]!, 1e-12, name);
      }
    }
    expect(JSON.parse(metricsCommand([`${ROOT}${CSV}check-vector.csv`])).ranking).toBeUndefined();
    expect(() => metricsCommand([file, '--k', '0'])).toThrow(
      'metrics: --k must be an integer >= 1; got 0',
    );
    expect(() => parsePredictionsCsv('y_true,y_prob,group\n1,0.5, \n', 'f.csv')).toThrow(
      'f.csv: data row 1, column group: the value is empty',
    );
  });

  it('accepts blank lines, spaces around values and a byte-order mark', () => {
    const parsed = parsePredictionsCsv('\uFEFFy_true, y_prob\n1, 0.25\n\n0,1\n', 'f.csv');
    expect(Array.from(parsed.y)).toEqual([1, 0]);
    expect(Array.from(parsed.p)).toEqual([0.25, 1]);
    expect(parsed.weights).toBeUndefined();
  });
});
