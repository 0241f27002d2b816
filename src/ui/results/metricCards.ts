import type { SplitMetrics } from '../../lib/experiment/result.ts';
import {
  RANKING_METRIC_INFO,
  type RankingMetricName,
  type RankingMetrics,
} from '../../lib/metrics/rankingMetrics.ts';

export interface MetricCard {
  key: string;
  label: string;
  value: number | null;
  /** True when a lower value is better (losses, errors). */
  lowerIsBetter: boolean;
  /** Why the value is missing, when it is. */
  reason?: string;
  help: string;
}

/** The cards to show for one split's metrics, by task. */
export function metricCards(m: SplitMetrics): MetricCard[] {
  if (m.task === 'binary') {
    return [
      card(
        'rocAuc',
        'ROC AUC',
        m.rocAuc,
        false,
        'Chance that a random positive scores above a random negative.',
        m.undefinedReasons.rocAuc,
      ),
      card(
        'logLoss',
        'Log loss',
        m.logLoss,
        true,
        'Mean negative log-likelihood of the labels; punishes confident mistakes.',
      ),
      card(
        'normalizedEntropy',
        'Normalized entropy',
        m.normalizedEntropy,
        true,
        'Log loss divided by the entropy of the training base rate; below 1 beats always predicting the base rate.',
        m.undefinedReasons.normalizedEntropy,
      ),
      card(
        'ece',
        'ECE',
        m.ece,
        true,
        'Expected calibration error over 10 probability bins: how far predicted rates are from observed rates.',
      ),
      card(
        'calibrationRatio',
        'Calibration ratio',
        m.calibrationRatio,
        false,
        'Sum of predicted probabilities over the number of positives; 1.0 is calibrated on average.',
        m.undefinedReasons.calibrationRatio,
      ),
      card(
        'averagePrecision',
        'Average precision',
        m.averagePrecision,
        false,
        'Area under the precision-recall curve, without interpolation.',
        m.undefinedReasons.averagePrecision,
      ),
      card('brier', 'Brier score', m.brier, true, 'Mean squared error of the probabilities.'),
      card(
        'accuracy',
        'Accuracy @0.5',
        m.accuracy,
        false,
        'Share of rows classified right at threshold 0.5.',
      ),
      ...(m.ranking ? rankingCards(m.ranking) : []),
    ];
  }
  if (m.task === 'multiclass') {
    return [
      card(
        'accuracy',
        'Accuracy',
        m.accuracy,
        false,
        'Share of rows whose most likely class is right.',
      ),
      card('macroF1', 'Macro F1', m.macroF1, false, 'F1 per class, averaged with equal weight.'),
      card(
        'logLoss',
        'Log loss',
        m.logLoss,
        true,
        'Mean negative log-likelihood of the true class.',
      ),
      card('ece', 'Top-label ECE', m.ece, true, 'Calibration error of the top class probability.'),
    ];
  }
  return [
    card('rmse', 'RMSE', m.rmse, true, 'Root mean squared error.'),
    card('mae', 'MAE', m.mae, true, 'Mean absolute error.'),
    card('r2', 'R²', m.r2, false, 'Share of variance explained.'),
  ];
}

/** NDCG@k, Recall@k and group AUC, labelled with the run's k and how many groups count. */
function rankingCards(r: RankingMetrics): MetricCard[] {
  const names: RankingMetricName[] = ['ndcgAtK', 'recallAtK', 'groupAuc'];
  return names.map((key) => {
    const { label, meaning, direction } = RANKING_METRIC_INFO[key];
    const used = key === 'groupAuc' ? r.groupAucGroups : r.groupsUsed;
    return card(
      key,
      label.replace('@k', `@${r.k}`),
      r[key],
      direction === 'lower',
      `${meaning} ${used} of ${r.groups} groups count.`,
      r.undefinedReasons[key],
    );
  });
}

function card(
  key: string,
  label: string,
  value: number | null,
  lowerIsBetter: boolean,
  help: string,
  reason?: string,
): MetricCard {
  return { key, label, value, lowerIsBetter, help, ...(reason ? { reason } : {}) };
}
