import { readFileSync } from 'node:fs';
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

async function ready(page: Page) {
  await page.getByTestId('feature-count').waitFor({ state: 'attached', timeout: 60_000 });
}

async function dataTab(page: Page) {
  await page.getByRole('tab', { name: /Data & features/ }).click();
}

const text = (page: Page, testId: string) => page.getByTestId(testId).textContent();

describe('data and features in the browser', () => {
  it('imports a CSV through the file picker, shows its columns, and trains on it after a backend switch', async () => {
    const { page, errors } = await openApp(browser);
    await ready(page);
    await page.getByLabel('CSV file').setInputFiles('examples/data/tiny.csv');
    await expect
      .poll(() => page.getByLabel('Data set').inputValue(), { timeout: 30_000 })
      .toBe('upload:tiny.csv');
    await page.getByLabel('Target').selectOption('defaulted');
    await expect.poll(() => page.getByLabel('Task').inputValue()).toBe('binary');
    await dataTab(page);
    await expect.poll(() => page.getByRole('row', { name: /income_k/ }).count()).toBe(1);
    await expect.poll(() => page.locator('.facts dd').first().textContent()).toBe('300');
    // A new backend means a new worker: the file is sent to it again, nothing to re-import by hand.
    await page.getByLabel('Backend').selectOption('cpu');
    await expect
      .poll(() => page.getByTestId('backend-active').textContent(), { timeout: 60_000 })
      .toContain('cpu');
    await page.getByRole('button', { name: 'Train and evaluate' }).click();
    await page.locator('[data-metric="rocAuc"] .value').waitFor({ timeout: 60_000 });
    expect(await page.getByRole('heading', { name: /Serving latency/ }).textContent()).toContain(
      'cpu',
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('imports by drag and drop, and a broken file names the problem and keeps the loaded data', async () => {
    const { page } = await openApp(browser);
    await ready(page);
    const drop = async (name: string, content: string) => {
      await page.evaluate(
        ([fileName, body]) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([body!], fileName!, { type: 'text/csv' }));
          const zone = document.querySelector('[aria-label="Import your own CSV"]')!;
          zone.dispatchEvent(
            new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }),
          );
        },
        [name, content],
      );
    };
    await drop('penguins.csv', readFileSync('public/datasets/penguins.csv', 'utf8'));
    await expect
      .poll(() => page.getByLabel('Data set').inputValue(), { timeout: 30_000 })
      .toBe('upload:penguins.csv');

    await drop('broken.csv', readFileSync('tests/fixtures/csv/unclosed-quote.csv', 'utf8'));
    const alert = page.getByRole('alert').filter({ hasText: 'broken.csv' });
    await expect.poll(() => alert.textContent(), { timeout: 30_000 }).toMatch(/line 3/i);
    expect(await page.getByLabel('Data set').inputValue()).toBe('upload:penguins.csv');
    await page.close();
  });

  it('shows the feature count change as one column goes one-hot, hashing, embedding', async () => {
    const { page } = await openApp(browser);
    await ready(page);
    await dataTab(page);
    const encoding = page.getByLabel('Encoding of site_id');
    const counts: string[] = [];
    for (const choice of ['onehot', 'hashing', 'embedding']) {
      const before = await text(page, 'feature-count');
      await encoding.selectOption(choice);
      if (choice !== 'onehot')
        await expect.poll(() => text(page, 'feature-count')).not.toBe(before);
      counts.push((await text(page, 'feature-count'))!);
    }
    expect(counts[2]).toContain('+ 1 embedded');
    expect(new Set(counts).size).toBe(3);
    await page.close();
  });

  it('shows the training size and class balance change with the downsampling rate', async () => {
    const { page } = await openApp(browser);
    await ready(page);
    await dataTab(page);
    const rowsBefore = await text(page, 'training-rows');
    const balanceBefore = await text(page, 'class-balance');
    await page.getByLabel(/Negatives kept/).fill('-1');
    await expect.poll(() => text(page, 'training-rows')).not.toBe(rowsBefore);
    expect(await text(page, 'training-rows')).toMatch(/of 14,000/);
    expect(await text(page, 'class-balance')).not.toBe(balanceBefore);
    expect(await text(page, 'class-balance')).toMatch(/was 10\.\d%/);
    const recalibrate = page.getByLabel(/Re-calibrate/);
    expect(await recalibrate.isChecked()).toBe(true);
    await recalibrate.uncheck();
    expect(await recalibrate.isChecked()).toBe(false);
    await page.screenshot({ path: 'test-results/data-step-1366x768.png' });
    await page.close();
  });

  it('trains the embedding + MLP model in the worker once ids are embedding-encoded', async () => {
    const { page, errors } = await openApp(browser);
    await ready(page);
    await dataTab(page);
    await page.getByLabel('Encoding of ad_id').selectOption('embedding');
    await page.getByLabel('Encoding of site_id').selectOption('embedding');
    await page.getByRole('tab', { name: /Model/ }).click();
    await page.getByLabel('Model family').selectOption('embedding-mlp');
    await page.getByLabel('Epochs').fill('2');
    await expect.poll(() => page.getByTestId('model-size').textContent()).toMatch(/emb 2x8/);
    await page.getByRole('button', { name: 'Train and evaluate' }).click();
    await page.getByRole('region', { name: /^Result of Run/ }).waitFor({ timeout: 120_000 });
    expect(await page.getByText(/emb 2x8 \+ \d+ -> 64-64-1/).count()).toBeGreaterThan(0);
    expect(await page.getByText('tfjs (wasm)').count()).toBeGreaterThan(0);
    expect(
      Number(await page.locator('[data-metric="rocAuc"] .value').first().textContent()),
    ).toBeGreaterThan(0.6);
    expect(errors).toEqual([]);
    await page.close();
  });
});
