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

const historyRows = (page: Page) => page.locator('.history tbody tr');
const tradeoffPoints = (page: Page) =>
  page.getByRole('button', { name: /^Run \d+/ }).and(page.locator('g.point'));

describe('the playground, as a new user walks it', () => {
  it('walks the four steps, runs two setups, compares them, shares and restores the setup', async () => {
    const { page, context, errors } = await openApp(browser);
    await page.getByTestId('feature-count').waitFor({ state: 'attached', timeout: 60_000 });

    // Run 1: the first-visit default, one press.
    await train(page, 1);

    // Step 2: hash the high-cardinality ids and keep 10% of negatives with re-calibration.
    await page.getByRole('tab', { name: /Data & features/ }).click();
    await page.getByLabel('Encoding of ad_id').selectOption('hashing');
    await page.getByLabel(/Negatives kept/).fill('-1');
    // Step 3: a bigger model.
    await page.getByRole('tab', { name: /Model/ }).click();
    await page.getByLabel('Model family').selectOption('gbdt');
    await page.getByLabel('Trees', { exact: true }).fill('30');
    await train(page, 2);

    await expect.poll(() => historyRows(page).count()).toBe(2);
    await expect.poll(() => tradeoffPoints(page).count()).toBe(2);
    // Downsampling on: the raw model's reliability is drawn next to the re-calibrated one.
    await expect.poll(() => page.getByText('raw model').count()).toBeGreaterThan(0);

    // Compare the two side by side.
    await page.getByLabel('Compare Run 1').check();
    await page.getByLabel('Compare Run 2').check();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Comparing 2 runs' }).count())
      .toBe(1);
    // The calibration ratio's verdict reads the interval of |A - 1| - |B - 1|: it is shown, and
    // the chip says "within noise" exactly when that interval contains 0.
    const ratioLine = page.getByTestId('ratio-verdict-interval');
    await ratioLine.waitFor({ timeout: 60_000 });
    const [lo, hi] = [...((await ratioLine.textContent()) ?? '').matchAll(/-?\d+\.\d{4}/g)].map(
      (m) => Number(m[0]),
    );
    const ratioChip = page
      .getByRole('row', { name: /^Calibration ratio/ })
      .getByTestId('verdict-chip');
    expect((await ratioChip.textContent())?.trim() === 'within noise').toBe(lo! <= 0 && hi! >= 0);

    // Clicking a point on the trade-off chart opens that run.
    await tradeoffPoints(page).first().click();
    await expect
      .poll(() => page.getByRole('region', { name: /^Result of Run \d$/ }).count())
      .toBe(1);

    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({
        path: `test-results/playground-${width}x${height}.png`,
        fullPage: true,
      });
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: 'test-results/playground-viewport-1366x768.png' });
    await page.getByRole('button', { name: /Dark theme/ }).click();
    await page.screenshot({ path: 'test-results/playground-dark-1366x768.png' });

    // Share: the link holds the whole config; a new page restores it.
    await page.getByRole('button', { name: 'Share setup' }).click();
    const link = await page.getByLabel('Share link').inputValue();
    expect(link).toMatch(/#v1=/);
    const shared = await context.newPage();
    await shared.goto(link);
    await shared.getByRole('tab', { name: /Model/ }).click();
    expect(await shared.getByLabel('Model family').inputValue()).toBe('gbdt');
    expect(await shared.getByLabel('Trees', { exact: true }).inputValue()).toBe('30');
    await shared.getByRole('tab', { name: /Data & features/ }).click();
    await expect
      .poll(() => shared.getByLabel('Encoding of ad_id').inputValue(), { timeout: 30_000 })
      .toBe('hashing');

    // The same browser keeps every run (IndexedDB), in the new page and after a reload.
    await expect.poll(() => historyRows(shared).count(), { timeout: 30_000 }).toBe(2);
    await shared.close();
    await page.reload();
    await expect.poll(() => historyRows(page).count(), { timeout: 30_000 }).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('explains a tampered or truncated link and falls back to the defaults', async () => {
    const { page } = await openApp(browser, '/#v1=eyJzZWVkIjo0Miwi');
    const alert = page.getByRole('alert').filter({ hasText: 'damaged or incomplete' });
    await alert.waitFor({ timeout: 30_000 });
    expect(await page.getByLabel('Data set').inputValue()).toBe('synthetic-ctr');
    const outdated = await openApp(browser, '/#v0=abc');
    await outdated.page
      .getByRole('alert')
      .filter({ hasText: 'older version' })
      .waitFor({ timeout: 30_000 });
    await page.close();
    await outdated.page.close();
  });
});
