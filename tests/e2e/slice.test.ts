import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp } from './browser.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync('test-results', { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

describe('the first slice in a real browser', () => {
  it('trains in the worker on one press, shows metrics and the backend, and keeps the main thread free', async () => {
    const { page, errors } = await openApp(browser);
    await expect
      .poll(() => page.getByTestId('backend-active').textContent(), { timeout: 60_000 })
      .toContain('wasm');

    // A bigger synthetic set, so training lasts long enough to matter.
    await page.getByLabel('Rows', { exact: true }).fill('100000');
    await page.getByLabel('Rows', { exact: true }).press('Tab');
    // Long tasks are counted from here: the page has loaded and drawn the data step. The window
    // closes when training ends (the progress moves on to metrics), so drawing the result — split
    // into one task per chart, but at the mercy of a loaded CI machine — is not counted as training.
    await page.getByTestId('feature-count').waitFor({ state: 'attached', timeout: 60_000 });
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: [number, number][]; trainingEnd: number | null };
      w.longTasks = [];
      w.trainingEnd = null;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longTasks.push([entry.startTime, entry.duration]);
      }).observe({ type: 'longtask' });
      new MutationObserver(() => {
        const text = document.querySelector('.progress')?.textContent ?? '';
        const done =
          /Computing metrics|Measuring serving latency/.test(text) ||
          document.querySelector('[data-metric]');
        if (done && w.trainingEnd === null) w.trainingEnd = performance.now();
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByRole('button', { name: 'Train and evaluate' }).click();
    await expect.poll(() => page.getByRole('progressbar').count()).toBe(1);
    const auc = page.locator('[data-metric="rocAuc"] .value');
    await auc.waitFor({ timeout: 90_000 });
    const { longTasks, trainingEnd } = await page.evaluate(() => {
      const w = window as unknown as { longTasks: [number, number][]; trainingEnd: number };
      return { longTasks: w.longTasks, trainingEnd: w.trainingEnd };
    });
    const duringTraining = longTasks.filter(([start, ms]) => start < trainingEnd && ms > 50);

    expect(Number(await auc.textContent())).toBeGreaterThan(0.6);
    expect(
      Number(await page.locator('[data-metric="logLoss"] .value').textContent()),
    ).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('img', { name: /Reliability diagram/ }).count()).toBe(1);
    await expect
      .poll(() => page.getByText(/Reliability, 10 equal-width bins, ECE 0\.\d{4}/).count())
      .toBe(1);
    await expect
      .poll(() => page.getByRole('img', { name: /Loss curve: after L-BFGS iteration \d+/ }).count())
      .toBe(1);
    expect(await page.getByRole('heading', { name: /Serving latency/ }).textContent()).toContain(
      'wasm',
    );
    expect(duringTraining, 'main-thread long tasks while training: [start, ms]').toEqual([]);
    await page.screenshot({ path: 'test-results/slice-1366x768.png', fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('switches to the cpu backend on request and says which one runs', async () => {
    const { page } = await openApp(browser);
    await expect
      .poll(() => page.getByTestId('backend-active').textContent(), { timeout: 60_000 })
      .toContain('wasm');
    await page.getByLabel('Backend').selectOption('cpu');
    await expect
      .poll(() => page.getByTestId('backend-active').textContent(), { timeout: 60_000 })
      .toContain('cpu');
    await page.close();
  });
});
