import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../src/lib/tfjsCore.ts';
import { generateCtr } from '../../../src/lib/data/synthetic.ts';
import type { CategoricalColumn } from '../../../src/lib/data/table.ts';
import { tableRecord } from '../../../src/lib/data/tableRecord.ts';
import { parseConfig } from '../../../src/lib/experiment/config.ts';
import { requestScorer } from '../../../src/lib/experiment/measureCapacity.ts';
import { createPostprocessor } from '../../../src/lib/experiment/postprocess.ts';
import { featureLayout } from '../../../src/lib/features/featureLayout.ts';
import {
  fitFeaturePipeline,
  transformRows,
  type FeatureLayout,
} from '../../../src/lib/features/pipeline.ts';
import type { FeatureSpec } from '../../../src/lib/features/spec.ts';
import { createRecordBuffers, transformRecord } from '../../../src/lib/features/transformRecord.ts';
import { fitEmbeddingMlp } from '../../../src/lib/models/embeddingMlp.ts';
import { fitGbdt } from '../../../src/lib/models/gbdt/gbdt.ts';
import { fitLogistic } from '../../../src/lib/models/logistic.ts';
import { fitMlp } from '../../../src/lib/models/mlp.ts';
import type { FitOptions, LabelledSet, Model } from '../../../src/lib/models/model.ts';

/**
 * The serving path (one raw record, or a request of several, through transformRecord and the
 * model) against the batch path (transformRows, then predict) in each layout: a sparse layout
 * encodes the record as its non-zeros (docs/design.md "Sparse features"), and must give the
 * batch path's predictions: 1e-9 for logistic regression (the same sums in the same order),
 * 1e-5 for networks (the first layer's gather sums in another order than a matMul), exactly for
 * trees. Data: the click data with the user id hashed into 1,024 buckets (a layout that
 * featureLayout makes sparse), the ad id as an embedding, numeric columns standardised with a
 * missing indicator.
 */
const table = generateCtr({ rows: 700, baseRate: 0.3, missingRate: 0.05 }, 11);
const click = table.columns.find((c) => c.name === 'click') as CategoricalColumn;
const labels = Float32Array.from(click.codes, (code) => (click.dictionary[code] === '1' ? 1 : 0));
const TRAIN = Int32Array.from({ length: 600 }, (_, i) => i);
const SERVED = Int32Array.from({ length: 40 }, (_, i) => 600 + i);
const spec: FeatureSpec = {
  default: { numeric: 'standardize', categorical: 'onehot', missing: 'median', indicator: true },
  columns: {
    user_id: { categorical: 'hashing', hashBuckets: 1024 },
    ad_id: { categorical: 'embedding', dim: 3 },
  },
  crosses: [['site_id', 'device_type', 64]],
};
const pipeline = fitFeaturePipeline(table, TRAIN, spec, {
  target: 'click',
  exclude: ['p_true'],
  labels,
  seed: 1,
});
const records = Array.from(SERVED, (row) => tableRecord(table, row));
const binary: FitOptions = { task: 'binary', numClasses: 2, seed: 3 };

type Family = Model['family'];
const FIT: Record<Family, (train: LabelledSet) => Promise<Model>> = {
  logistic: (train) => fitLogistic(train, { maxIterations: 30 }, binary),
  mlp: (train) => fitMlp(train, { hidden: [6, 4], epochs: 2, batchSize: 128 }, binary),
  'embedding-mlp': (train) =>
    fitEmbeddingMlp(train, { hidden: [5], epochs: 2, batchSize: 128 }, binary),
  gbdt: (train) => fitGbdt(train, { trees: 8, maxDepth: 3 }, binary),
};
const TOLERANCE: Record<Family, number> = {
  logistic: 1e-9,
  mlp: 1e-5,
  'embedding-mlp': 1e-5,
  gbdt: 0,
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('serving a record in the features’ layout', () => {
  it('uses a pipeline that featureLayout makes sparse', () => {
    expect(featureLayout(pipeline)).toBe('sparse');
  });

  const cases = (['logistic', 'mlp', 'embedding-mlp', 'gbdt'] as const).flatMap((family) =>
    (['dense', 'sparse'] as const).map((layout) => [family, layout] as const),
  );
  it.each(cases)(
    '%s, %s: one record and a request give the batch path’s predictions, no tensor left',
    async (family: Family, layout: FeatureLayout) => {
      // Trees train on cells whatever the serving layout (runExperiment keeps them dense).
      const trainLayout = family === 'gbdt' ? 'dense' : layout;
      const train = {
        features: transformRows(pipeline, table, TRAIN, trainLayout),
        y: Float32Array.from(TRAIN, (r) => labels[r]!),
      };
      const model = await FIT[family](train);
      try {
        const batch = transformRows(pipeline, table, SERVED, layout);
        expect(batch.sparse !== undefined).toBe(layout === 'sparse');
        const expected = await model.predict(batch);
        const tolerance = TOLERANCE[family];
        const before = tf.memory().numTensors;

        const buffers = createRecordBuffers(pipeline, layout);
        for (let i = 0; i < records.length; i++) {
          const features = transformRecord(pipeline, records[i]!, buffers);
          expect(features.sparse !== null).toBe(layout === 'sparse');
          const [p] = await model.predictRow(features.sparse ?? features.x, features.ids);
          expect(Math.abs(p! - expected[i]!), `record ${i}`).toBeLessThanOrEqual(tolerance);
        }

        // Requests of 3 records: request 1 holds records 3, 4, 5.
        const post = createPostprocessor(
          parseConfig({
            data: { source: 'builtin:x', target: 'click', task: 'binary' },
            model: { family },
          }),
          new Float32Array(),
          new Float32Array(),
          1,
        );
        const score = requestScorer(pipeline, layout, model, post, records, 3);
        for (const request of [1, 5, 13]) {
          const got = await score(request);
          got.forEach((p, j) => {
            const record = (request * 3 + j) % records.length;
            expect(Math.abs(p - expected[record]!), `request ${request}`).toBeLessThanOrEqual(
              tolerance,
            );
          });
        }
        expect(tf.memory().numTensors).toBe(before);
      } finally {
        model.dispose();
      }
    },
  );
});
