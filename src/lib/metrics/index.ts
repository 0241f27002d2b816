/** Public API of the metrics module: classification, calibration, curves, regression, ranking. */
export { binaryMetrics } from './binary.ts';
export type { BinaryMetricName, BinaryMetrics, BinaryMetricsOptions } from './binary.ts';
export { confusionAt } from './confusion.ts';
export type { ConfusionCounts } from './confusion.ts';
export { precisionRecallCurve, rocCurve } from './curves.ts';
export type { CurveOptions, PrecisionRecallCurve, RocCurve } from './curves.ts';
export { histogram, scoreHistograms } from './histogram.ts';
export type { BinTotals, ClassHistograms, Histogram } from './histogram.ts';
export { multiclassMetrics } from './multiclass.ts';
export type { MulticlassMetricName, MulticlassMetrics } from './multiclass.ts';
export { regressionMetrics } from './regression.ts';
export type { RegressionMetricName, RegressionMetrics } from './regression.ts';
export { DEFAULT_K, RANKING_METRIC_INFO, rankingMetrics } from './rankingMetrics.ts';
export type { RankingMetricName, RankingMetrics } from './rankingMetrics.ts';
export type { ReliabilityBin } from './reliability.ts';
export { truthMetrics } from './truth.ts';
export type { TruthMetricName, TruthMetrics } from './truth.ts';
