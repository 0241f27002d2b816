import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp } from './browser.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function train(page: Page, runNumber: number) {
  await page.getByRole('button', { name: 'Train and evaluate' }).click();
  await page
    .getByRole('region', { name: `Result of Run ${runNumber}` })
    .waitFor({ timeout: 120_000 });
}

/** The value shown on a test-metric card of the open run. */
const card = (page: Page, key: string) =>
  page.locator(`[aria-label="Test metrics"] [data-metric="${key}"]`);
const value = async (page: Page, key: string) =>
  Number(await card(page, key).locator('.value').textContent());

describe('ranking framing and a base-rate shift, as a learner walks them', () => {
  it('ranks per user, then serves at another click rate: calibration breaks and the prior correction repairs it', async () => {
    const { page, errors } = await openApp(browser);
    await page.getByTestId('feature-count').waitFor({ state: 'attached', timeout: 60_000 });

    // Frame the click problem as ranking within a user.
    await page.getByLabel('Group (rank within)').selectOption('user_id');
    expect(await page.getByLabel('k (top ranks)').inputValue()).toBe('10');
    await train(page, 1);
    expect(await card(page, 'ndcgAtK').locator('.label').textContent()).toBe('NDCG@10');
    for (const key of ['ndcgAtK', 'recallAtK', 'groupAuc']) {
      const v = await value(page, key);
      expect(v, key).toBeGreaterThan(0);
      expect(v, key).toBeLessThanOrEqual(1);
    }
    await expect.poll(() => page.locator('.history th', { hasText: 'Group AUC' }).count()).toBe(1);
    const calibrated = await value(page, 'calibrationRatio');
    expect(Math.abs(calibrated - 1)).toBeLessThan(0.2);

    // Served where 30% click, uncorrected: the model still predicts about 10%.
    await page.getByLabel('Serve at another positive rate').check();
    expect(await page.getByLabel('Deployment base rate').inputValue()).toBe('0.3');
    await train(page, 2);
    const broken = await value(page, 'calibrationRatio');
    const auc = await card(page, 'rocAuc').locator('.value').textContent();
    expect(broken).toBeLessThan(0.6);
    await expect.poll(() => page.locator('[data-estimate]').count()).toBe(1);

    // The known prior repairs it; the order, hence AUC and the ranking metrics, stays.
    await page.getByLabel('Prior correction').selectOption('known');
    await train(page, 3);
    const repaired = await value(page, 'calibrationRatio');
    expect(Math.abs(repaired - 1)).toBeLessThan(0.15);
    expect(await card(page, 'rocAuc').locator('.value').textContent()).toBe(auc);
    const before = page.getByRole('region', { name: 'Serving at another base rate' });
    expect(
      Number(await before.locator('[data-metric="calibrationRatio"] td').first().textContent()),
    ).toBeCloseTo(broken, 3);
    await expect
      .poll(() =>
        page
          .getByText(
            'Re-calibration is monotone: ranking metrics unchanged, log loss and ECE move.',
          )
          .count(),
      )
      .toBe(1);
    await expect.poll(() => page.getByText('before prior correction').count()).toBeGreaterThan(0);

    // The estimated prior: EM's rate beside the true one, calibration repaired too.
    await page.getByLabel('Prior correction').selectOption('estimated');
    await train(page, 4);
    expect(Math.abs((await value(page, 'calibrationRatio')) - 1)).toBeLessThan(
      Math.abs(broken - 1),
    );

    // The trade-off chart can plot a ranking metric.
    const y = page.locator('.tradeoff select').nth(1);
    await y.selectOption('ndcgAtK');
    await expect.poll(() => page.locator('#tradeoff-title').count()).toBe(1);

    await page.getByRole('region', { name: 'Result of Run 4' }).scrollIntoViewIfNeeded();
    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({
        path: `test-results/ranking-${width}x${height}.png`,
        fullPage: true,
      });
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
