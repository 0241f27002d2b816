import type { ModelConfig } from '../lib/experiment/config.ts';
import type { RunProgress } from '../lib/experiment/result.ts';

/** About this many training lines per run: enough to see the trend. */
const TRAINING_LINES = 10;

/**
 * A progress callback that writes one line per phase and about ten lines while training (every
 * tenth of the epochs, iterations or trees, plus the first and last), never one per row or per batch.
 */
export function progressLogger(
  family: ModelConfig['family'],
  log: (line: string) => void,
): (progress: RunProgress) => void {
  const unit = family === 'gbdt' ? 'trees' : family === 'logistic' ? 'L-BFGS iterations' : 'epochs';
  let phase: RunProgress['phase'] | undefined;
  let printedStep = 0;
  return (p) => {
    const first = p.phase !== phase;
    phase = p.phase;
    const time = `[${(p.elapsedMs / 1000).toFixed(1).padStart(6)} s]`;
    if (p.phase !== 'training') {
      if (first) log(`${time} ${p.phase}`);
      return;
    }
    // Models report at their own pace (gbdt every ten trees): print when a tenth has passed.
    const every = Math.max(1, Math.ceil(p.total / TRAINING_LINES));
    if (!first && p.step !== p.total && p.step - printedStep < every) return;
    printedStep = p.step;
    const parts = [`${time} training ${p.step}/${p.total} ${unit}`];
    if (p.trainLoss !== undefined) parts.push(`train loss ${p.trainLoss.toFixed(4)}`);
    if (p.validationLoss !== undefined)
      parts.push(`validation loss ${p.validationLoss.toFixed(4)}`);
    if (p.rowsPerSec !== undefined) parts.push(`${Math.round(p.rowsPerSec)} rows/s`);
    log(parts.join(', '));
  };
}
