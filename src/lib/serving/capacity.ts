/**
 * From a run's measured figures to cores, memory and money at a stated traffic (docs/design.md
 * "Capacity and cost"). Pure: changing the traffic or the prices recomputes the block from the
 * figures a result keeps, without training again.
 */

/** Traffic and prices: examples to edit, never a quote (the config's `serving` block). */
export interface ServingAssumptions {
  /** Peak prediction requests per second. */
  peakQps: number;
  /** Rows scored per request: 1 for a single prediction, hundreds for ranking. */
  candidatesPerRequest: number;
  /** The inverse of the planned utilisation, >= 1: 1.5 runs cores at two thirds. */
  headroom: number;
  /** Price of one core for one hour, in the user's currency. */
  pricePerCoreHour: number;
  /** Price of one GB (1e9 bytes) of memory for a month. */
  pricePerGbMonth: number;
  /** Rows of training data arriving per day, before downsampling. */
  dailyTrainingRows: number;
}

/** The example defaults the config fills in (stated as examples in the UI and the docs). */
export const SERVING_EXAMPLE_DEFAULTS: Readonly<ServingAssumptions> = Object.freeze({
  peakQps: 1000,
  candidatesPerRequest: 1,
  headroom: 1.5,
  pricePerCoreHour: 0.04,
  pricePerGbMonth: 3,
  dailyTrainingRows: 100_000_000,
});

/** What a run measured, kept in its result so the block can be recomputed for other assumptions. */
export interface CapacityMeasurements {
  /** Single-thread batch throughput (`latency.batchRowsPerSec`), rows per second per core. */
  rowsPerSecPerCore: number;
  /** p99 of one request of `requestCandidates` rows scored as one batch, ms; null when not measured. */
  requestP99Ms: number | null;
  /** The candidates per request the request latency was measured with. */
  requestCandidates: number;
  /** Requests timed for requestP99Ms. */
  requests: number;
  /** Model parameters plus feature-pipeline tables (`model.bytes`), per serving replica. */
  memoryBytesPerReplica: number;
  /** Training CPU ms (every training thread) / 1000 x 1e6 / training rows used. */
  trainCpuSecondsPerMillionRows: number;
  /** Training rows used per row of data: about b + w (1 - b) under negative downsampling at rate w. */
  trainingRowsShare: number;
}

/** The result's `capacity` block: measurements, the assumptions used and what follows from them. */
export interface CapacityReport extends CapacityMeasurements {
  serving: ServingAssumptions;
  /** The frame's p99 budget, ms, that requestP99Ms is compared with. */
  latencyBudgetMs: number;
  /** ceil(peakQps x candidatesPerRequest x headroom / rowsPerSecPerCore); null without a throughput. */
  coresAtPeak: number | null;
  /** requestP99Ms <= latencyBudgetMs; null when not measured for the current candidatesPerRequest. */
  requestWithinBudget: boolean | null;
  /** coresAtPeak x pricePerCoreHour x 730 + memory GB x pricePerGbMonth x coresAtPeak. */
  monthlyServingCost: number | null;
  /** pricePerCoreHour x headroom x 1e6 / (3600 x rowsPerSecPerCore). */
  costPerMillionPredictions: number | null;
  /** CPU-seconds to train on one day of data: per-million-rows cost x dailyTrainingRows x share / 1e6. */
  dailyTrainingCpuSeconds: number;
  /** dailyTrainingCpuSeconds / 3600 x pricePerCoreHour. */
  dailyTrainingCost: number;
}

/** Hours in a month as cloud price lists count them (365 x 24 / 12). */
export const HOURS_PER_MONTH = 730;
const BYTES_PER_GB = 1e9;

/** The capacity block for `serving`, from a run's measurements alone. */
export function capacityReport(
  measured: CapacityMeasurements,
  serving: ServingAssumptions,
  latencyBudgetMs: number,
): CapacityReport {
  const { rowsPerSecPerCore, memoryBytesPerReplica } = measured;
  const { peakQps, candidatesPerRequest, headroom, pricePerCoreHour, pricePerGbMonth } = serving;
  const measuredThroughput = rowsPerSecPerCore > 0 && Number.isFinite(rowsPerSecPerCore);
  const coresAtPeak = measuredThroughput
    ? ceilTolerant((peakQps * candidatesPerRequest * headroom) / rowsPerSecPerCore)
    : null;
  const dailyTrainingCpuSeconds =
    (measured.trainCpuSecondsPerMillionRows *
      serving.dailyTrainingRows *
      measured.trainingRowsShare) /
    1e6;
  const requestMeasured =
    measured.requestP99Ms !== null && measured.requestCandidates === candidatesPerRequest;
  return {
    ...measured,
    serving: { ...serving },
    latencyBudgetMs,
    coresAtPeak,
    requestWithinBudget: requestMeasured ? measured.requestP99Ms! <= latencyBudgetMs : null,
    monthlyServingCost:
      coresAtPeak === null
        ? null
        : coresAtPeak * pricePerCoreHour * HOURS_PER_MONTH +
          (memoryBytesPerReplica / BYTES_PER_GB) * pricePerGbMonth * coresAtPeak,
    costPerMillionPredictions: measuredThroughput
      ? (pricePerCoreHour * headroom * 1e6) / (3600 * rowsPerSecPerCore)
      : null,
    dailyTrainingCpuSeconds,
    dailyTrainingCost: (dailyTrainingCpuSeconds / 3600) * pricePerCoreHour,
  };
}

/** The same run's block for other assumptions (the UI's traffic and prices), without training. */
export function recomputeCapacity(
  capacity: CapacityReport,
  serving: ServingAssumptions,
  latencyBudgetMs: number,
): CapacityReport {
  return capacityReport(measurementsOf(capacity), serving, latencyBudgetMs);
}

/** Only the measured part of a block. */
export function measurementsOf(capacity: CapacityMeasurements): CapacityMeasurements {
  const {
    rowsPerSecPerCore,
    requestP99Ms,
    requestCandidates,
    requests,
    memoryBytesPerReplica,
    trainCpuSecondsPerMillionRows,
    trainingRowsShare,
  } = capacity;
  return {
    rowsPerSecPerCore,
    requestP99Ms,
    requestCandidates,
    requests,
    memoryBytesPerReplica,
    trainCpuSecondsPerMillionRows,
    trainingRowsShare,
  };
}

/**
 * The training part of the measurements: `trainCpuMs` (every training thread's time) spent on
 * `usedRows` training rows (after downsampling or upsampling) drawn from `dataRows` rows of the
 * training split.
 */
export function trainingMeasurements(
  trainCpuMs: number,
  dataRows: number,
  usedRows: number,
): Pick<CapacityMeasurements, 'trainCpuSecondsPerMillionRows' | 'trainingRowsShare'> {
  return {
    trainCpuSecondsPerMillionRows: usedRows > 0 ? ((trainCpuMs / 1000) * 1e6) / usedRows : 0,
    trainingRowsShare: dataRows > 0 ? usedRows / dataRows : 1,
  };
}

/** What the figures assume, in plain words, for the UI and the CLI. */
export function capacityAssumptions(backend: string): string {
  return (
    `Measured on this machine with the ${backend} backend on one thread; cores scale linearly ` +
    'with traffic, one replica per core holds the model and its feature tables. Throughput is ' +
    'batch scoring of already-transformed rows; the request p99 includes the feature transform. ' +
    'Prices are examples, not a quote.'
  );
}

// Rounds up, but a ratio that is whole up to floating error (3.0000000000000004) stays whole.
function ceilTolerant(x: number): number {
  return Math.ceil(x * (1 - 1e-12));
}
