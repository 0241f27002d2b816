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
    // The main thread stays free while the worker trains: the page updates the progress bar at
    // several points of training before it ends. A structural check, not a time limit (long tasks
    // are measured, with their targets, by `npm run bench -- --long-tasks`).
    await page.getByTestId('feature-count').waitFor({ state: 'attached', timeout: 60_000 });
    await page.evaluate(() => {
      const w = window as unknown as { progressDrawn: Set<string>; trainingEnded: boolean };
      w.progressDrawn = new Set();
      w.trainingEnded = false;
      new MutationObserver(() => {
        if (w.trainingEnded) return;
        const text = document.querySelector('.progress')?.textContent ?? '';
        if (
          /Computing metrics|Measuring serving latency/.test(text) ||
          document.querySelector('[data-metric]')
        ) {
          w.trainingEnded = true;
          return;
        }
        const percent = document
          .querySelector('[role="progressbar"]')
          ?.getAttribute('aria-valuenow');
        if (percent) w.progressDrawn.add(percent);
      }).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
      });
    });
    await page.getByRole('button', { name: 'Train and evaluate' }).click();
    await expect.poll(() => page.getByRole('progressbar').count()).toBe(1);
    const auc = page.locator('[data-metric="rocAuc"] .value');
    await auc.waitFor({ timeout: 90_000 });
    const progressDrawn = await page.evaluate(() =>
      [...(window as unknown as { progressDrawn: Set<string> }).progressDrawn].map(Number),
    );

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
    expect(
      progressDrawn.length,
      `progress percentages shown while training: ${progressDrawn.join(', ')}`,
    ).toBeGreaterThanOrEqual(2);
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
