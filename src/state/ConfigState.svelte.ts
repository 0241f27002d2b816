import type { ExperimentConfig } from '../lib/experiment/config.ts';
import { decodeShareLink } from '../lib/experiment/shareLink.ts';
import { defaultConfig } from './defaults.ts';

/** The experiment being edited: the controls of the four steps write into it. */
export class ConfigState {
  config = $state<ExperimentConfig>(defaultConfig());
  /** Why the share link in the address could not be opened; defaults are shown instead. */
  linkProblem = $state<string | null>(null);

  /** A plain copy, safe to send to the worker (rune proxies cannot be cloned). */
  snapshot(): ExperimentConfig {
    return $state.snapshot(this.config) as ExperimentConfig;
  }

  /** Restores the setup in a share link (`#v1=...`); a broken link keeps the defaults and says why. */
  openLink(hash: string): void {
    const link = decodeShareLink(hash);
    if (link.ok) {
      this.config = link.config;
      this.linkProblem = null;
    } else if (link.problem !== 'none') {
      this.config = defaultConfig();
      this.linkProblem = `${link.reason} The default setup is shown instead.`;
    }
  }
}
