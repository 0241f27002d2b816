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

describe('serving at scale', () => {
  it('recomputes cores and cost when the traffic changes, without training again', async () => {
    const { page, context, errors } = await openApp(browser);
    await page.getByTestId('feature-count').waitFor({ state: 'attached', timeout: 60_000 });
    await page.getByRole('button', { name: 'Train and evaluate' }).click();
    const result = page.getByRole('region', { name: 'Result of Run 1' });
    await result.waitFor({ timeout: 120_000 });

    const panel = result.getByTestId('serving-at-scale');
    const cores = panel.getByTestId('cores-at-peak');
    const cost = panel.getByTestId('monthly-cost');
    // The example default: 1,000 requests/s of one row is far below one core's throughput.
    expect(await cores.textContent()).toBe('1');
    const costBefore = await cost.textContent();
    expect(await panel.textContent()).toContain('one thread');
    expect(await result.getByTestId('size-includes').textContent()).toMatch(
      /plus the feature pipeline: vocabularies \d+ B/,
    );

    await page.getByRole('tab', { name: /Frame/ }).click();
    const peak = page.getByLabel('Peak requests/s');
    await peak.fill('50000000');
    await peak.press('Enter');
    await expect.poll(() => cores.textContent()).not.toBe('1');
    const coresAfter = Number((await cores.textContent())!.replace(/,/g, ''));
    expect(coresAfter).toBeGreaterThan(1);
    expect(await cost.textContent()).not.toBe(costBefore);

    // A dearer core-hour moves the cost but not the cores.
    const costAtNewTraffic = await cost.textContent();
    const price = page.getByLabel('Price per core-hour');
    await price.fill('0.08');
    await price.press('Enter');
    await expect.poll(() => cost.textContent()).not.toBe(costAtNewTraffic);
    expect(Number((await cores.textContent())!.replace(/,/g, ''))).toBe(coresAfter);

    // Still one run: nothing was trained again.
    expect(await page.locator('.history tbody tr').count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Result of Run 2' }).count()).toBe(0);

    // A second run, compared with the first: the metric difference next to the serving cost ratio.
    await page.getByRole('button', { name: 'Train and evaluate' }).click();
    await page.getByRole('region', { name: 'Result of Run 2' }).waitFor({ timeout: 120_000 });
    await page.getByLabel('Compare Run 1').check();
    await page.getByLabel('Compare Run 2').check();
    await expect
      .poll(() => page.getByTestId('compare-costs').textContent())
      .toMatch(/Run 2 against Run 1: [+−]\d\.\d{4} Log loss for \d+(\.\d)?x the serving cost/);

    // The trade-off chart can put cores at peak on x.
    await page.getByTestId('tradeoff-x').selectOption('cores');
    await expect
      .poll(() => page.getByText(/against cores at peak/).count(), { timeout: 30_000 })
      .toBeGreaterThan(0);

    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.getByTestId('serving-at-scale').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/capacity-${width}x${height}.png` });
    }
    await page.getByRole('tab', { name: /Frame/ }).click();
    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.getByTestId('traffic-and-prices').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/capacity-frame-${width}x${height}.png` });
    }

    // The traffic and prices travel in the share link.
    await page.getByRole('button', { name: 'Share setup' }).click();
    const link = await page.getByLabel('Share link').inputValue();
    const shared = await context.newPage();
    await shared.goto(link);
    expect(await shared.getByLabel('Peak requests/s').inputValue()).toBe('50000000');
    expect(await shared.getByLabel('Price per core-hour').inputValue()).toBe('0.08');
    await shared.close();
    expect(errors).toEqual([]);
    await page.close();
  });
});
