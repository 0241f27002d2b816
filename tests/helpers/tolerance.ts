import { expect } from 'vitest';

/** Asserts |actual - expected| <= tolerance, naming both numbers on failure. */
export function expectNear(actual: number | undefined, expected: number, tolerance: number): void {
  expect(actual, `expected ${actual} within ${tolerance} of ${expected}`).toBeTypeOf('number');
  expect(
    Math.abs(actual! - expected),
    `expected ${actual} within ${tolerance} of ${expected}`,
  ).toBeLessThanOrEqual(tolerance);
}
