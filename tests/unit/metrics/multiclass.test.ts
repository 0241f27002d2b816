import { describe, expect, it } from 'vitest';
import { multiclassMetrics } from '../../../src/lib/metrics/multiclass.ts';
import { readFixture, expectClose, type ReferenceBin } from './referenceData.ts';

interface MulticlassCase {
  name: string;
  k: number;
  y: number[];
  probs: number[];
  weights: number[] | null;
  expected: {
    accuracy: number;
    macroF1: number;
    logLoss: number;
    confusion: number[][];
    ece: number;
    reliability: ReferenceBin[];
  };
}

const cases = readFixture<MulticlassCase[]>('multiclass.json');

describe('multiclassMetrics', () => {
  it.each(cases.map((c) => [c.name, c] as const))(
    'computes accuracy, macro F1, log loss and the confusion matrix as scikit-learn does: %s',
    (_, c) => {
      const m = multiclassMetrics(
        c.y,
        Float64Array.from(c.probs),
        c.k,
        c.weights ? { weights: c.weights } : {},
      );
      expectClose(m.accuracy, c.expected.accuracy, 1e-12, 'accuracy');
      expectClose(m.macroF1, c.expected.macroF1, 1e-12, 'macroF1');
      expectClose(m.logLoss, c.expected.logLoss, 1e-12, 'logLoss');
      m.confusion.forEach((row, t) =>
        row.forEach((v, q) => expectClose(v, c.expected.confusion[t]![q]!, 1e-12, `[${t}][${q}]`)),
      );
      expect(m.confusion).toHaveLength(c.k);
    },
  );

  it.each(cases.map((c) => [c.name, c] as const))(
    'computes the top-label ECE and reliability bins of the docs/design.md formula: %s',
    (_, c) => {
      const m = multiclassMetrics(
        c.y,
        Float64Array.from(c.probs),
        c.k,
        c.weights ? { weights: c.weights } : {},
      );
      expectClose(m.ece, c.expected.ece, 1e-12, 'ece');
      m.reliability.forEach((bin, b) => {
        const ref = c.expected.reliability[b]!;
        expect(bin.count).toBe(ref.count);
        expectClose(bin.meanPredicted, ref.meanPredicted, 1e-12, `bin ${b} mean`);
        expectClose(bin.observedRate, ref.observedRate, 1e-12, `bin ${b} rate`);
      });
    },
  );

  it('takes the first class on a tie of probabilities', () => {
    const m = multiclassMetrics([1, 0], Float64Array.from([0.5, 0.5, 0, 0.4, 0.4, 0.2]), 3);
    expect(m.confusion).toEqual([
      [1, 0, 0],
      [1, 0, 0],
      [0, 0, 0],
    ]);
    expect(m.accuracy).toBe(0.5);
  });

  it('rejects a class index out of range and a probability table of the wrong size', () => {
    expect(() => multiclassMetrics([0, 3], new Float64Array(6), 3)).toThrow(/y\[1\] = 3/);
    expect(() => multiclassMetrics([0, 1], new Float64Array(5), 3)).toThrow(/2 rows x 3 classes/);
  });

  it('gives null metrics with reasons when there are no rows', () => {
    const m = multiclassMetrics([], new Float64Array(0), 3);
    expect(m.accuracy).toBeNull();
    expect(m.undefinedReasons.logLoss).toBe('there are no rows');
  });
});
