/**
 * Hostile files (tests/fixtures/csv/, indexed in its README.md) and generated ones: each is read,
 * or refused with a short message that names the problem and quotes no raw bytes.
 */
import { describe, expect, it } from 'vitest';
import { CsvError } from '../../../src/lib/data/csvError.ts';
import { MAX_COLUMNS } from '../../../src/lib/data/csvHeader.ts';
import { parseCsv } from '../../../src/lib/data/csvImport.ts';
import { createEngineApi } from '../../../src/lib/engineApi.ts';
import { NO_FEATURES } from '../../../src/lib/features/describeFeatures.ts';
import { fixtureBlob, importError, numbers, strings } from './csvHelpers.ts';

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** A short, one-line, escaped message: what every error that quotes input must be. */
function expectTame(message: string) {
  expect(message.length).toBeLessThan(600);
  expect(message).not.toMatch(CONTROL);
  expect(message).not.toMatch(/[\r\n]/);
}

/** An engine with `files` imported as uploads, on the cpu backend. */
async function engineWith(files: Record<string, Blob>) {
  const engine = createEngineApi({ readData: async () => '' });
  await engine.init('cpu');
  let id = 1;
  for (const [name, blob] of Object.entries(files)) {
    const outcome = await engine.importCsv(id++, name, blob);
    if (!outcome.ok) throw new Error(outcome.message);
  }
  return engine;
}

function config(source: string, target: string, extra: object = {}) {
  return {
    data: { source: `upload:${source}`, target, task: 'binary' },
    model: { family: 'logistic', maxIterations: 2 },
    ...extra,
  };
}

async function trainError(engine: Awaited<ReturnType<typeof engineWith>>, input: unknown) {
  const outcome = await engine.train(99, input);
  if (outcome.ok) throw new Error('the run succeeded');
  return outcome.message;
}

describe('text encodings', () => {
  it.each(['utf16le-bom.csv', 'utf16be-bom.csv', 'utf16le-no-bom.csv'])(
    'decodes UTF-16 (%s) and says so',
    async (name) => {
      const { table, report } = await parseCsv(fixtureBlob(name), { chunkSize: 7 });
      expect(table.columns.map((c) => c.name)).toEqual(['name', 'score', 'label']);
      expect(strings(table, 'name')).toEqual(['Adélie', 'Gentoo', 'Chinstrap']);
      expect(numbers(table, 'score')).toEqual([1.5, 2.5, 3.5]);
      expect(report.warnings[0]).toMatch(/^The file is UTF-16 text \((little|big)-endian\)/);
    },
  );

  it('tells UTF-16 without a byte order mark when the stream hands over a few bytes at a time', async () => {
    const bytes = new Uint8Array(await fixtureBlob('utf16le-no-bom.csv').arrayBuffer());
    // A Blob of 3-byte parts, which Node's Blob stream hands over one by one.
    const parts = Array.from({ length: Math.ceil(bytes.length / 3) }, (_, i) =>
      bytes.slice(3 * i, 3 * i + 3),
    );
    const { table, report } = await parseCsv(new Blob(parts));
    expect(strings(table, 'name')).toEqual(['Adélie', 'Gentoo', 'Chinstrap']);
    expect(report.warnings[0]).toMatch(/^The file is UTF-16 text \(little-endian\)/);
  });

  it('refuses binary content, naming the NUL bytes, without echoing them', async () => {
    for (const input of [fixtureBlob('binary-garbage.csv'), 'a,b\n1,\u0000\n']) {
      const error = await importError(input);
      expect(error).toBeInstanceOf(CsvError);
      expect(error.message).toMatch(/^This file is not text: it holds NUL characters/);
      expectTame(error.message);
    }
  });

  it('refuses a file that is mostly not UTF-8, naming the encoding to save it in', async () => {
    const error = await importError(fixtureBlob('windows-1252.csv'));
    expect(error.message).toMatch(/^This file is not UTF-8 text: \d+% of its first/);
    expect(error.message).toMatch(/Save it as CSV in UTF-8/);
  });
});

describe('hostile bytes in messages', () => {
  it('escapes terminal control sequences from names and values', async () => {
    const engine = await engineWith({ 'control.csv': fixtureBlob('control-chars.csv') });
    const view = await engine.inspect(config('control.csv', 'x'));
    if (!view.ok) throw new Error(view.message);
    const target = view.value.columns[1]!.name;
    expect(target).toContain('\u001b');
    const message = await trainError(engine, config('control.csv', target));
    expect(message).toMatch(/^The target "\\u001b\[2J\\u001b\[31mlabel" is a text column/);
    expectTame(message);
  });

  it('quotes at most 80 characters of a 2 MB value in the one-class message', async () => {
    const huge = 'v'.repeat(2 * 1024 * 1024);
    const csv = `x,y\n1,${huge}\n2,${huge}\n3,${huge}\n`;
    const engine = await engineWith({ 'huge.csv': new Blob([csv]) });
    const message = await trainError(engine, config('huge.csv', 'y'));
    expect(message).toMatch(/only one class \("v{80}…" \(2,097,152 characters\)\)/);
    expectTame(message);
  });
});

describe('headers', () => {
  it('renames many repeated names in linear time and reports them in a few lines', async () => {
    const names = Array.from({ length: MAX_COLUMNS }, () => 'x');
    const { table, report } = await parseCsv(
      `${names.join(',')}\n${names.map(() => 1).join(',')}\n`,
    );
    expect(table.columns.map((c) => c.name).slice(0, 3)).toEqual(['x', 'x_2', 'x_3']);
    expect(table.columns.at(-1)!.name).toBe(`x_${MAX_COLUMNS}`);
    expect(report.renamedHeaders).toHaveLength(MAX_COLUMNS - 1);
    expect(report.warnings.at(-1)).toBe(
      `${(MAX_COLUMNS - 1 - 5).toLocaleString('en-US')} more columns were renamed the same way.`,
    );
    expect(report.warnings.length).toBeLessThanOrEqual(6);
  });

  it('refuses more columns than the cap, 40,000 names in a header or a 2 MB one-line file', async () => {
    for (const input of [`${'x,'.repeat(40_000)}x\n1\n`, 'x,'.repeat(1024 * 1024)]) {
      const error = await importError(input);
      expect(error.message).toMatch(/^The header has [\d,]+ columns; at most 10,000 are supported/);
      expectTame(error.message);
    }
  });
});

describe('numbers and shapes that used to give silent or obscure failures', () => {
  it('reads 1e309 as missing, counted per column, and trains on finite numbers', async () => {
    const { table, schema, report } = await parseCsv(fixtureBlob('infinity.csv'));
    expect(numbers(table, 'z').filter(Number.isNaN)).toHaveLength(2);
    expect(schema.find((s) => s.name === 'z')?.overflowed).toBe(2);
    expect(report.warnings).toContain(
      'Column "z": 2 values are too large for a number (beyond ±1.8e308, like 1e309): read as missing.',
    );
    const engine = await engineWith({ 'inf.csv': fixtureBlob('infinity.csv') });
    const outcome = await engine.train(1, {
      ...config('inf.csv', 'y'),
      data: {
        source: 'upload:inf.csv',
        target: 'y',
        task: 'binary',
        split: { method: 'random', test: 0.25, validation: 0 },
      },
    });
    if (!outcome.ok) throw new Error(outcome.message);
    const test = outcome.value.metrics.test;
    expect(test.task === 'binary' && Number.isFinite(test.logLoss)).toBe(true);
  });

  it('refuses a target-only file instead of training a model without features', async () => {
    const engine = await engineWith({ 'only.csv': fixtureBlob('target-only.csv') });
    expect(await trainError(engine, config('only.csv', 'y'))).toBe(NO_FEATURES);
    const plan = await engine.plan(config('only.csv', 'y'));
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.value.warnings).toContain(NO_FEATURES);
  });

  it('says how many rows each split needs when two rows leave the test set empty', async () => {
    const engine = await engineWith({ 'two.csv': fixtureBlob('two-rows.csv') });
    const message = await trainError(engine, config('two.csv', 'y'));
    expect(message).toMatch(
      /^Too few rows to split: 2 rows with a target gave \d+ training, \d+ validation and \d+ test rows\./,
    );
    expect(message).toMatch(/takes about \d+ rows or more\.$/);
  });

  it('says a duplicated warning once (a link with the same cross twice)', async () => {
    const engine = await engineWith({ 'inf.csv': fixtureBlob('infinity.csv') });
    const crossed = config('inf.csv', 'y', {
      features: {
        crosses: [
          ['x', 'z', 8],
          ['x', 'z', 8],
        ],
      },
    });
    const plan = await engine.plan(crossed);
    if (!plan.ok) throw new Error(plan.message);
    expect(new Set(plan.value.warnings).size).toBe(plan.value.warnings.length);
    expect(plan.value.warnings.filter((w) => w.startsWith('Cross x x z'))).toHaveLength(2);
  });
});
