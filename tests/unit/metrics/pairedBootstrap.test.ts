import { describe, expect, it } from 'vitest';
import {
  pairedBootstrap,
  type BootstrapMetricName,
} from '../../../src/lib/metrics/pairedBootstrap.ts';
import { createRng } from '../../../src/lib/random.ts';
import { expectClose } from './referenceData.ts';
import { readCompareFixture, type PairedCase } from './compareFixtures.ts';

interface BootstrapCase extends PairedCase {
  resamples: number;
  seed: number;
  expected: Record<BootstrapMetricName, { ci95: [number, number]; verdictCi95: [number, number] }>;
}

describe('pairedBootstrap', () => {
  it.each(readCompareFixture<BootstrapCase[]>('bootstrap.json').map((c) => [c.name, c] as const))(
    'equals numpy percentiles over the same resampled rows: %s',
    (_, c) => {
      const result = pairedBootstrap(c.y, c.pA, c.pB, { resamples: c.resamples, seed: c.seed });
      for (const [name, expected] of Object.entries(c.expected)) {
        const got = result[name as BootstrapMetricName];
        expectClose(got.ci95[0], expected.ci95[0], 1e-10, `${name} lo`);
        expectClose(got.ci95[1], expected.ci95[1], 1e-10, `${name} hi`);
        expectClose(got.verdictCi95[0], expected.verdictCi95[0], 1e-10, `${name} verdict lo`);
        expectClose(got.verdictCi95[1], expected.verdictCi95[1], 1e-10, `${name} verdict hi`);
        expect(got.undefinedResamples).toBe(0);
      }
    },
  );

  it('is reproducible by seed and changes with it', () => {
    const { y, pA, pB } = population(300, 1);
    const first = pairedBootstrap(y, pA, pB, { resamples: 200, seed: 3 });
    expect(pairedBootstrap(y, pA, pB, { resamples: 200, seed: 3 })).toEqual(first);
    expect(pairedBootstrap(y, pA, pB, { resamples: 200, seed: 4 }).brier.ci95).not.toEqual(
      first.brier.ci95,
    );
  });

  it('covers the known population difference in about 95% of synthetic data sets', () => {
    // A predicts the true probability q; B is overconfident, sigmoid(logit(q) + 0.8). q is uniform
    // over a finite grid, so the population values are exact finite means.
    const truth = populationDifferences();
    const replications = 40;
    const covered = { logLoss: 0, brier: 0, calibrationRatio: 0 };
    let brierExcludesZero = 0;
    for (let r = 0; r < replications; r++) {
      const { y, pA, pB } = population(1000, 100 + r);
      const result = pairedBootstrap(y, pA, pB, { resamples: 400, seed: r });
      for (const name of ['logLoss', 'brier', 'calibrationRatio'] as const) {
        const [lo, hi] = result[name].ci95;
        if (lo <= truth[name] && truth[name] <= hi) covered[name]++;
      }
      if (result.brier.ci95[1] < 0) brierExcludesZero++;
    }
    for (const count of Object.values(covered)) expect(count / replications).toBeGreaterThan(0.85);
    // The intervals are narrow enough to see the difference, so covering it is not trivial.
    expect(brierExcludesZero / replications).toBeGreaterThan(0.9);
  });

  it('refuses fewer than two resamples and empty input', () => {
    expect(() => pairedBootstrap([0, 1], [0.1, 0.9], [0.2, 0.8], { resamples: 1 })).toThrow(
      /resamples = 1/,
    );
    expect(() => pairedBootstrap([], [], [])).toThrow(/at least one row/);
  });
});

const GRID = Array.from({ length: 18 }, (_, i) => 0.05 * (i + 1));
const overconfident = (q: number) => 1 / (1 + ((1 - q) / q) * Math.exp(-0.8));

function population(n: number, seed: number) {
  const rng = createRng(seed);
  const y = new Float64Array(n);
  const pA = new Float64Array(n);
  const pB = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const q = GRID[rng.int(GRID.length)]!;
    y[i] = rng.next() < q ? 1 : 0;
    pA[i] = q;
    pB[i] = overconfident(q);
  }
  return { y, pA, pB };
}

/** Expected A - B over the grid: log loss and Brier as means, the ratio as E[p] / E[y]. */
function populationDifferences() {
  const mean = (f: (q: number) => number) => GRID.reduce((s, q) => s + f(q), 0) / GRID.length;
  const logLoss = (p: number, q: number) => -(q * Math.log(p) + (1 - q) * Math.log(1 - p));
  const brier = (p: number, q: number) => p * p - 2 * p * q + q;
  return {
    logLoss: mean((q) => logLoss(q, q) - logLoss(overconfident(q), q)),
    brier: mean((q) => brier(q, q) - brier(overconfident(q), q)),
    calibrationRatio: 1 - mean(overconfident) / mean((q) => q),
  };
}
