import { describe, expect, it } from 'vitest';
import { binaryMetrics } from '../../../src/lib/metrics/binary.ts';
import { CHECK_P, CHECK_Y } from '../../helpers/checkVector.ts';

// docs/design.md "Definitions": the 20-row check vector and its published values (6 decimals).
const y = [...CHECK_Y];
const p = [...CHECK_P];

describe('the design-doc check vector', () => {
  it('reproduces the values docs/design.md publishes', () => {
    const m = binaryMetrics(y, p);
    expect(m.logLoss).toBeCloseTo(0.486851, 6);
    expect(m.brier).toBeCloseTo(0.157645, 6);
    expect(m.rocAuc).toBeCloseTo(0.854167, 6);
    expect(m.accuracy).toBeCloseTo(0.75, 6);
    expect(m.normalizedEntropy).toBeCloseTo(0.723392, 6);
    expect(m.calibrationRatio).toBeCloseTo(1.12125, 6);
    expect(m.averagePrecision).toBeCloseTo(0.755952, 6);
    expect(m.ece).toBeCloseTo(0.1635, 6);
    expect(m.eceEqualMass).toBeCloseTo(0.1985, 6);
    expect(m.reliabilityEqualMass.map((bin) => bin.count)).toEqual(Array(10).fill(2));
  });
});
