/**
 * Configs whose Python export is compared with the CLI (tests/unit/export/pythonJob.test.ts and
 * the README's parity table, printed by scripts/exportParity.ts). Time splits put the same rows in
 * each part in both, so the differences are the models' own; sizes stay small to keep tests fast.
 */
const flightsData = {
  source: 'builtin:flights',
  target: 'delayed',
  task: 'binary',
  positiveClass: 'true',
  split: { method: 'time', timeColumn: 'date', test: 0.2, validation: 0.1 },
};
const flightsFeatures = {
  default: { numeric: 'standardize', categorical: 'onehot', topK: 30, missing: 'median' },
  columns: { date: { drop: true } },
};
/** An example CSV read as a csv: file, with frequency and hashing for its many-levelled columns. */
const birdstrikesData = {
  source: 'csv:public/datasets/birdstrikes.csv',
  target: 'damaged',
  task: 'binary',
  positiveClass: 'true',
  split: { method: 'time', timeColumn: 'flight_date', test: 0.2, validation: 0.1 },
};
const birdstrikesFeatures = {
  default: {
    numeric: 'standardize',
    categorical: 'onehot',
    topK: 20,
    missing: 'median',
    indicator: true,
  },
  columns: {
    flight_date: { drop: true },
    airport: { categorical: 'frequency' },
    aircraft_model: { categorical: 'hashing', hashBuckets: 64 },
    wildlife_species: { categorical: 'target' },
  },
};

export const PARITY_CONFIGS = {
  'flights-logistic': {
    seed: 1,
    data: flightsData,
    features: flightsFeatures,
    model: { family: 'logistic', l2: 0.001 },
  },
  'flights-gbdt': {
    seed: 1,
    data: flightsData,
    features: flightsFeatures,
    model: { family: 'gbdt', trees: 30, maxDepth: 4, learningRate: 0.1 },
  },
  'birdstrikes-csv-logistic': {
    seed: 2,
    data: birdstrikesData,
    features: birdstrikesFeatures,
    model: { family: 'logistic', l2: 0.001 },
  },
  'birdstrikes-csv-gbdt': {
    seed: 2,
    data: birdstrikesData,
    features: birdstrikesFeatures,
    imbalance: { negativeRate: 0.5, recalibrate: true },
    model: { family: 'gbdt', trees: 30, maxDepth: 4, learningRate: 0.1 },
  },
} as const;

export type ParityName = keyof typeof PARITY_CONFIGS;
