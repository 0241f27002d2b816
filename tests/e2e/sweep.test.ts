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

/** The "value: mean ± sd" entries of one validation-curve panel's accessible description. */
function panelPoints(label: string): Array<{ value: string; mean: number; sd: number }> {
  return [...label.matchAll(/([\w.]+): (-?[\d.e+-]+) ± ([\d.e+-]+)/g)].map((m) => ({
    value: m[1]!,
    mean: Number(m[2]),
    sd: Number(m[3]),
  }));
}

describe('sweeps and paired comparisons in the browser', () => {
  it('sweeps w over 4 values x 2 seeds, draws the curves with their band, and compares two runs', async () => {
    const { page, errors } = await openApp(browser);
    // Without re-calibration the downsampled model over-predicts: the calibration ratio climbs as w falls.
    await page.getByRole('tab', { name: /Data & features/ }).click();
    await page.getByLabel(/Re-calibrate: q = p/).uncheck();

    await page.getByLabel('Sweep knob').selectOption('imbalance.negativeRate');
    await page.getByLabel('Sweep values, comma-separated').fill('1, 0.3, 0.1, 0.03');
    await page.getByLabel('Seeds per value').fill('2');
    await page.getByRole('button', { name: 'Run sweep' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 120_000 })
      .toMatch(/Point \d of 4/);
    const curves = page.getByTestId('validation-curves');
    await curves.waitFor({ timeout: 480_000 });

    const auc = panelPoints(
      (await curves.getByRole('img', { name: /^ROC AUC against/ }).getAttribute('aria-label'))!,
    );
    expect(auc.map((p) => p.value)).toEqual(['1', '0.3', '0.1', '0.03']);
    expect(auc.every((p) => p.sd > 0)).toBe(true);
    expect(await curves.locator('path.band').first().getAttribute('d')).toMatch(/\d/);
    const ratio = panelPoints(
      (await curves
        .getByRole('img', { name: /^calib. ratio against/ })
        .getAttribute('aria-label'))!,
    );
    const means = ratio.map((p) => p.mean);
    expect(means.slice(1).every((m, i) => m > means[i]!)).toBe(true);
    expect(means[3]! / means[0]!).toBeGreaterThan(3);
    expect(await page.getByText(/band: mean ± 1 sd across seeds/).isVisible()).toBe(true);

    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await curves.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/sweep-${width}x${height}.png` });
    }

    // Two runs on the same test rows: the comparison gives a verdict per metric.
    await page.getByRole('button', { name: 'Train and evaluate' }).click();
    await page.getByRole('region', { name: /^Result of Run 1/ }).waitFor({ timeout: 120_000 });
    await page.getByRole('tab', { name: /Data & features/ }).click();
    await page.getByLabel(/Re-calibrate: q = p/).check();
    await page.getByRole('tab', { name: /Model/ }).click();
    await page.getByLabel('Max iterations').fill('20');
    await page.getByRole('button', { name: 'Train and evaluate' }).click();
    await page.getByRole('region', { name: /^Result of Run 2/ }).waitFor({ timeout: 120_000 });
    await page.getByLabel('Compare Run 1').check();
    await page.getByLabel('Compare Run 2').check();
    const chips = page.getByTestId('verdict-chip');
    await chips.first().waitFor({ timeout: 60_000 });
    expect(await chips.count()).toBe(5);
    for (const chip of await chips.allTextContents()) {
      expect(['A better', 'within noise', 'B better']).toContain(chip);
    }
    await chips.first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/sweep-compare-1920x1080.png' });
    // The sweep's path on the trade-off chart, each point labelled by its value of w.
    const path = page.getByRole('img', {
      name: /^Sweep of Negative downsampling rate w: 1: p99 latency/,
    });
    expect(await path.getAttribute('aria-label')).toMatch(/0\.3: .*0\.1: .*0\.03: /);
    await path.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/sweep-tradeoff-1920x1080.png' });
    expect(errors).toEqual([]);
    await page.close();
  }, 900_000);
});
