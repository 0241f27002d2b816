/** Typed access to the scikit-learn reference values written by scripts/fixtures/metrics.py. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

const FIXTURES = new URL('../../fixtures/metrics/', import.meta.url);

export function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;
}

export interface ReferenceBin {
  count: number;
  weight: number;
  meanPredicted: number | null;
  observedRate: number | null;
}

export interface BinaryReference {
  logLoss: number;
  brier: number;
  accuracy: number;
  precision: number | null;
  recall: number | null;
  f1: number;
  rocAuc: number | null;
  averagePrecision: number | null;
  ece: number;
  eceEqualMass: number;
  normalizedEntropy: number | null;
  calibrationRatio: number | null;
  baseRate: number;
  reliability: ReferenceBin[];
  reliabilityEqualMass: (ReferenceBin & { lower: number; upper: number })[];
}

export interface BinaryCase {
  name: string;
  y: number[];
  p: number[];
  weights: number[] | null;
  expected: BinaryReference;
  curves: {
    roc: { fpr: number[]; tpr: number[]; thresholds: number[] } | null;
    pr: { precision: number[]; recall: number[]; thresholds: number[] } | null;
  };
}

/**
 * Asserts |actual - expected| <= tolerance * max(1, |expected|): absolute near 0, relative for
 * large values. Null must match null.
 */
export function expectClose(
  actual: number | null | undefined,
  expected: number | null,
  tolerance = 1e-12,
  label = '',
): void {
  if (expected === null) {
    expect(actual, label).toBeNull();
    return;
  }
  expect(actual, label).toBeTypeOf('number');
  const error = Math.abs((actual as number) - expected);
  expect(error, `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    tolerance * Math.max(1, Math.abs(expected)),
  );
}

export function expectAllClose(
  actual: readonly number[],
  expected: readonly number[],
  tolerance = 1e-12,
  label = '',
): void {
  expect(actual.length, `${label} length`).toBe(expected.length);
  expected.forEach((e, i) => expectClose(actual[i], e, tolerance, `${label}[${i}]`));
}
