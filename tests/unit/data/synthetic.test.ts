import { describe, expect, it } from 'vitest';
import { CTR_DEFAULT_SPEC, CTR_DEMO_SPEC, generateCtr } from '../../../src/lib/data/synthetic.ts';
import type {
  CategoricalColumn,
  Column,
  NumericColumn,
  Table,
} from '../../../src/lib/data/table.ts';
import { getColumn } from '../../../src/lib/data/table.ts';

function numeric(table: Table, name: string): Float64Array {
  const column = getColumn(table, name);
  if (column.kind !== 'numeric') throw new Error(`${name} is not numeric`);
  return column.values;
}

function codes(table: Table, name: string): Int32Array {
  const column = getColumn(table, name);
  if (column.kind !== 'categorical') throw new Error(`${name} is not categorical`);
  return column.codes;
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

function bytesOf(column: Column): Buffer {
  const array = column.kind === 'categorical' ? column.codes : (column as NumericColumn).values;
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/** Zipf's law: the top level's share of n levels with exponent s is 1 / H(n, s). */
function zipfShare(rank: number, n: number, s: number): number {
  let h = 0;
  for (let k = 1; k <= n; k++) h += k ** -s;
  return (rank + 1) ** -s / h;
}

describe('generateCtr', () => {
  it('hits the requested base rate, with the mean true probability equal to it', () => {
    for (const [rows, baseRate] of [
      [1_000_000, 0.001],
      [100_000, 0.02],
      [50_000, 0.1],
      [50_000, 0.5],
    ] as const) {
      const table = generateCtr({ rows, baseRate }, 11);
      expect(mean(numeric(table, 'p_true'))).toBeCloseTo(baseRate, 10);
      // The clicks are Bernoulli(p_true): the empirical rate lies within 4 standard errors.
      const standardError = Math.sqrt((baseRate * (1 - baseRate)) / rows);
      expect(Math.abs(mean(codes(table, 'click')) - baseRate)).toBeLessThan(4 * standardError);
    }
  });

  it('returns the features, p_true and a 0/1 click column', () => {
    const table = generateCtr({ rows: 1000 }, 1);
    expect(table.rowCount).toBe(1000);
    expect(table.columns.map((c) => c.name)).toEqual([
      ...CTR_DEFAULT_SPEC.categorical.map((f) => f.name),
      ...CTR_DEFAULT_SPEC.numeric.map((f) => f.name),
      'user_id',
      'p_true',
      'click',
    ]);
    const click = getColumn(table, 'click') as CategoricalColumn;
    expect(click.kind).toBe('categorical');
    expect(click.dictionary).toEqual(['0', '1']);
    expect(click.codes.every((c) => c === 0 || c === 1)).toBe(true);
    expect((getColumn(table, 'ad_id') as CategoricalColumn).dictionary).toHaveLength(10_000);
    expect((getColumn(table, 'device_type') as CategoricalColumn).dictionary[0]).toBe('mobile');
    expect(numeric(table, 'bid_price').every((v) => Number.isNaN(v) || v > 0)).toBe(true);
  });

  it('gives a byte-identical table for the same seed and a different one for another seed', () => {
    const a = generateCtr({ rows: 20_000 }, 42);
    const b = generateCtr({ rows: 20_000 }, 42);
    const c = generateCtr({ rows: 20_000 }, 43);
    a.columns.forEach((column, j) => {
      expect(bytesOf(column).equals(bytesOf(b.columns[j]!))).toBe(true);
      expect(bytesOf(column).equals(bytesOf(c.columns[j]!))).toBe(false);
    });
  });

  it('extends the same rows when more rows are requested', () => {
    const small = generateCtr({ rows: 1000, missingRate: 0 }, 5);
    const large = generateCtr({ rows: 3000, missingRate: 0 }, 5);
    expect(codes(large, 'ad_id').subarray(0, 1000)).toEqual(codes(small, 'ad_id'));
    expect(numeric(large, 'relevance').subarray(0, 1000)).toEqual(numeric(small, 'relevance'));
  });

  it('draws ids from a Zipf law: level shares match (k+1)^-s / H(n, s)', () => {
    const rows = 200_000;
    const table = generateCtr({ rows, missingRate: 0 }, 3);
    const tally = (values: Int32Array, levels: number): Float64Array => {
      const counts = new Float64Array(levels);
      for (const v of values) counts[v]!++;
      return counts.map((count) => count / rows);
    };
    const ad = tally(codes(table, 'ad_id'), 10_000);
    const site = tally(codes(table, 'site_id'), 1000);
    for (const [shares, n] of [
      [ad, 10_000],
      [site, 1000],
    ] as const) {
      for (const rank of [0, 1, 9]) {
        const expected = zipfShare(rank, n, 1.1);
        const tolerance = 4 * Math.sqrt((expected * (1 - expected)) / rows);
        expect(Math.abs(shares[rank]! - expected)).toBeLessThan(tolerance);
      }
    }
    // hour has exponent 0: uniform over 24 levels.
    for (const share of tally(codes(table, 'hour'), 24)) {
      expect(Math.abs(share - 1 / 24)).toBeLessThan(4 * Math.sqrt(((1 / 24) * (23 / 24)) / rows));
    }
  });

  it('blanks features at the missing rate and never the target, p_true or the user', () => {
    const rows = 100_000;
    const missingRate = 0.1;
    const table = generateCtr({ rows, missingRate }, 9);
    const tolerance = 4 * Math.sqrt((missingRate * (1 - missingRate)) / rows);
    for (const column of table.columns) {
      const missing =
        column.kind === 'numeric'
          ? column.values.filter((v) => Number.isNaN(v)).length
          : (column as CategoricalColumn).codes.filter((c) => c < 0).length;
      if (['click', 'p_true', 'user_id'].includes(column.name)) expect(missing).toBe(0);
      else expect(Math.abs(missing / rows - missingRate)).toBeLessThan(tolerance);
    }
    const complete = generateCtr({ rows: 10_000, missingRate: 0 }, 9);
    expect(codes(complete, 'ad_id').every((c) => c >= 0)).toBe(true);
    expect(numeric(complete, 'bid_price').every((v) => !Number.isNaN(v))).toBe(true);
  });

  it('blanks the missingByLabel column at its own rate on clicked and unclicked rows', () => {
    const rows = 100_000;
    const missingByLabel = { column: 'user_engagement', whenClick: 0.4, whenNoClick: 0.1 };
    const table = generateCtr({ rows, baseRate: 0.2, missingRate: 0, missingByLabel }, 9);
    const click = codes(table, 'click');
    const engagement = numeric(table, 'user_engagement');
    const tally = [0, 0, 0, 0]; // [rows without a click, their blanks, rows with one, their blanks]
    for (let i = 0; i < rows; i++) {
      tally[2 * click[i]!]!++;
      if (Number.isNaN(engagement[i]!)) tally[2 * click[i]! + 1]!++;
    }
    const within = (blanks: number, n: number, rate: number) =>
      expect(Math.abs(blanks / n - rate)).toBeLessThan(4 * Math.sqrt((rate * (1 - rate)) / n));
    within(tally[1]!, tally[0]!, 0.1);
    within(tally[3]!, tally[2]!, 0.4);
    // Every other column, and the clicks themselves, are those of the same seed without it.
    const plain = generateCtr({ rows, baseRate: 0.2, missingRate: 0 }, 9);
    expect(codes(plain, 'click')).toEqual(click);
    expect(numeric(plain, 'relevance')).toEqual(numeric(table, 'relevance'));
    expect(() =>
      generateCtr({ missingByLabel: { ...missingByLabel, column: 'click' } }, 1),
    ).toThrow(/missingByLabel.column: no feature field "click"/);
  });

  it('spreads the rows over `days` days in a time column of its own, leaving the rest as it was', () => {
    const rows = 100_000;
    const days = 28;
    const table = generateCtr({ rows, days }, 6);
    const plain = generateCtr({ rows }, 6);
    expect(table.columns.map((c) => c.name)).toEqual([
      ...plain.columns.map((c) => c.name).slice(0, -2),
      'time',
      'p_true',
      'click',
    ]);
    for (const column of plain.columns) {
      expect(bytesOf(getColumn(table, column.name)).equals(bytesOf(column))).toBe(true);
    }
    const time = getColumn(table, 'time');
    if (time.kind !== 'datetime') throw new Error('time is not a datetime column');
    const start = Date.UTC(2024, 0, 1);
    const perDay = new Float64Array(days);
    time.values.forEach((ms, i) => {
      expect(ms % 1000).toBe(0);
      expect(time.raw[i]).toBe(new Date(ms).toISOString());
      perDay[Math.floor((ms - start) / 86_400_000)]!++;
    });
    // Uniform over the days: every day's share within 4 standard errors of 1 / days.
    const se = Math.sqrt(((1 / days) * (1 - 1 / days)) / rows);
    for (const count of perDay) expect(Math.abs(count / rows - 1 / days)).toBeLessThan(4 * se);
    expect(() => generateCtr({ days: 366 }, 1)).toThrow('days must be an integer from 0 to 365');
  });

  it('makes p_true depend on the features', () => {
    const table = generateCtr({ ...CTR_DEMO_SPEC, missingRate: 0 }, 2);
    const p = numeric(table, 'p_true');
    const device = codes(table, 'device_type');
    const rateByDevice = [0, 1, 2, 3, 4].map((level) =>
      mean(p.filter((_, i) => device[i] === level)),
    );
    expect(Math.max(...rateByDevice) - Math.min(...rateByDevice)).toBeGreaterThan(0.01);
    expect(mean(p)).toBeCloseTo(0.1, 10);
  });

  it('builds the logit from level effects, linear, quadratic and interaction terms', () => {
    // Two categorical fields and one normal field: after removing the documented numeric terms
    // (0.5 z, plus 0.4 (z^2 - 1) with interactions), the logit is a function of the (a, b) cell.
    // Without interactions it is additive, so every double difference across cells is zero.
    const doubleDifferences = (interactions: boolean): number[] => {
      const table = generateCtr(
        {
          rows: 5000,
          missingRate: 0,
          interactions,
          categorical: [
            { name: 'a', cardinality: 3, effectScale: 1, zipfExponent: 0 },
            { name: 'b', cardinality: 4, effectScale: 1, zipfExponent: 0 },
          ],
          numeric: [{ name: 'x', distribution: 'normal', coefficient: 0.5 }],
          interactionFields: ['a', 'b'],
          nonlinearField: 'x',
          users: { ...CTR_DEFAULT_SPEC.users, count: 0 },
        },
        8,
      );
      const p = numeric(table, 'p_true');
      const x = numeric(table, 'x');
      const a = codes(table, 'a');
      const b = codes(table, 'b');
      const cell = new Float64Array(12).fill(NaN);
      for (let i = 0; i < table.rowCount; i++) {
        const z = x[i]!;
        const rest =
          Math.log(p[i]! / (1 - p[i]!)) - 0.5 * z - (interactions ? 0.4 * (z * z - 1) : 0);
        const k = a[i]! * 4 + b[i]!;
        if (Number.isNaN(cell[k]!)) cell[k] = rest;
        else expect(rest).toBeCloseTo(cell[k]!, 9);
      }
      const out: number[] = [];
      for (let j = 1; j < 3; j++) {
        for (let m = 1; m < 4; m++) out.push(cell[j * 4 + m]! - cell[j * 4]! - cell[m]! + cell[0]!);
      }
      return out;
    };
    for (const d of doubleDifferences(false)) expect(Math.abs(d)).toBeLessThan(1e-9);
    expect(Math.max(...doubleDifferences(true).map(Math.abs))).toBeGreaterThan(0.1);
  });

  it('draws users from a Zipf law, each with an effect of their own, leaving the features as they were', () => {
    const rows = 100_000;
    const users = { count: 500, zipfExponent: 0.7, effectScale: 0.8 };
    const withUsers = generateCtr({ rows, missingRate: 0, users }, 4);
    const plain = generateCtr({ rows, missingRate: 0, users: { ...users, effectScale: 0 } }, 4);
    const none = generateCtr({ rows, missingRate: 0, users: { ...users, count: 0 } }, 4);
    expect(none.columns.map((c) => c.name)).not.toContain('user_id');
    // The feature columns do not depend on the user column being there.
    for (const column of none.columns.filter((c) => c.name !== 'p_true' && c.name !== 'click')) {
      expect(bytesOf(getColumn(withUsers, column.name)).equals(bytesOf(column))).toBe(true);
    }
    const user = codes(withUsers, 'user_id');
    const counts = new Float64Array(users.count);
    for (const u of user) counts[u]!++;
    for (const rank of [0, 1, 9, 99]) {
      const expected = zipfShare(rank, users.count, users.zipfExponent);
      expect(Math.abs(counts[rank]! / rows - expected)).toBeLessThan(
        4 * Math.sqrt((expected * (1 - expected)) / rows),
      );
    }
    // The two tables differ in the logit by the user's effect plus an intercept shift: constant
    // within a user, with a standard deviation of effectScale across users.
    const logit = (v: number) => Math.log(v / (1 - v));
    const p1 = numeric(withUsers, 'p_true');
    const p0 = numeric(plain, 'p_true');
    const shift = new Float64Array(users.count).fill(NaN);
    for (let i = 0; i < rows; i++) {
      const d = logit(p1[i]!) - logit(p0[i]!);
      if (Number.isNaN(shift[user[i]!]!)) shift[user[i]!] = d;
      else expect(d).toBeCloseTo(shift[user[i]!]!, 8);
    }
    const seen = shift.filter((d) => !Number.isNaN(d));
    const m = mean(seen);
    const sd = Math.sqrt(mean(seen.map((d) => (d - m) ** 2)));
    expect(Math.abs(sd - users.effectScale)).toBeLessThan(0.1);
  });

  it('rejects specs outside the allowed ranges', () => {
    expect(() => generateCtr({ rows: 0 }, 1)).toThrow(RangeError);
    expect(() => generateCtr({ rows: 1_000_001 }, 1)).toThrow(RangeError);
    expect(() => generateCtr({ baseRate: 0.0005 }, 1)).toThrow(RangeError);
    expect(() => generateCtr({ baseRate: 0.6 }, 1)).toThrow(RangeError);
    expect(() => generateCtr({ missingRate: 1 }, 1)).toThrow(RangeError);
    expect(() => generateCtr({ interactionFields: ['ad_id', 'nope'] }, 1)).toThrow(RangeError);
    expect(() =>
      generateCtr({ users: { count: 1.5, zipfExponent: 1, effectScale: 1 } }, 1),
    ).toThrow('users.count');
  });
});
