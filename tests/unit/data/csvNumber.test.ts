import { describe, expect, it } from 'vitest';
import { parsePlainNumber } from '../../../src/lib/data/csvNumber.ts';
import { createRng } from '../../../src/lib/random.ts';

/**
 * The reference: the plain-number grammar of schemaParsers' parseNumber (dot mark), read by
 * Number() itself. Written out here, not imported, so the two cannot drift together.
 */
const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const reference = (s: string): number => (PLAIN.test(s) ? Number(s) : NaN);
const parse = (s: string): number => parsePlainNumber(s, 0, s.length);

describe('parsePlainNumber', () => {
  it('reads the plain forms exactly as Number() does, -0 included', () => {
    const cases = ['0', '-0', '+5', '.5', '1.', '-.25', '1e5', '1E-5', '2.5e+3', '007', '0.1'];
    for (const s of cases) expect(Object.is(parse(s), Number(s))).toBe(true);
    expect(Object.is(parse('-0'), -0)).toBe(true);
  });

  it('refuses what the schema does not call a number: Infinity, hex, spaces, separators, bare signs', () => {
    const refused = ['', '+', '-', '.', 'e5', '1e', '1e+', 'Infinity', '-Infinity', 'NaN', '0x1A'];
    refused.push(' 1', '1 ', '1,000', '1_000', '1.2.3', '--1', '+-1', '1e5.5', '١');
    for (const s of refused) expect(parse(s)).toBeNaN();
  });

  it('rounds long mantissas and far exponents as Number() does', () => {
    const cases = [
      '9007199254740993',
      '0.1000000000000000055511151231257827',
      '123456789012345678901234567890',
      '1e23',
      '1e-23',
      '2.2250738585072011e-308',
      '4.9e-324',
      '1e309',
      '-1e400',
      '1e-400',
      '1e0000000000000000005',
    ];
    for (const s of cases) expect(Object.is(parse(s), Number(s))).toBe(true);
  });

  it('matches the reference on 400,000 random strings of number characters', () => {
    const rng = createRng(13);
    const alphabet = '0123456789012345678901234567890123456789.eE+- xI';
    let numbers = 0;
    for (let k = 0; k < 400_000; k++) {
      let s = '';
      for (let j = 1 + rng.int(24); j > 0; j--) s += alphabet[rng.int(alphabet.length)];
      const expected = reference(s);
      if (!Object.is(parse(s), expected)) expect([s, parse(s)]).toEqual([s, expected]);
      if (!Number.isNaN(expected)) numbers++;
    }
    expect(numbers).toBeGreaterThan(50_000);
  });

  it('matches Number() on 200,000 doubles written by String, toFixed, toExponential, toPrecision', () => {
    const rng = createRng(14);
    for (let k = 0; k < 50_000; k++) {
      const x = (rng.next() - 0.5) * 10 ** (rng.next() * 60 - 30);
      const forms = [
        String(x),
        x.toFixed(rng.int(12)),
        x.toExponential(rng.int(20)),
        x.toPrecision(1 + rng.int(21)),
      ];
      for (const s of forms)
        if (!Object.is(parse(s), Number(s))) expect(s).toBe('read as Number()');
    }
  });

  it('reads only the range asked for, whatever digits surround it', () => {
    const text = '9912.5e39,7';
    expect(parsePlainNumber(text, 2, 6)).toBe(12.5);
    expect(parsePlainNumber(text, 2, 8)).toBe(12.5e3);
    expect(parsePlainNumber(text, 2, 2)).toBeNaN();
    expect(parsePlainNumber(text, 10, 11)).toBe(7);
  });
});
