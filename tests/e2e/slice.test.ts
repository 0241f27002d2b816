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

    // Long tasks are counted from here: the page has loaded and drawn the data step.
    await page.getByTestId('feature-count').waitFor({ state: 'attached', timeout: 60_000 });
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
      }).observe({ type: 'longtask' });
    });
    await page.getByRole('button', { name: 'Train and evaluate' }).click();
    await expect.poll(() => page.getByRole('progressbar').count()).toBe(1);
    const auc = page.locator('[data-metric="rocAuc"] .value');
    await auc.waitFor({ timeout: 90_000 });
    const longTasks = await page.evaluate(
      () => (window as unknown as { longTasks: number[] }).longTasks,
    );

    expect(Number(await auc.textContent())).toBeGreaterThan(0.6);
    expect(
      Number(await page.locator('[data-metric="logLoss"] .value').textContent()),
    ).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('img', { name: /Reliability diagram/ }).count()).toBe(1);
    await expect.poll(() => page.getByText(/Reliability, ECE 0\.\d{4}/).count()).toBe(1);
    await expect
      .poll(() => page.getByRole('img', { name: /Loss curve: after epoch \d+/ }).count())
      .toBe(1);
    expect(await page.getByRole('heading', { name: /Serving latency/ }).textContent()).toContain(
      'wasm',
    );
    expect(
      longTasks.filter((ms) => ms > 50),
      'main-thread long tasks while training (ms)',
    ).toEqual([]);
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
