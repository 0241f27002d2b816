import * as tf from '../../src/lib/tfjsCore.ts';
import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import { createEngineApi, type EngineApi } from '../../src/lib/engineApi.ts';
import type { RunProgress } from '../../src/lib/experiment/result.ts';
import { nodeEngine, smallConfig } from '../helpers/engine.ts';

describe.each(['cpu', 'wasm'] as const)('the engine API on %s', (backend) => {
  it('trains logistic regression on synthetic clicks and reports honest metrics', async () => {
    const engine = nodeEngine();
    expect((await engine.init(backend)).active).toBe(backend);
    const outcome = await engine.train(1, smallConfig());
    if (!outcome.ok) throw new Error(outcome.message);
    const result = outcome.value;
    expect(result.backend).toBe(backend);
    expect(result.metrics.test.task).toBe('binary');
    if (result.metrics.test.task !== 'binary') return;
    expect(result.metrics.test.rocAuc).toBeGreaterThan(0.6);
    expect(result.metrics.test.logLoss).toBeLessThan(0.35);
    expect(result.metrics.test.reliability).toHaveLength(10);
    expect(result.data.testRows).toBe(800);
    // Percentiles of real timings, in rounds: ordered, and the reported p99 one of the rounds' medians.
    const { p50Ms, p95Ms, p99Ms, roundP99Ms } = result.latency;
    expect(p50Ms).toBeGreaterThan(0);
    expect(p50Ms).toBeLessThanOrEqual(p95Ms);
    expect(p95Ms).toBeLessThanOrEqual(p99Ms);
    expect(roundP99Ms).toContain(p99Ms);
    expect(result.truth?.bayesLogLoss).toBeLessThan(result.metrics.test.logLoss!);
  });

  it('leaves no tensor behind across 20 MLP train/predict/dispose cycles and a cancelled run', async () => {
    const engine = nodeEngine();
    await engine.init(backend);
    const mlp = { family: 'mlp', hidden: [8], epochs: 1, batchSize: 512 };
    const config = {
      ...smallConfig(mlp),
      data: { ...smallConfig().data, source: { synthetic: { kind: 'ctr', rows: 1500 } } },
    };
    const first = await engine.train(0, config);
    expect(first.ok).toBe(true);
    const before = tf.memory().numTensors;
    for (let run = 1; run <= 20; run++) expect((await engine.train(run, config)).ok).toBe(true);
    expect(tf.memory().numTensors).toBe(before);

    const cancelled = engine.train(99, { ...config, model: { ...mlp, epochs: 50 } }, () =>
      engine.cancel(99),
    );
    expect(await cancelled).toEqual({ ok: false, cancelled: true, message: 'Cancelled' });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('the engine API behind Comlink', () => {
  it('streams progress through a proxied callback and returns plain data', async () => {
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(nodeEngine(), port1);
    const remote = Comlink.wrap<EngineApi>(port2);
    await remote.init('cpu');
    const phases: RunProgress['phase'][] = [];
    const outcome = await remote.train(
      1,
      smallConfig(),
      Comlink.proxy((p: RunProgress) => void phases.push(p.phase)),
    );
    expect(outcome.ok).toBe(true);
    expect(phases).toContain('training');
    expect(phases.at(-1)).toBe('latency');
    remote[Comlink.releaseProxy]();
    port1.close();
    port2.close();
  });

  it('answers bad input with a plain message instead of throwing', async () => {
    const engine = createEngineApi({ readData: async () => '' });
    await engine.init('cpu');
    const oneClass = await engine.train(1, {
      ...smallConfig(),
      data: { ...smallConfig().data, target: 'nope' },
    });
    expect(oneClass).toMatchObject({
      ok: false,
      cancelled: false,
      message: 'No column named "nope"',
    });
    const invalid = await engine.train(2, { data: {} });
    expect(invalid).toMatchObject({
      ok: false,
      message: expect.stringContaining('Invalid config'),
    });
  });
});
