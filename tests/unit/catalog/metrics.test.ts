import { describe, expect, it } from 'vitest';
import {
  compareMetric,
  directionText,
  METRIC_KEYS,
  metricForTask,
  SPLIT_METRICS,
} from '../../../src/lib/catalog/metrics.ts';
import { binaryMetrics } from '../../../src/lib/metrics/binary.ts';
import { multiclassMetrics } from '../../../src/lib/metrics/multiclass.ts';
import { regressionMetrics } from '../../../src/lib/metrics/regression.ts';
import { parseConfig } from '../../../src/lib/experiment/config.ts';
import { cardChange, metricCards } from '../../../src/ui/results/metricCards.ts';
import { CHECK_P, CHECK_Y } from '../experiment/runFixture.ts';
import { rankingMetrics } from '../../../src/lib/metrics/rankingMetrics.ts';

describe('the metric catalog', () => {
  it('has each metric once', () => {
    expect(new Set(METRIC_KEYS).size).toBe(SPLIT_METRICS.length);
  });

  it('names only keys that the metrics of its tasks compute', () => {
    const computed = {
      binary: binaryMetrics(CHECK_Y, CHECK_P),
      multiclass: multiclassMetrics(
        [0, 1, 2],
        Float64Array.of(0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4),
        3,
      ),
      regression: regressionMetrics([1, 2, 3], [1.5, 2, 2.5]),
    };
    const ranking = rankingMetrics(
      CHECK_Y,
      CHECK_P,
      CHECK_Y.map((_, i) => i % 2),
      3,
    );
    for (const m of SPLIT_METRICS) {
      for (const task of m.tasks) {
        const block = 'ranking' in m ? ranking : computed[task];
        expect(block, `${task} ${m.key}`).toHaveProperty(m.key);
      }
    }
  });

  it('takes the calibration ratio as better closer to 1, whichever side', () => {
    expect(compareMetric('closer-to-1', 6.45, 1.02)).toBe(-1);
    expect(compareMetric('closer-to-1', 1.02, 6.45)).toBe(1);
    expect(compareMetric('closer-to-1', 0.95, 1.1)).toBe(1);
    expect(compareMetric('closer-to-1', 1.1, 1.1)).toBe(0);
    expect(compareMetric('lower', 0.2, 0.3)).toBe(1);
    expect(compareMetric('higher', 0.2, 0.3)).toBe(-1);
    expect(directionText('closer-to-1')).toBe('closer to 1 is better');
  });

  it('colours a card delta by the metric direction: 1.02 -> 6.45 is worse, the repair better', () => {
    const before = binaryMetrics(CHECK_Y, CHECK_P);
    const ratio = (m: ReturnType<typeof binaryMetrics>) =>
      metricCards({ task: 'binary', ...m }).find((c) => c.key === 'calibrationRatio')!;
    const card = (value: number) => ({ ...ratio(before), value });
    expect(cardChange(card(6.45), 1.02)).toEqual({ delta: 6.45 - 1.02, verdict: 'worse' });
    expect(cardChange(card(1.02), 6.45)).toEqual({ delta: 1.02 - 6.45, verdict: 'better' });
    expect(cardChange(card(1.02), null)).toBeNull();
  });

  it('offers every catalog metric, and only those, as the metric that matters', () => {
    const base = {
      data: { source: 'builtin:flights', target: 'delayed', task: 'binary' },
      model: { family: 'logistic' },
    };
    for (const metric of METRIC_KEYS) {
      expect(parseConfig({ ...base, frame: { metric } }).frame.metric).toBe(metric);
    }
    expect(() => parseConfig({ ...base, frame: { metric: 'precision' } })).toThrow(/frame\.metric/);
  });

  it('frames a task by one of its own metrics: no log loss for a regression', () => {
    expect(metricForTask('logLoss', 'regression')).toBe('rmse');
    expect(metricForTask('rocAuc', 'multiclass')).toBe('logLoss');
    expect(metricForTask('rmse', 'binary')).toBe('logLoss');
    expect(metricForTask('calibrationRatio', 'binary')).toBe('calibrationRatio');
  });

  it('gives binary cards both ECE conventions, each labelled with its binning', () => {
    const cards = metricCards({ task: 'binary', ...binaryMetrics(CHECK_Y, CHECK_P) });
    const ece = cards.find((c) => c.key === 'ece')!;
    const equalMass = cards.find((c) => c.key === 'eceEqualMass')!;
    expect(ece.label).toMatch(/equal-width/);
    expect(equalMass.label).toMatch(/equal-mass/);
    expect(ece.value).toBeCloseTo(0.1635, 6);
    expect(equalMass.value).toBeCloseTo(0.1985, 6);
  });
});
