import type { FeatureMatrix } from '../features/featureMatrix.ts';
import type { FeatureLayout, FeaturePipeline } from '../features/pipeline.ts';
import { emptySparseRow, pushNonZero } from '../features/sparseRows.ts';
import {
  createRecordBuffers,
  transformRecord,
  type RawRecord,
} from '../features/transformRecord.ts';
import type { Model } from '../models/model.ts';
import { capacityReport, trainingMeasurements, type CapacityReport } from '../serving/capacity.ts';
import type { LatencyReport } from '../serving/latency.ts';
import { measureRequestLatency } from '../serving/requestLatency.ts';
import type { ExperimentConfig } from './config.ts';
import type { Postprocessor } from './postprocess.ts';

/**
 * A function that scores request i: `candidates` raw records (taken in turn from `records`,
 * wrapping around) through the feature transform, the model as one batch and the
 * post-processing; it resolves to the final scores (candidates x outputs). The batch is built in
 * `layout`, the one the model trained on: CSR rows of the records' non-zeros when sparse.
 */
export function requestScorer(
  pipeline: FeaturePipeline,
  layout: FeatureLayout,
  model: Model,
  post: Postprocessor,
  records: readonly RawRecord[],
  candidates: number,
): (i: number) => Promise<Float32Array> {
  const { cols } = pipeline;
  const buffers = createRecordBuffers(pipeline, layout);
  // One matrix reused by every request, as a server would reuse its input buffers.
  const sparse = layout === 'sparse';
  const batch: FeatureMatrix = {
    rows: candidates,
    cols,
    x: new Float32Array(sparse ? 0 : candidates * cols),
    names: pipeline.names,
    origins: pipeline.origins,
    idColumns: pipeline.idColumns.map((c) => ({ ...c, ids: new Int32Array(candidates) })),
  };
  const nonZeros = emptySparseRow(cols);
  const indptr = new Int32Array(candidates + 1);
  return async (i) => {
    nonZeros.nonZeros = 0;
    for (let j = 0; j < candidates; j++) {
      const record = records[(i * candidates + j) % records.length]!;
      const { x, ids, sparse: row } = transformRecord(pipeline, record, buffers);
      if (row) {
        for (let k = 0; k < row.nonZeros; k++)
          pushNonZero(nonZeros, row.indices[k]!, row.values[k]!);
        indptr[j + 1] = nonZeros.nonZeros;
      } else batch.x.set(x, j * cols);
      for (let c = 0; c < ids.length; c++) batch.idColumns[c]!.ids[j] = ids[c]!;
    }
    // The arrays may have grown during this request.
    if (sparse)
      batch.sparse = {
        rows: candidates,
        cols,
        indptr,
        indices: nonZeros.indices,
        values: nonZeros.values,
      };
    return post.applyBatch(await model.predict(batch));
  };
}

export interface CapacityInputs {
  config: ExperimentConfig;
  pipeline: FeaturePipeline;
  /** The features' layout the model trained on; requests are encoded in it. */
  layout: FeatureLayout;
  model: Model;
  post: Postprocessor;
  /** Raw test records that requests are made of. */
  records: readonly RawRecord[];
  latency: LatencyReport;
  /** Model parameters plus feature-pipeline tables. */
  modelBytes: number;
  /** Training time as CPU: the training thread's wall time plus any helper threads' work. */
  trainCpuMs: number;
  /** Training-split rows, and the rows the model trained on after sampling. */
  trainRows: number;
  sampledTrainRows: number;
  signal?: AbortSignal;
}

/** Measures request latency at the config's candidates per request and computes the `capacity` block. */
export async function measureCapacity(inputs: CapacityInputs): Promise<CapacityReport> {
  const { config } = inputs;
  const candidates = config.serving.candidatesPerRequest;
  const request = await measureRequestLatency(
    requestScorer(
      inputs.pipeline,
      inputs.layout,
      inputs.model,
      inputs.post,
      inputs.records,
      candidates,
    ),
    { candidates, ...(inputs.signal ? { signal: inputs.signal } : {}) },
  );
  return capacityReport(
    {
      rowsPerSecPerCore: inputs.latency.batchRowsPerSec,
      requestP99Ms: request.p99Ms,
      requestCandidates: candidates,
      requests: request.requests,
      memoryBytesPerReplica: inputs.modelBytes,
      ...trainingMeasurements(inputs.trainCpuMs, inputs.trainRows, inputs.sampledTrainRows),
    },
    config.serving,
    config.frame.latencyBudgetMs,
  );
}
