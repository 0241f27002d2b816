import { describe, expect, it } from 'vitest';
import {
  capacityReport,
  recomputeCapacity,
  trainingMeasurements,
  type CapacityMeasurements,
  type ServingAssumptions,
} from '../../../src/lib/serving/capacity.ts';

// Hand-computed figures (docs/design.md "Capacity and cost").
const MEASURED: CapacityMeasurements = {
  rowsPerSecPerCore: 100_000,
  requestP99Ms: 12,
  requestCandidates: 500,
  requests: 200,
  memoryBytesPerReplica: 250e6,
  trainCpuSecondsPerMillionRows: 20,
  trainingRowsShare: 0.118,
};
const RANKING: ServingAssumptions = {
  peakQps: 1000,
  candidatesPerRequest: 500,
  headroom: 1.5,
  pricePerCoreHour: 0.04,
  pricePerGbMonth: 3,
  dailyTrainingRows: 1e8,
};

describe('capacityReport', () => {
  it('rounds cores up: 1,000 qps x 500 candidates x 1.5 / 100,000 rows/s = 7.5 -> 8 cores', () => {
    const report = capacityReport(MEASURED, RANKING, 10);
    expect(report.coresAtPeak).toBe(8);
    // 8 x 0.04 x 730 = 233.6 for cores, plus 0.25 GB x 3 x 8 replicas = 6 for memory.
    expect(report.monthlyServingCost).toBeCloseTo(239.6, 10);
    // 0.04 x 1.5 x 1e6 / (3600 x 100,000) = 1.6667e-4.
    expect(report.costPerMillionPredictions).toBeCloseTo(1 / 6000, 12);
    expect(report.requestWithinBudget).toBe(false); // 12 ms against a 10 ms budget
    expect(report.serving).toEqual(RANKING);
    expect(report.latencyBudgetMs).toBe(10);
  });

  it('head-room 1 runs the cores full: 5 cores, and a third less per prediction', () => {
    const report = capacityReport(MEASURED, { ...RANKING, headroom: 1 }, 20);
    expect(report.coresAtPeak).toBe(5);
    expect(report.monthlyServingCost).toBeCloseTo(5 * 0.04 * 730 + 0.25 * 3 * 5, 10);
    expect(report.costPerMillionPredictions).toBeCloseTo(1 / 9000, 12);
    expect(report.requestWithinBudget).toBe(true);
  });

  it('a load that is a whole number of cores up to floating error does not get an extra core', () => {
    // 1,000 x 3 x 1.1 / 1,100 is 3.0000000000000004 in floating point.
    const report = capacityReport(
      { ...MEASURED, rowsPerSecPerCore: 1100 },
      { ...RANKING, candidatesPerRequest: 3, headroom: 1.1 },
      10,
    );
    expect(report.coresAtPeak).toBe(3);
    // A small load still needs one whole core.
    expect(
      capacityReport(MEASURED, { ...RANKING, peakQps: 1, candidatesPerRequest: 1 }, 10).coresAtPeak,
    ).toBe(1);
  });

  it('trains a day of data with downsampling: 20 s/M rows x 1e8 rows x 0.118 = 236 CPU-s', () => {
    const report = capacityReport(MEASURED, RANKING, 10);
    expect(report.dailyTrainingCpuSeconds).toBeCloseTo(236, 9);
    expect(report.dailyTrainingCost).toBeCloseTo((236 / 3600) * 0.04, 12);
  });

  it('leaves the request verdict open when it was measured for another candidate count', () => {
    const report = capacityReport(MEASURED, { ...RANKING, candidatesPerRequest: 100 }, 10);
    expect(report.requestWithinBudget).toBeNull();
    expect(report.requestP99Ms).toBe(12);
    expect(report.coresAtPeak).toBe(2); // 1,000 x 100 x 1.5 / 100,000 = 1.5
  });

  it('gives no cores or serving cost without a measured throughput', () => {
    const report = capacityReport({ ...MEASURED, rowsPerSecPerCore: 0 }, RANKING, 10);
    expect(report.coresAtPeak).toBeNull();
    expect(report.monthlyServingCost).toBeNull();
    expect(report.costPerMillionPredictions).toBeNull();
  });

  it('recomputes a stored block for new traffic from its measurements alone', () => {
    const stored = capacityReport(MEASURED, RANKING, 10);
    const busier = recomputeCapacity(stored, { ...RANKING, peakQps: 4000 }, 10);
    expect(busier.coresAtPeak).toBe(30); // 4,000 x 500 x 1.5 / 100,000
    expect(busier.rowsPerSecPerCore).toBe(100_000);
    expect(recomputeCapacity(busier, RANKING, 10)).toEqual(stored);
  });
});

describe('trainingMeasurements', () => {
  it('divides training time by the rows used and keeps the share of rows used', () => {
    // 2.4 s on 118,000 of 1,000,000 rows (b = 0.02, w = 0.1: 0.02 + 0.1 x 0.98 = 0.118).
    const m = trainingMeasurements(2400, 1_000_000, 118_000);
    expect(m.trainCpuSecondsPerMillionRows).toBeCloseTo(2.4e6 / 118_000, 9);
    expect(m.trainingRowsShare).toBeCloseTo(0.118, 12);
  });
});
