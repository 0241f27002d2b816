import * as tf from '../../src/lib/tfjsCore.ts';
import { describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/lib/backend.ts';

describe('selectBackend', () => {
  it('settles on wasm for auto in Node and says why the others were not used', async () => {
    const report = await selectBackend('auto');
    expect(report.active).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(report.attempts.map((a) => [a.backend, a.outcome])).toEqual([
      ['wasm', 'ok'],
      ['webgl', 'not tried'],
      ['webgpu', 'not tried'],
      ['cpu', 'not tried'],
    ]);
  });

  it('falls back past a backend that cannot start and reports the failure', async () => {
    const report = await selectBackend('webgl');
    expect(report.active).toBe('wasm');
    expect(report.attempts[0]).toMatchObject({ backend: 'webgl', outcome: 'failed' });
  });

  it('skips excluded backends', async () => {
    const report = await selectBackend('auto', { exclude: ['wasm'] });
    expect(report.attempts[0]).toMatchObject({ backend: 'wasm', outcome: 'excluded' });
    expect(report.active).not.toBe('wasm');
    expect(tf.getBackend()).toBe(report.active);
  });

  it('runs the requested cpu backend', async () => {
    expect((await selectBackend('cpu')).active).toBe('cpu');
  });
});
