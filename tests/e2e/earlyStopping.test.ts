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

describe('early stopping in the browser', () => {
  // One training, the page resized for the second size: the chart is drawn again at its width.
  it('marks the tree kept on the loss curve at 1366x768 and 1920x1080', async () => {
    const { page, errors } = await openApp(browser);
    await page.getByRole('tab', { name: /Model/ }).click();
    await page.getByLabel('Model family').selectOption('gbdt');
    await page.getByLabel('Trees').fill('400');
    await page.getByLabel('Learning rate').fill('0.5');
    await page.getByLabel('Early stopping (0 = off)').fill('5');
    await page.getByRole('button', { name: 'Train and evaluate' }).click();
    await page.getByRole('region', { name: /^Result of Run/ }).waitFor({ timeout: 180_000 });

    for (const size of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(size);
      const kept = page.locator('g.kept text');
      await expect.poll(() => kept.textContent(), { timeout: 10_000 }).toMatch(/^kept: tree \d+$/);
      const keptTree = Number((await kept.textContent())!.replace(/\D+/g, ''));
      expect(keptTree).toBeGreaterThan(0);
      expect(keptTree).toBeLessThan(400);
      const label = await page.locator('svg[aria-label^="Loss curve"]').getAttribute('aria-label');
      expect(label).toContain(`early stopping keeps tree ${keptTree}`);
      await page
        .locator('figure', { has: page.locator('svg[aria-label^="Loss curve"]') })
        .scrollIntoViewIfNeeded();
      await page.screenshot({
        path: `test-results/early-stopping-${size.width}x${size.height}.png`,
      });
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
