import type { Run } from './run.ts';
import type { ExperimentConfig } from './config.ts';

/**
 * What a run's setup is and how it differs from another's: the labels of the run history and the
 * CSV export, and which runs may be compared at all.
 */

/**
 * Whether two configs pose the same problem (data source, target, task, positive class): only
 * then do their test metrics compare, since they score the same rows for the same question.
 */
export function sameProblem(a: ExperimentConfig, b: ExperimentConfig): boolean {
  return (
    JSON.stringify(a.data.source) === JSON.stringify(b.data.source) &&
    a.data.target === b.data.target &&
    a.data.task === b.data.task &&
    (a.data.task !== 'binary' || a.data.positiveClass === b.data.positiveClass)
  );
}

/** The model's name for its task: a "logistic" family fitting a regression is linear regression. */
export function modelName(config: ExperimentConfig): string {
  const { family } = config.model;
  if (family === 'logistic') {
    return config.data.task === 'regression'
      ? 'linear regression'
      : config.data.task === 'multiclass'
        ? 'softmax regression'
        : 'logistic regression';
  }
  return family === 'gbdt' ? 'boosted trees' : family === 'mlp' ? 'MLP' : 'embedding + MLP';
}

/**
 * The setup as short facets, keyed so two setups can be compared facet by facet: the model with
 * its size, the default encodings, each per-column setting, downsampling, calibration, the seed.
 */
export function setupFacets(config: ExperimentConfig): Map<string, string> {
  const facets = new Map<string, string>();
  const model = config.model as Record<string, unknown>;
  const size = [
    Array.isArray(model['hidden']) ? (model['hidden'] as number[]).join('x') : null,
    typeof model['trees'] === 'number' ? `${model['trees']} trees` : null,
    typeof model['maxDepth'] === 'number' ? `depth ${model['maxDepth']}` : null,
    typeof model['embeddingDim'] === 'number' ? `dim ${model['embeddingDim']}` : null,
  ].filter((part) => part !== null);
  facets.set('model', [modelName(config), ...size].join(' '));
  const d = config.features.default;
  facets.set('categorical', encodingText(d));
  if (d.numeric !== undefined) facets.set('numeric', d.numeric);
  if (d.missing !== undefined) facets.set('missing', `missing ${d.missing}`);
  for (const [name, column] of Object.entries(config.features.columns ?? {}).sort()) {
    const text = column.drop ? 'dropped' : [encodingText(column), column.numeric, column.missing];
    facets.set(
      `column:${name}`,
      `${name} ${typeof text === 'string' ? text : text.filter(Boolean).join(' ')}`,
    );
  }
  const { negativeRate: w, recalibrate, calibration, mode } = config.imbalance;
  facets.set(
    'sampling',
    w < 1
      ? `w=${w}${mode === 'upweight' ? ' upweighted' : recalibrate ? ' recal.' : ''}`
      : 'all negatives',
  );
  if (calibration !== 'none') facets.set('calibration', calibration);
  facets.set('seed', `seed ${config.seed}`);
  return facets;
}

function encodingText(t: {
  categorical?: string;
  hashBuckets?: number;
  dim?: number;
  topK?: number;
}): string {
  const encoding = t.categorical ?? '';
  if (encoding === 'hashing' && t.hashBuckets !== undefined)
    return `hashing ${t.hashBuckets} buckets`;
  if (encoding === 'embedding' && t.dim !== undefined) return `embedding dim ${t.dim}`;
  if (encoding === 'onehot' && t.topK !== undefined) return `onehot top ${t.topK}`;
  return encoding;
}

/**
 * A run's label: without `other`, its model, categorical encoding and any per-column settings and
 * downsampling; with `other` (the previous or baseline run), only what differs from it, or "same
 * setup". Facets are joined with ", ".
 */
export function describeSetup(config: ExperimentConfig, other?: ExperimentConfig): string {
  const facets = setupFacets(config);
  if (other === undefined) {
    const shown = [...facets].filter(
      ([key, text]) => key !== 'seed' && !(key === 'sampling' && text === 'all negatives'),
    );
    return shown.map(([, text]) => text).join(', ');
  }
  const before = setupFacets(other);
  const changed = [...facets].filter(([key, text]) => before.get(key) !== text);
  const removed = [...before.keys()].filter((key) => !facets.has(key));
  const parts = [
    ...changed.map(([, text]) => text),
    ...removed.map((key) => `${key.replace(/^column:/, '')} default`),
  ];
  return parts.length > 0 ? parts.join(', ') : 'same setup';
}

/**
 * The run `run` is compared with: the pinned baseline when it poses the same problem, else the
 * latest earlier run (in `runs` order) that does; null when none does.
 */
export function referenceRun(
  runs: readonly Run[],
  run: Run,
  baselineId: number | null = null,
): Run | null {
  const config = run.result.config;
  const baseline = runs.find((r) => r.id === baselineId);
  if (baseline && baseline.id !== run.id && sameProblem(baseline.result.config, config))
    return baseline;
  for (let i = runs.indexOf(run) - 1; i >= 0; i--) {
    if (sameProblem(runs[i]!.result.config, config)) return runs[i]!;
  }
  return null;
}
