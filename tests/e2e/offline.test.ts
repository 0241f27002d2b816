import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp } from './browser.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('offline use after one visit', () => {
  it('reloads with no network and trains on a built-in data set from the precache', async () => {
    const { page, context, errors } = await openApp(browser);
    // The service worker has precached the app, its worker, the wasm files and the data sets.
    await page.getByTestId('offline-ready').waitFor({ timeout: 90_000 });
    const precached = await page.evaluate(async () => {
      const names = await caches.keys();
      const urls: string[] = [];
      for (const name of names) {
        for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
      }
      return urls;
    });
    for (const pattern of [
      /engine\.worker-.*\.js/,
      /tfjs-backend-wasm-simd-.*\.wasm/,
      /penguins\.csv/,
    ]) {
      expect(
        precached.some((url) => pattern.test(url)),
        String(pattern),
      ).toBe(true);
    }

    await context.setOffline(true);
    await page.reload();
    await expect
      .poll(() => page.getByTestId('backend-active').textContent(), { timeout: 60_000 })
      .toContain('wasm');
    await page.getByLabel('Data set').selectOption('penguins');
    await page.getByTestId('feature-count').waitFor({ state: 'attached', timeout: 60_000 });
    await page.getByRole('button', { name: 'Train and evaluate' }).click();
    await page.getByRole('region', { name: 'Result of Run 1' }).waitFor({ timeout: 120_000 });
    expect(await page.locator('[data-metric="accuracy"] .value').first().textContent()).toMatch(
      /\d/,
    );
    expect(errors).toEqual([]);
    await context.close();
  });
});
