/**
 * Training that blew up: the loss became NaN or infinite, so every prediction after it would be
 * NaN. Named for what it is, with the usual fix, instead of failing later in the metrics.
 */
export class TrainingDivergedError extends Error {
  override name = 'TrainingDivergedError';

  /** @param epoch the 1-based epoch whose mean training loss was not finite */
  constructor(readonly epoch: number) {
    super(`Training diverged (loss became NaN at epoch ${epoch}): lower the learning rate.`);
  }
}

/** Throws TrainingDivergedError when an epoch's mean loss is NaN or infinite. */
export function assertLossFinite(loss: number, epoch: number): void {
  if (!Number.isFinite(loss)) throw new TrainingDivergedError(epoch);
}
