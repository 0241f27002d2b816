import { describeFeatures, type FeaturePlan } from '../features/describeFeatures.ts';
import { featureSpecOf, type ExperimentConfig } from './config.ts';
import { featureExclusions, type LoadedDataset } from './loadSource.ts';
import { prepareRows } from './prepareRows.ts';

/** What a config will do before anything trains: the live numbers of the data step. */
export interface ExperimentPlan {
  features: FeaturePlan;
  trainRows: number;
  /** Training rows after negative downsampling. */
  sampledTrainRows: number;
  validationRows: number;
  testRows: number;
  /** Positive share of the training split before and after downsampling (binary). */
  trainBaseRate: number | null;
  sampledBaseRate: number | null;
  warnings: string[];
}

/** Plans a config on a loaded data set without building the feature matrix. */
export function planExperiment(config: ExperimentConfig, dataset: LoadedDataset): ExperimentPlan {
  const warnings: string[] = [];
  const { parts, sampled } = prepareRows(config, dataset.table, warnings);
  const features = describeFeatures(dataset.table, parts.train, featureSpecOf(config), {
    target: config.data.target,
    exclude: featureExclusions(dataset, config),
    rows: sampled.rows.length + parts.validation.length + parts.test.length,
  });
  return {
    features,
    trainRows: parts.train.length,
    sampledTrainRows: sampled.rows.length,
    validationRows: parts.validation.length,
    testRows: parts.test.length,
    trainBaseRate: sampled.baseRateBefore,
    sampledBaseRate: sampled.baseRateAfter,
    warnings: [...new Set([...warnings, ...features.warnings])],
  };
}
