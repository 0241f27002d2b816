import type { EngineClient } from '../engine/EngineClient.ts';
import type { PredictionsReport } from '../lib/experiment/evaluatePredictions.ts';

/** Another model's predictions, scored in the worker; a bad file leaves the last report in place. */
export class PredictionsState {
  report = $state.raw<PredictionsReport | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);

  #engine: EngineClient;

  constructor(engine: EngineClient) {
    this.#engine = engine;
  }

  async evaluate(file: File): Promise<void> {
    this.busy = true;
    try {
      this.report = await this.#engine.evaluatePredictions(file);
      this.error = null;
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = false;
    }
  }
}
