import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createEngineApi } from '../../src/lib/engineApi.ts';

/** The engine as Node runs it: built-in files are read from public/. */
export function nodeEngine() {
  return createEngineApi({ readData: (path) => readFile(resolve('public', path), 'utf8') });
}

/** A small, quick binary experiment on the synthetic click data. */
export function smallConfig(
  model: Record<string, unknown> = { family: 'logistic', maxIterations: 30 },
) {
  return {
    seed: 7,
    data: {
      source: { synthetic: { kind: 'ctr', rows: 4000, baseRate: 0.1 } },
      target: 'click',
      task: 'binary',
      positiveClass: '1',
    },
    model,
  };
}
