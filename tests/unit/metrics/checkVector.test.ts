import { describe, expect, it } from 'vitest';
import { binaryMetrics } from '../../../src/lib/metrics/binary.ts';

// docs/design.md "Definitions": the 20-row check vector and its published values (6 decimals).
const y = [0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1];
const p = [
  0.02, 0.05, 0.1, 0.15, 0.2, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8, 0.85,
  0.9, 0.95,
];

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
