import { parseConfig, type ExperimentConfigInput } from '../../../src/lib/experiment/config.ts';
import type { SplitMetrics } from '../../../src/lib/experiment/result.ts';
import type { Run } from '../../../src/lib/experiment/run.ts';
import { binaryMetrics } from '../../../src/lib/metrics/binary.ts';
import { rocCurve } from '../../../src/lib/metrics/curves.ts';
import { multiclassMetrics } from '../../../src/lib/metrics/multiclass.ts';
import { regressionMetrics } from '../../../src/lib/metrics/regression.ts';
import { CHECK_P, CHECK_Y } from '../../helpers/checkVector.ts';
import { capacityReport } from '../../../src/lib/serving/capacity.ts';

export { CHECK_P, CHECK_Y };

/** A valid config input: docs/design.md's example, with an MLP. */
export function exampleConfig(): ExperimentConfigInput {
  return {
    seed: 7,
    data: {
      source: 'builtin:flights',
      target: 'delayed',
      task: 'binary',
      positiveClass: 'true',
      split: { method: 'random', test: 0.2, validation: 0.1 },
    },
    features: {
      default: { numeric: 'standardize', categorical: 'onehot', missing: 'median' },
      columns: { origin: { categorical: 'embedding', dim: 8 }, date: { drop: true } },
    },
    imbalance: { negativeRate: 0.1, recalibrate: true },
    model: { family: 'mlp', hidden: [64, 32] },
    backend: 'wasm',
  };
}

function testMetrics(task: 'binary' | 'multiclass' | 'regression'): SplitMetrics {
  if (task === 'binary') return { task, ...binaryMetrics(CHECK_Y, CHECK_P) };
  if (task === 'regression') {
    return { task, ...regressionMetrics([1, 2, 3, 4], [1.5, 2, 2.5, 5]) };
  }
  const probs = new Float64Array([0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4, 0.5, 0.4, 0.1]);
  return { task, ...multiclassMetrics([0, 1, 2, 1], probs, 3) };
}

/** A complete run whose metrics come from the real metric functions. */
export function makeRun(
  id: number,
  name: string,
  config: ExperimentConfigInput = exampleConfig(),
  createdAt = Date.UTC(2025, 0, 2, 3, 4, 5, 678),
): Run {
  const parsed = parseConfig(config);
  const task = parsed.data.task;
  const test = testMetrics(task);
  return {
    id,
    name,
    createdAt,
    result: {
      config: parsed,
      backend: 'wasm',
      trainMs: 1234.5,
      data: {
        rows: 100,
        trainRows: 70,
        sampledTrainRows: 40,
        validationRows: 10,
        testRows: 20,
        droppedRows: 0,
        trainBaseRate: 0.4,
        sampledBaseRate: 0.6,
        features: 12,
        idColumns: 0,
        featureBytes: 4800,
        classes: ['false', 'true'],
      },
      metrics: { validation: test, test },
      truth: null,
      curves: {
        roc: task === 'binary' ? rocCurve(CHECK_Y, CHECK_P) : null,
        pr: null,
        histograms: null,
        rawReliability: null,
        sample: null,
      },
      trainingCurve: [{ step: 1, trainLoss: 0.6, validationLoss: 0.62 }],
      latency: {
        p50Ms: 0.012,
        p95Ms: 0.02,
        p99Ms: 0.031,
        batchRowsPerSec: 250000,
        calls: 1000,
        blockSize: 10,
        timerResolutionMs: 0.005,
        backend: 'wasm',
        note: 'timed in blocks of 10 calls',
      },
      model: {
        family: parsed.model.family,
        engine: 'tfjs (wasm)',
        parameters: 2945,
        bytes: 11880,
        parameterBytes: 11780,
        pipeline: { vocabularies: 60, levelTables: 0, scalerStatistics: 40, idf: 0, bytes: 100 },
        sizeIncludes: 'Parameters as float32 plus the feature pipeline.',
        description: 'MLP 64-32',
      },
      capacity: capacityReport(
        {
          rowsPerSecPerCore: 250000,
          requestP99Ms: 0.05,
          requestCandidates: parsed.serving.candidatesPerRequest,
          requests: 200,
          memoryBytesPerReplica: 11880,
          trainCpuSecondsPerMillionRows: (1.2345 * 1e6) / 40,
          trainingRowsShare: 40 / 70,
        },
        parsed.serving,
        parsed.frame.latencyBudgetMs,
      ),
      warnings: [],
    },
  };
}
