import type { ExperimentConfig } from '../lib/experiment/config.ts';
import { decodeShareLink } from '../lib/links/shareLink.ts';
import { defaultConfig } from './defaults.ts';

/** The experiment being edited: the controls of the four steps write into it. */
export class ConfigState {
  config = $state<ExperimentConfig>(defaultConfig());
  /** Why the share link in the address could not be opened; defaults are shown instead. */
  linkProblem = $state<string | null>(null);
  /** The setup as last opened (a link or the defaults), to tell whether the user changed it. */
  #opened = JSON.stringify(this.snapshot());

  /** A plain copy, safe to send to the worker (rune proxies cannot be cloned). */
  snapshot(): ExperimentConfig {
    return $state.snapshot(this.config) as ExperimentConfig;
  }

  /** True when the setup differs from the one last opened from a link (or the defaults). */
  hasEdits(): boolean {
    return JSON.stringify(this.snapshot()) !== this.#opened;
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
    this.#opened = JSON.stringify(this.snapshot());
  }

  /**
   * A new link pasted into the address bar of this tab (a `hashchange`): opens it, after
   * `confirmDiscard` agrees when the current setup has unsaved edits. A hash that is not a setup
   * link, or holds the setup already shown, changes nothing.
   */
  followLink(hash: string, confirmDiscard: () => boolean): void {
    const link = decodeShareLink(hash);
    if (!link.ok && link.problem === 'none') return;
    if (link.ok && JSON.stringify(link.config) === JSON.stringify(this.snapshot())) return;
    if (this.hasEdits() && !confirmDiscard()) return;
    this.openLink(hash);
  }
}
