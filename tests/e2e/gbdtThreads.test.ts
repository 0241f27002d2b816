import type { Browser, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeShareLink } from '../../src/lib/links/shareLink.ts';
import { MIN_FIT_ROWS } from '../../src/lib/models/gbdt/histogramThreads.ts';
import { launchBrowser, openApp } from './browser.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const link = encodeShareLink({
  seed: 3,
  data: {
    // 70% of the rows train: just over the fit size that starts a helper.
    source: { synthetic: { kind: 'ctr', rows: Math.ceil(MIN_FIT_ROWS / 0.68), baseRate: 0.1 } },
    target: 'click',
    task: 'binary',
    positiveClass: '1',
    split: { method: 'random', test: 0.2, validation: 0.1 },
  },
  model: { family: 'gbdt', trees: 20 },
});

/**
 * The page's histogram helper workers, those that have closed, and what any worker said about a
 * fit falling back to one thread (the engine worker logs it: the fit still succeeds, only slower).
 */
function watchWorkers(page: Page) {
  const seen = { helpers: [] as Worker[], closed: [] as string[], fallbacks: [] as string[] };
  page.on('worker', (worker) => {
    worker.on('console', (message) => {
      if (message.text().includes('one thread')) seen.fallbacks.push(message.text());
    });
    if (!worker.url().includes('histogram.worker')) return;
    seen.helpers.push(worker);
    worker.on('close', () => seen.closed.push(worker.url()));
  });
  return seen;
}

async function train(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Train and evaluate' }).click();
  await page.getByRole('region', { name: /^Result of Run 1/ }).waitFor({ timeout: 180_000 });
}

describe('GBDT histograms on two threads in the browser', () => {
  it('starts one helper worker from the engine worker in the isolated page and ends it after the fit', async () => {
    const { page, errors } = await openApp(browser, `/${link}`);
    const seen = watchWorkers(page);
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    await train(page);
    expect(seen.helpers).toHaveLength(1);
    await expect.poll(() => seen.closed.length).toBe(1);
    expect(seen.fallbacks).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
