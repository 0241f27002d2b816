import { binaryMetrics } from './binary.ts';
import { delongTest } from './delong.ts';
import {
  BOOTSTRAP_METRICS,
  pairedBootstrap,
  type BootstrapMetricName,
  type PairedBootstrapOptions,
} from './pairedBootstrap.ts';

/** Which run is better on a metric, or neither beyond noise. */
export type Verdict = 'a-better' | 'within-noise' | 'b-better';

/** One metric of a paired comparison; `diff` = a - b. */
export interface BootstrapComparison {
  a: number;
  b: number;
  diff: number;
  ci95: [number, number];
  method: 'paired-bootstrap';
  verdict: Verdict;
}

export interface DelongComparison {
  a: number;
  b: number;
  diff: number;
  ci95: [number, number];
  method: 'delong';
  z: number;
  pValue: number;
  verdict: Verdict;
}

/** The output of `npm run cli -- compare`, keys as docs/design.md "Sweeps and uncertainty" states. */
/** The calibration ratio, where closer to 1 is better. */
export interface RatioComparison extends BootstrapComparison {
  /** The 95% interval of |a - 1| - |b - 1|, which the verdict reads (lower: a is closer to 1). */
  closerToOneCi95: [number, number];
}

export interface PairedComparison {
  rows: number;
  metrics: { rocAuc: DelongComparison; calibrationRatio: RatioComparison } & Record<
    Exclude<BootstrapMetricName, 'calibrationRatio'>,
    BootstrapComparison
  >;
}

/** For each compared metric: is a higher value better, lower, or closer to 1. */
const DIRECTION: Record<'rocAuc' | BootstrapMetricName, 'higher' | 'lower' | 'towards-one'> = {
  rocAuc: 'higher',
  logLoss: 'lower',
  brier: 'lower',
  ece: 'lower',
  calibrationRatio: 'towards-one',
};

/**
 * Compares models A and B scored on the same rows: ROC AUC by DeLong's test, log loss, Brier,
 * ECE and the calibration ratio by a paired bootstrap, each with a verdict.
 *
 * @param y labels 0/1 with both classes present
 * @param pA, pB probabilities of A and of B for the same rows in the same order
 * @throws RangeError on bad input or one class only
 */
export function comparePredictions(
  y: ArrayLike<number>,
  pA: ArrayLike<number>,
  pB: ArrayLike<number>,
  options: PairedBootstrapOptions = {},
): PairedComparison {
  const delong = delongTest(y, pA, pB);
  const a = binaryMetrics(y, pA);
  const b = binaryMetrics(y, pB);
  const intervals = pairedBootstrap(y, pA, pB, options);
  const bootstrap = {} as Record<BootstrapMetricName, BootstrapComparison>;
  for (const name of BOOTSTRAP_METRICS) {
    // Both classes are present (DeLong checked), so every one of these metrics is defined.
    const valueA = a[name]!;
    const valueB = b[name]!;
    const { ci95, verdictCi95 } = intervals[name];
    bootstrap[name] = {
      a: valueA,
      b: valueB,
      diff: valueA - valueB,
      ci95,
      method: 'paired-bootstrap',
      verdict: verdict(verdictCi95, DIRECTION[name]),
    };
  }
  const calibrationRatio: RatioComparison = {
    ...bootstrap.calibrationRatio,
    closerToOneCi95: intervals.calibrationRatio.verdictCi95,
  };
  return {
    rows: y.length,
    metrics: {
      rocAuc: {
        a: delong.a,
        b: delong.b,
        diff: delong.diff,
        ci95: delong.ci95,
        method: 'delong',
        z: delong.z,
        pValue: delong.pValue,
        verdict: verdict(delong.ci95, DIRECTION.rocAuc),
      },
      ...bootstrap,
      calibrationRatio,
    },
  };
}

/**
 * "within-noise" when the 95% interval of the difference contains 0, else the better side. For
 * "towards-one" the interval is of |a - 1| - |b - 1|, so lower is better.
 */
export function verdict(
  [lo, hi]: readonly [number, number],
  direction: 'higher' | 'lower' | 'towards-one',
): Verdict {
  if (!(lo > 0 || hi < 0)) return 'within-noise';
  const aHigher = lo > 0;
  return aHigher === (direction === 'higher') ? 'a-better' : 'b-better';
}
