import type { ChoiceSetting, DefaultedNumberSetting, NumberSetting } from './setting.ts';

/**
 * Model settings, each once: the `model` block of the config per family. The schema's ranges are
 * the trainers' ranges (a test trains at both ends of each). Keys are the config field names.
 */

const ratio = (path: string, label: string, help: string): DefaultedNumberSetting => ({
  path,
  type: 'number',
  default: 1,
  min: 0,
  minExclusive: true,
  max: 1,
  ui: { min: 0.05, max: 1, step: 0.05 },
  label,
  help,
});

export const MODEL_FAMILY = {
  path: 'model.family',
  default: 'logistic',
  options: [
    {
      value: 'logistic',
      label: 'Logistic regression',
      help: 'One weight per feature: fast, calibrated by construction, blind to interactions.',
    },
    {
      value: 'gbdt',
      label: 'Gradient-boosted trees',
      help: 'Trees added one by one, each fixing the errors so far; learns interactions and thresholds.',
    },
    {
      value: 'mlp',
      label: 'MLP (neural network)',
      help: 'Dense layers of units; depth and width set its size.',
    },
    {
      value: 'embedding-mlp',
      label: 'Embeddings + MLP',
      help: 'Learns a short vector per id (embedding-encoded columns) and feeds them to an MLP.',
    },
  ],
  label: 'Model family',
  help: 'Which model is trained; each family has its own size knobs.',
} as const satisfies ChoiceSetting;

export type ModelFamily = (typeof MODEL_FAMILY.options)[number]['value'];

export const LOGISTIC_SETTINGS = {
  solver: {
    path: 'model.solver',
    default: 'auto',
    options: [
      { value: 'auto', label: 'auto', help: 'Typed arrays for narrow inputs, tfjs for wide ones.' },
      {
        value: 'typed-arrays',
        label: 'typed arrays',
        help: 'Plain loops over Float64Arrays: fastest for narrow inputs on any backend.',
      },
      { value: 'tfjs', label: 'tfjs', help: 'tfjs gradients: pays off for wide inputs on a GPU.' },
    ],
    label: 'Solver',
    help: 'Where the L-BFGS fit computes its gradients; the optimiser, hence the model, is the same.',
  } as const satisfies ChoiceSetting,
  l2: {
    path: 'model.l2',
    type: 'number',
    default: 1e-4,
    min: 0,
    max: 100,
    ui: { min: 0, max: 1, step: 0.0001 },
    label: 'L2 penalty',
    help: 'Penalty l2/2 |w|^2 on the mean loss (scikit-learn C = 1 / (l2 rows)); larger shrinks the weights.',
  },
  maxIterations: {
    path: 'model.maxIterations',
    type: 'integer',
    default: 100,
    min: 1,
    max: 10_000,
    ui: { min: 1, max: 1000, step: 1 },
    label: 'Max iterations',
    help: 'L-BFGS iterations at most; the fit stops sooner once the objective stops falling.',
  },
} as const satisfies Record<string, NumberSetting | ChoiceSetting>;

export const GBDT_SETTINGS = {
  trees: {
    path: 'model.trees',
    type: 'integer',
    default: 100,
    min: 1,
    max: 5000,
    ui: { min: 1, max: 5000, step: 1 },
    label: 'Trees',
    help: 'Boosting rounds (one tree per class for multi-class); more fit more and cost latency.',
  },
  maxDepth: {
    path: 'model.maxDepth',
    type: 'integer',
    default: 6,
    min: 1,
    max: 16,
    ui: { min: 1, max: 16, step: 1 },
    label: 'Max depth',
    help: 'Edges from the root to the deepest leaf: depth 6 allows 64 leaves per tree.',
  },
  maxLeaves: {
    path: 'model.maxLeaves',
    type: 'integer',
    min: 2,
    max: 1 << 16,
    ui: { min: 2, max: 1 << 16, step: 1 },
    label: 'Max leaves',
    help: 'Cap on leaves per tree, the largest gains split first; absent: only the depth limits.',
  },
  learningRate: {
    path: 'model.learningRate',
    type: 'number',
    default: 0.1,
    min: 0,
    minExclusive: true,
    max: 1,
    ui: { min: 0.001, max: 1, step: 0.01 },
    label: 'Learning rate',
    help: 'Shrinkage of every leaf value: smaller needs more trees and over-fits less.',
  },
  minChildWeight: {
    path: 'model.minChildWeight',
    type: 'number',
    default: 1e-3,
    min: 0,
    max: 1e6,
    ui: { min: 0, max: 100, step: 0.001 },
    label: 'Min child weight',
    help: 'Smallest hessian sum in a child (scikit-learn min_hessian_to_split).',
  },
  minSamplesLeaf: {
    path: 'model.minSamplesLeaf',
    type: 'integer',
    default: 20,
    min: 1,
    max: 1 << 20,
    ui: { min: 1, max: 10_000, step: 1 },
    label: 'Min rows per leaf',
    help: 'Smallest number of training rows in a leaf (scikit-learn min_samples_leaf).',
  },
  l2: {
    path: 'model.l2',
    type: 'number',
    default: 0,
    min: 0,
    max: 1e6,
    ui: { min: 0, max: 100, step: 0.1 },
    label: 'L2 on leaf values',
    help: 'Leaf value = -G / (H + l2): larger pulls leaf values toward 0.',
  },
  rowSubsample: ratio(
    'model.rowSubsample',
    'Row subsample',
    "Share of rows drawn (seeded) for each round's trees; 1 = all.",
  ),
  colSubsample: ratio(
    'model.colSubsample',
    'Column subsample',
    "Share of features drawn (seeded) for each round's trees; 1 = all.",
  ),
  maxBins: {
    path: 'model.maxBins',
    type: 'integer',
    default: 255,
    min: 2,
    max: 255,
    ui: { min: 2, max: 255, step: 1 },
    label: 'Bins per feature',
    help: 'Histogram bins for non-missing values (missing gets one more): fewer is faster and coarser.',
  },
  earlyStoppingRounds: {
    path: 'model.earlyStoppingRounds',
    type: 'integer',
    min: 1,
    max: 1000,
    ui: { min: 0, max: 1000, step: 1 },
    label: 'Early stopping (0 = off)',
    help: 'Stop after this many trees without a lower validation loss and keep the best; absent: off.',
  },
} as const satisfies Record<string, NumberSetting>;

/** The hidden layers `model.hidden`: an array of widths, edited as a depth and one width. */
export const MLP_LAYERS = {
  path: 'model.hidden',
  default: [64, 64] as readonly number[],
  depth: {
    path: 'model.hidden.length',
    type: 'integer',
    min: 0,
    max: 8,
    ui: { min: 0, max: 6, step: 1 },
    label: 'Hidden layers',
    help: 'Number of hidden layers; 0 is a logistic model trained by gradient descent.',
  },
  width: {
    path: 'model.hidden.*',
    type: 'integer',
    min: 1,
    max: 4096,
    ui: { min: 4, max: 512, step: 4 },
    label: 'Width',
    help: 'Units per hidden layer: parameters grow with the square of the width.',
  },
} as const satisfies {
  path: string;
  default: readonly number[];
  depth: NumberSetting;
  width: NumberSetting;
};

export const MLP_SETTINGS = {
  activation: {
    path: 'model.activation',
    default: 'relu',
    options: [
      { value: 'relu', label: 'ReLU', help: 'max(0, x): the usual default.' },
      { value: 'tanh', label: 'tanh', help: 'Smooth and bounded in (-1, 1).' },
      { value: 'gelu', label: 'GELU', help: 'A smooth ReLU, as in transformers.' },
    ],
    label: 'Activation',
    help: 'The hidden layers’ non-linearity.',
  } as const satisfies ChoiceSetting,
  optimizer: {
    path: 'model.optimizer',
    default: 'adam',
    options: [
      { value: 'adam', label: 'Adam', help: 'Adaptive steps per weight; default rate 0.001.' },
      { value: 'sgd', label: 'SGD', help: 'Plain gradient steps; default rate 0.01.' },
    ],
    label: 'Optimizer',
    help: 'How each batch’s gradient moves the weights.',
  } as const satisfies ChoiceSetting,
  dropout: {
    path: 'model.dropout',
    type: 'number',
    default: 0,
    min: 0,
    max: 0.9,
    ui: { min: 0, max: 0.9, step: 0.05 },
    label: 'Dropout',
    help: 'Share of hidden units dropped while training: regularises, slows learning.',
  },
  l2: {
    path: 'model.l2',
    type: 'number',
    default: 0,
    min: 0,
    max: 100,
    ui: { min: 0, max: 1, step: 0.0001 },
    label: 'L2 penalty',
    help: 'Penalty l2/2 |kernel weights|^2 on the weighted mean loss.',
  },
  learningRate: {
    path: 'model.learningRate',
    type: 'number',
    min: 0,
    minExclusive: true,
    max: 1,
    ui: { min: 0.0001, max: 1, step: 0.0001 },
    label: 'Learning rate',
    help: 'Step size; absent: 0.001 for Adam, 0.01 for SGD.',
  },
  batchSize: {
    path: 'model.batchSize',
    type: 'integer',
    default: 256,
    min: 1,
    max: 1 << 16,
    ui: { min: 1, max: 4096, step: 1 },
    label: 'Batch size',
    help: 'Rows per optimizer step: larger is faster per epoch, with fewer steps.',
  },
  epochs: {
    path: 'model.epochs',
    type: 'integer',
    default: 10,
    min: 1,
    max: 1000,
    ui: { min: 1, max: 200, step: 1 },
    label: 'Epochs',
    help: 'Passes over the training rows.',
  },
  earlyStoppingPatience: {
    path: 'model.earlyStoppingPatience',
    type: 'integer',
    min: 1,
    max: 1000,
    ui: { min: 0, max: 1000, step: 1 },
    label: 'Early stopping (0 = off)',
    help: 'Stop after this many epochs without a lower validation loss and keep the best weights; absent: off.',
  },
} as const satisfies Record<string, NumberSetting | ChoiceSetting>;

export const EMBEDDING_MLP_SETTINGS = {
  embeddingDim: {
    path: 'model.embeddingDim',
    type: 'integer',
    min: 1,
    max: 256,
    ui: { min: 1, max: 64, step: 1 },
    label: 'Embedding dimension',
    help: 'Vector length learned per id, for every id column; absent: each column’s own dim (default 8).',
  },
} as const satisfies Record<string, NumberSetting>;
