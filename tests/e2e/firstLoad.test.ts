import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { launchBrowser } from './browser.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

declare global {
  interface Window {
    /** Frames begun so far (animation-frame callbacks). */
    framesSeen: number;
    /** Whether #app held anything when DOMContentLoaded fired (the main script has run by then). */
    appFilledAtDomContentLoaded: boolean;
    /** framesSeen when the app's header was inserted, and when a Worker was constructed. */
    frameAtMount: number | null;
    frameAtWorker: number | null;
  }
}

/**
 * The first visit's page-load task is kept short by structure, not by a timed test (a long task is
 * wall-clock time, which the bench `npm run bench -- --long-tasks` reports; docs/design.md "Facts
 * measured"): the main script's evaluation, the first mount and the engine worker's start each
 * run in tasks of their own.
 */
describe('first visit', () => {
  it('mounts after the main script has run and starts the engine worker after a frame with the first screen', async () => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.framesSeen = 0;
      window.frameAtMount = null;
      window.frameAtWorker = null;
      const tick = () => {
        window.framesSeen++;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      document.addEventListener('DOMContentLoaded', () => {
        window.appFilledAtDomContentLoaded = document.getElementById('app')!.childElementCount > 0;
        new MutationObserver((_, observer) => {
          if (!document.querySelector('#app h1')) return;
          window.frameAtMount = window.framesSeen;
          observer.disconnect();
        }).observe(document.getElementById('app')!, { childList: true, subtree: true });
      });
      const NativeWorker = window.Worker;
      window.Worker = class extends NativeWorker {
        constructor(url: string | URL, options?: WorkerOptions) {
          window.frameAtWorker ??= window.framesSeen;
          super(url, options);
        }
      };
    });
    await page.goto(inject('baseUrl'));
    // The engine answered: the data set was inspected and planned.
    await page.getByTestId('feature-count').waitFor({ state: 'attached', timeout: 90_000 });
    const seen = await page.evaluate(() => ({
      appFilledAtDomContentLoaded: window.appFilledAtDomContentLoaded,
      frameAtMount: window.frameAtMount,
      frameAtWorker: window.frameAtWorker,
    }));
    expect(seen.appFilledAtDomContentLoaded).toBe(false);
    expect(seen.frameAtMount).not.toBeNull();
    expect(seen.frameAtWorker).not.toBeNull();
    expect(seen.frameAtWorker!).toBeGreaterThan(seen.frameAtMount!);
    await context.close();
  });
});
