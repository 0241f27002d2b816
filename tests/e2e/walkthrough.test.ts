import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp } from './browser.ts';

/** The first walk-throughs' defects (issue "What broke when people used it"), as a user meets them. */
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function ready(page: Page) {
  await page.getByTestId('feature-count').waitFor({ state: 'attached', timeout: 60_000 });
}

describe('walk-through fixes', () => {
  it('shows the positive class on first load, and picks a target for an imported file', async () => {
    const { page, errors } = await openApp(browser);
    await ready(page);
    // The synthetic click data's 0/1 target: the box showed blank before.
    await expect.poll(() => page.getByLabel('Positive class').inputValue()).toBe('1');
    expect(await page.locator('#positive option:checked').textContent()).toBe('1');

    await page.getByLabel('CSV file').setInputFiles('examples/data/tiny.csv');
    await expect
      .poll(() => page.getByLabel('Target').inputValue(), { timeout: 30_000 })
      .toBe('defaulted');
    expect(await page.getByTestId('target-note').textContent()).toMatch(
      /no column "click": the target is now "defaulted"/,
    );
    expect(await page.getByLabel('Task').inputValue()).toBe('binary');
    // Labels as the file spells them.
    const classes = await page.locator('#positive option').allTextContents();
    expect(classes).toEqual(expect.arrayContaining(['no', 'yes']));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('flags an embedding encoding the model would drop, and offers the embedding + MLP model', async () => {
    const { page } = await openApp(browser);
    await ready(page);
    await page.getByRole('tab', { name: /Data & features/ }).click();
    await page.getByLabel('Categorical encoding').selectOption('embedding');
    const notice = page.getByTestId('embedding-model');
    await expect
      .poll(async () => (await notice.textContent())?.replace(/\s+/g, ' '))
      .toMatch(/read only by the embedding \+ MLP model: the logistic model would drop it/);
    await notice.getByRole('button', { name: 'Use the embedding + MLP model' }).click();
    await expect.poll(() => notice.count()).toBe(0);
    await page.getByRole('tab', { name: /Model/ }).click();
    expect(await page.getByLabel('Model family').inputValue()).toBe('embedding-mlp');
    await page.close();
  });

  it('compares a run with the previous one on the same data and names what changed', async () => {
    // Two trainings at the first size; the page is resized for the second.
    const { page, errors } = await openApp(browser, '/', { width: 1920, height: 1080 });
    await ready(page);
    await page.getByRole('button', { name: 'Train and evaluate' }).click();
    await page.locator('[data-metric="rocAuc"] .value').waitFor({ timeout: 90_000 });
    await page.getByRole('tab', { name: /Data & features/ }).click();
    await page.getByLabel('Categorical encoding').selectOption('hashing');
    await page.getByRole('button', { name: 'Train and evaluate' }).click();
    for (const size of [
      { width: 1920, height: 1080 },
      { width: 1366, height: 768 },
    ]) {
      await page.setViewportSize(size);
      await expect
        .poll(() => page.getByTestId('reference').textContent(), { timeout: 90_000 })
        .toMatch(/previous run on the same data and task, Run 1; this run differs in: hashing/);
      // Both ECE conventions, each labelled, and the ratio's delta coloured by distance from 1.
      expect(await page.locator('[data-metric="ece"] .label').textContent()).toMatch(/equal-width/);
      expect(await page.locator('[data-metric="eceEqualMass"] .label').textContent()).toMatch(
        /equal-mass/,
      );
      // The reliability diagram in either binning.
      await page.getByLabel('Reliability bins').selectOption('mass');
      await expect
        .poll(() => page.getByText(/Reliability, 10 equal-mass bins, ECE 0\.\d{4}/).count())
        .toBe(1);
      await page.getByLabel('Reliability bins').selectOption('width');
      const setups = await page.locator('td.setup').allTextContents();
      expect(setups.some((s) => s.startsWith('vs Run 1: hashing'))).toBe(true);
      await page.screenshot({
        path: `test-results/walkthrough-${size.width}x${size.height}.png`,
      });
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
