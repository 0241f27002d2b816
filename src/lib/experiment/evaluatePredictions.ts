import { binaryMetrics, type BinaryMetrics } from '../metrics/binary.ts';
import { parsePredictionsCsv } from '../metrics/predictionsCsv.ts';
import { DEFAULT_K, rankingMetrics } from '../metrics/rankingMetrics.ts';
import { testCurves } from './evaluate.ts';
import type { SplitRanking } from './rankingOfSplit.ts';
import type { TestCurves } from './result.ts';

/** Another model's predictions, scored with the same metrics and curves as a run's test split. */
export interface PredictionsReport {
  name: string;
  rows: number;
  metrics: { task: 'binary' } & BinaryMetrics & { ranking?: SplitRanking };
  curves: TestCurves;
}

/**
 * Scores a predictions CSV (`y_true,y_prob[,weight][,group]`) from any model; a group column adds
 * ranking metrics at k = 10. Normalized entropy uses the
 * file's own base rate, as the CLI's `metrics` command does. Curves are unweighted.
 */
export async function evaluatePredictions(
  name: string,
  input: Blob | string,
): Promise<PredictionsReport> {
  const text = typeof input === 'string' ? input : await input.text();
  const { y, p, weights, groups } = parsePredictionsCsv(text, name);
  return {
    name,
    rows: y.length,
    metrics: {
      task: 'binary',
      ...binaryMetrics(y, p, weights ? { weights } : {}),
      // A blank group is an error in the file, so no row is left without one.
      ...(groups
        ? { ranking: { ...rankingMetrics(y, p, groups, DEFAULT_K), rowsWithoutGroup: 0 } }
        : {}),
    },
    curves: testCurves('binary', y, p, p, false),
  };
}
