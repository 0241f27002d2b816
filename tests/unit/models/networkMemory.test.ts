import * as tf from '../../../src/lib/tfjsCore.ts';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/lib/random.ts';
import { DenseNetwork, type NetworkShape } from '../../../src/lib/models/tfjs/denseNetwork.ts';
import {
  checkNetworkFits,
  estimateNetworkMemory,
} from '../../../src/lib/models/tfjs/networkMemory.ts';
import { nodeEngine, smallConfig } from '../../helpers/engine.ts';

const shape: NetworkShape = {
  inputs: 12,
  embeddings: [
    { name: 'a', vocabSize: 30, dim: 4 },
    { name: 'b', vocabSize: 7, dim: 2 },
  ],
  hidden: [16, 8],
  outputs: 3,
  activation: 'relu',
};

describe('estimateNetworkMemory', () => {
  it('counts the same parameters as the tfjs variables of the built network', async () => {
    await tf.setBackend('cpu');
    const network = DenseNetwork.initialise(shape, createRng(1), new Float32Array(3));
    expect(estimateNetworkMemory(shape, 64, 'adam').parameters).toBe(network.parameterCount());
    network.dispose();
  });

  it('counts weights, gradients, the best-weights copy and Adam moments, and activations', () => {
    // 30*4 + 7*2 + (18*16 + 16) + (16*8 + 8) + (8*3 + 3) = 601 parameters; 18+16+8+3 = 45 units.
    const adam = estimateNetworkMemory(shape, 64, 'adam');
    expect(adam.parameters).toBe(601);
    expect(adam.parameterBytes).toBe(601 * 4 * 5);
    expect(adam.activationBytes).toBe(45 * 64 * 3 * 4);
    expect(estimateNetworkMemory(shape, 64, 'sgd').parameterBytes).toBe(601 * 4 * 3);
  });

  it('refuses 8 x 4096 hidden units with the figure, before allocating anything', () => {
    const huge = { ...shape, embeddings: [], hidden: Array(8).fill(4096) };
    expect(() => checkNetworkFits(huge, 512, 'adam')).toThrow(
      /^This network is too large to train here: 117,5\d\d,\d{3} parameters and batches of 512 need about 2\.\d GiB .* over the 1\.0 GiB/,
    );
    expect(() => checkNetworkFits(shape, 512, 'adam')).not.toThrow();
  });

  it('answers the run with that message, quickly and leaving no tensor behind', async () => {
    const engine = nodeEngine();
    await engine.init('cpu');
    const before = tf.memory().numTensors;
    const outcome = await engine.train(
      1,
      smallConfig({ family: 'mlp', hidden: Array(8).fill(4096) }),
    );
    expect(outcome).toMatchObject({
      ok: false,
      message: expect.stringMatching(/too large to train here/),
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
