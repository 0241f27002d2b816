import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
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
    // Filtered by its text: other status lines (the offline-ready notice at the top, once the
    // service worker is installed) can come first on the page.
    await expect
      .poll(
        () =>
          page
            .getByRole('status')
            .filter({ hasText: /Point \d of 4/ })
            .count(),
        {
          timeout: 120_000,
        },
      )
      .toBe(1);
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

  it('keeps a re-calibrated w sweep across a reload, overlays raw and re-calibrated, and shares it by link', async () => {
    const { page, context, errors } = await openApp(browser);
    await page.getByLabel('Sweep knob').selectOption('imbalance.negativeRate');
    await page.getByLabel('Sweep values, comma-separated').fill('1, 0.1');
    await page.getByLabel('Seeds per value').fill('2');
    await page.getByRole('button', { name: 'Run sweep' }).click();
    const curves = page.getByTestId('validation-curves');
    await curves.waitFor({ timeout: 480_000 });

    // Raw and re-calibrated overlaid, labelled: at w = 0.1 the raw model over-predicts.
    expect(
      await page.getByText(/raw model output \(log loss, ECE, calib. ratio\)/).isVisible(),
    ).toBe(true);
    const ratioLabel = (await curves
      .getByRole('img', { name: /^calib. ratio against/ })
      .getAttribute('aria-label'))!;
    const [raw, recalibrated] = ratioLabel.split('; ').map(panelPoints);
    expect(ratioLabel).toMatch(
      /^calib. ratio against .*: raw model output 1: .*; re-calibrated 1: /,
    );
    expect(raw![1]!.mean).toBeGreaterThan(2 * recalibrated![1]!.mean);
    expect(Math.abs(recalibrated![1]!.mean - 1)).toBeLessThan(0.3);
    // The latency band is clipped at 0, and the note says so.
    expect(await page.getByText(/clipped at 0 for p99 ms and model bytes/).isVisible()).toBe(true);
    // Neighbouring points compared seed by seed.
    const verdicts = page.getByTestId('neighbour-verdicts');
    expect(await verdicts.locator('tbody tr').count()).toBe(1);
    expect(await verdicts.locator('.chip').count()).toBe(5);
    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await curves.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `test-results/sweep-overlay-${width}x${height}.png` });
    }

    // Kept in IndexedDB: listed after a reload, shown again without running.
    await page.reload();
    const stored = page.getByTestId('stored-sweeps');
    await stored.waitFor({ timeout: 60_000 });
    expect(await stored.textContent()).toMatch(/Negative downsampling rate w: 1, 0.1 × 2 seeds/);
    await stored.getByRole('button', { name: /^Show sweep/ }).click();
    await curves.waitFor({ timeout: 30_000 });
    await stored.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/sweep-stored-1920x1080.png' });

    // Shared by link: another tab of the same browser shows the stored result and offers a rerun.
    await page.getByRole('button', { name: 'Share sweep link' }).click();
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toMatch(/^#sweep=/);
    const other = await context.newPage();
    other.on('pageerror', (error) => errors.push(error.message));
    await other.goto(new URL(`/${hash}`, inject('baseUrl')).href);
    const banner = other.getByTestId('sweep-link');
    await banner.waitFor({ timeout: 60_000 });
    await expect.poll(() => banner.textContent()).toMatch(/its saved result is shown below/);
    await other.getByTestId('validation-curves').waitFor({ timeout: 30_000 });
    expect(await other.getByRole('button', { name: 'Run this sweep' }).isEnabled()).toBe(true);

    // A tampered link names the field.
    const tampered = JSON.parse(
      Buffer.from(hash.slice('#sweep='.length), 'base64url').toString('utf8'),
    );
    tampered.vary.values[1] = 2;
    await other.goto(
      new URL(
        `/#sweep=${Buffer.from(JSON.stringify(tampered)).toString('base64url')}`,
        inject('baseUrl'),
      ).href,
    );
    await other.reload();
    await expect
      .poll(() => other.getByRole('alert').allTextContents(), { timeout: 30_000 })
      .toContainEqual(
        expect.stringMatching(
          /Invalid sweep at vary\.values\[1\] \(2 for imbalance\.negativeRate\)/,
        ),
      );
    expect(errors).toEqual([]);
    await context.close();
  }, 900_000);
});
