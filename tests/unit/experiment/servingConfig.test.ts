import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/lib/experiment/config.ts';
import { SERVING_EXAMPLE_DEFAULTS } from '../../../src/lib/serving/capacity.ts';

const BASE = {
  data: { source: 'builtin:flights', target: 'delayed', task: 'binary' },
  model: { family: 'logistic' },
};

describe('config serving block', () => {
  it('fills in the example defaults when absent, and keeps given values', () => {
    expect(parseConfig(BASE).serving).toEqual(SERVING_EXAMPLE_DEFAULTS);
    expect(
      parseConfig({ ...BASE, serving: { candidatesPerRequest: 500, peakQps: 20 } }).serving,
    ).toEqual({ ...SERVING_EXAMPLE_DEFAULTS, candidatesPerRequest: 500, peakQps: 20 });
  });

  it.each([
    [{ peakQps: 0 }, 'serving.peakQps'],
    [{ candidatesPerRequest: 2.5 }, 'serving.candidatesPerRequest'],
    [{ candidatesPerRequest: 20_000 }, 'serving.candidatesPerRequest'],
    [{ headroom: 0.8 }, 'serving.headroom'],
    [{ pricePerCoreHour: -1 }, 'serving.pricePerCoreHour'],
    [{ pricePerGbMonth: '3' }, 'serving.pricePerGbMonth'],
    [{ dailyTrainingRows: 1.5 }, 'serving.dailyTrainingRows'],
  ])('refuses %o naming the field', (serving, path) => {
    expect(() => parseConfig({ ...BASE, serving })).toThrow(`Invalid config at ${path}:`);
  });
});
