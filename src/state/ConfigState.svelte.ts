import type { ExperimentConfig } from '../lib/experiment/config.ts';
import { defaultConfig } from './defaults.ts';

/** The experiment being edited: the controls of the four steps write into it. */
export class ConfigState {
  config = $state<ExperimentConfig>(defaultConfig());

  /** A plain copy, safe to send to the worker (rune proxies cannot be cloned). */
  snapshot(): ExperimentConfig {
    return $state.snapshot(this.config) as ExperimentConfig;
  }

  reset(): void {
    this.config = defaultConfig();
  }
}
