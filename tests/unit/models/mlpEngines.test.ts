import * as tf from '../../../src/lib/tfjsCore.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { fitMlp, type MlpParams, type NetworkEngine } from '../../../src/lib/models/mlp.ts';
import type { FitOptions, LabelledSet, TrainProgress } from '../../../src/lib/models/model.ts';
import { productRegressionSet, threeClassSet, xorSet } from './mlpTestData.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function fitBoth(train: LabelledSet, params: Partial<MlpParams>, options: FitOptions) {
  const fits = [];
  for (const engine of ['tfjs', 'typed-arrays'] as NetworkEngine[]) {
    const progress: TrainProgress[] = [];
    const model = await fitMlp(train, params, { ...options, onProgress: (p) => progress.push(p) }, engine);
    const state = model.serialize().state as { weights: string[] };
    const predictions = await model.predict(train.features);
    model.dispose();
    fits.push({ state, predictions, progress });
  }
  return fits;
}

function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

describe('typed-array MLP engine against tfjs', () => {
  it('probe', async () => {
    const train = xorSet(1000, 1);
    const [a, b] = await fitBoth(train, { hidden: [16, 16], epochs: 3, batchSize: 64, learningRate: 0.01 }, { task: 'binary', numClasses: 2, seed: 3 });
    console.log(maxDifference(a!.predictions, b!.predictions), a!.progress.map(p=>p.trainLoss), b!.progress.map(p=>p.trainLoss));
  });
});
