import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/lib/experiment/config.ts';
import { readStoredSweep, sameSweep } from '../../../src/lib/persistence/storedSweep.ts';
import { parseSweep } from '../../../src/lib/experiment/sweep.ts';
import {
  decodeSweepLink,
  encodeSweepLink,
  sweepDefinition,
} from '../../../src/lib/links/sweepLink.ts';
import { smallConfig } from '../../helpers/engine.ts';

const sweep = {
  base: smallConfig(),
  vary: { path: 'imbalance.negativeRate', values: [1, 0.3, 0.1] },
  seeds: 2,
};
/** A link whose JSON was edited by hand, as someone tampering with it would. */
const linkOf = (value: unknown) =>
  `#sweep=${Buffer.from(JSON.stringify(value)).toString('base64url')}`;

describe('sweep links', () => {
  it('round-trip the sweep with the base config defaults filled in', () => {
    const hash = encodeSweepLink(sweep);
    expect(hash).toMatch(/^#sweep=[A-Za-z0-9_-]+$/);
    const link = decodeSweepLink(hash);
    expect(link).toEqual({
      ok: true,
      definition: { base: parseConfig(sweep.base), vary: sweep.vary, seeds: 2 },
    });
  });

  it('are not sweep links without the prefix (a setup link, an anchor)', () => {
    expect(decodeSweepLink('#v1=abc')).toEqual({ ok: false, problem: 'none' });
    expect(decodeSweepLink('')).toEqual({ ok: false, problem: 'none' });
  });

  it('name the field a tampered link breaks', () => {
    const badValue = { ...sweep, vary: { ...sweep.vary, values: [1, 2] } };
    expect(decodeSweepLink(linkOf(badValue))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(
        /^This sweep link is not valid: Invalid sweep at vary\.values\[1\] \(2 for imbalance\.negativeRate\): Invalid config at imbalance\.negativeRate/,
      ),
    });
    const badBase = { ...sweep, base: { ...sweep.base, seed: -1 } };
    expect(decodeSweepLink(linkOf(badBase))).toMatchObject({
      reason: expect.stringMatching(/Invalid sweep at base: Invalid config at seed/),
    });
    const badSeeds = { ...sweep, seeds: 0 };
    expect(decodeSweepLink(linkOf(badSeeds))).toMatchObject({
      reason: expect.stringMatching(/Invalid sweep at seeds/),
    });
    expect(decodeSweepLink('#sweep=%%%')).toMatchObject({
      reason: expect.stringMatching(/damaged/),
    });
  });

  it("refuse a sweep over the user's own data", () => {
    const own = {
      ...sweep,
      base: { ...sweep.base, data: { ...sweep.base.data, source: 'upload:mine.csv' } },
    };
    expect(() => encodeSweepLink(own)).toThrow(/your own CSV/);
    expect(decodeSweepLink(linkOf(own))).toMatchObject({
      reason: expect.stringMatching(/own CSV/),
    });
  });
});

describe('stored sweeps', () => {
  const definition = sweepDefinition(parseSweep(sweep));
  const record = {
    id: 4,
    createdAt: 1000,
    definition,
    result: { points: [{}, {}, {}] },
    schemaVersion: 1,
  };

  it('are read back when well formed, and recognised as the same sweep as a link', () => {
    const read = readStoredSweep(JSON.parse(JSON.stringify(record)));
    if (!read.ok) throw new Error(read.reason);
    expect(sameSweep(read.sweep.definition, definition)).toBe(true);
  });

  it('are left out, with the reason, when damaged', () => {
    expect(readStoredSweep({ ...record, schemaVersion: 9 })).toEqual({
      ok: false,
      reason: 'it has no known format version (9)',
    });
    expect(readStoredSweep({ ...record, id: 0 })).toMatchObject({ ok: false });
    expect(readStoredSweep({ ...record, result: { points: [{}] } })).toEqual({
      ok: false,
      reason: 'its result does not have one point per value',
    });
    expect(
      readStoredSweep({
        ...record,
        definition: { ...definition, vary: { path: 'seed', values: [1] } },
      }),
    ).toMatchObject({ ok: false, reason: expect.stringMatching(/the seed is not a knob/) });
  });
});
