import { readFileSync } from 'node:fs';
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

describe('Export as Python', () => {
  // One training, the page resized for the second size.
  it('downloads a run as a Python job naming its model at 1366x768 and 1920x1080', async () => {
    const { page, errors } = await openApp(browser);
    await page.getByRole('tab', { name: /Model/ }).click();
    await page.getByLabel('Model family').selectOption('gbdt');
    await page.getByLabel('Trees').fill('10');
    await page.getByRole('button', { name: 'Train and evaluate' }).click();
    await page.getByRole('region', { name: /^Result of Run/ }).waitFor({ timeout: 120_000 });

    for (const size of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(size);
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export Run 1 as Python' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe('Run-1-gbdt.py');
      const script = readFileSync((await download.path())!, 'utf8');
      const [shebang, title] = script.split('\n');
      expect(shebang).toBe('#!/usr/bin/env python3');
      expect(title).toMatch(
        /^"""Tradeoff Lab job: gradient-boosted trees \(XGBoost hist: 10 trees/,
      );
      expect(script).toContain('"family": "gbdt"');
      expect(script).toContain('npm run cli -- data CONFIG.json --out data.csv');

      const history = page.getByRole('region', { name: /Run history/ });
      await history.scrollIntoViewIfNeeded();
      await history.screenshot({
        path: `test-results/export-python-${size.width}x${size.height}.png`,
      });
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
