import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/runCommand.ts';
import type { Run } from '../../src/lib/experiment/run.ts';
import type { RunResult } from '../../src/lib/experiment/result.ts';
import { launchBrowser, openApp } from './browser.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('evaluation in the browser', () => {
  it('gives the same numbers as the CLI for the same config and seed on the cpu backend', async () => {
    const { page } = await openApp(browser);
    await page.getByLabel('Backend').selectOption('cpu');
    await expect
      .poll(() => page.getByTestId('backend-active').textContent(), { timeout: 60_000 })
      .toContain('cpu');
    await page.getByRole('tab', { name: /Model/ }).click();
    await page.getByLabel('Model family').selectOption('mlp');
    await page.getByLabel('Epochs').fill('2');
    await page.getByRole('button', { name: 'Train and evaluate' }).click();
    await page.getByRole('region', { name: /^Result of Run/ }).waitFor({ timeout: 120_000 });

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON' }).click();
    const exported = JSON.parse(readFileSync((await (await downloading).path())!, 'utf8')) as Run[];
    const ui = exported.at(-1)!.result;
    expect(ui.backend).toBe('cpu');

    const dir = mkdtempSync(join(tmpdir(), 'tradeoff-'));
    const configFile = join(dir, 'config.json');
    writeFileSync(configFile, JSON.stringify(ui.config));
    const cli = JSON.parse(
      await runCommand([configFile, '--backend', 'cpu'], { log: () => undefined }),
    ) as RunResult;

    expect(cli.backend).toBe('cpu');
    expect(cli.metrics).toEqual(ui.metrics);
    expect(cli.trainingCurve).toEqual(ui.trainingCurve);
    expect(cli.model).toEqual(ui.model);
    await page.close();
  });

  it("scores another model's predictions CSV with the same views", async () => {
    const { page } = await openApp(browser);
    await page.getByText("Evaluate your own model's predictions").click();
    await page
      .getByLabel('Predictions CSV')
      .setInputFiles('tests/fixtures/metrics/cli/check-vector.csv');
    const report = page.getByRole('region', { name: 'Predictions from check-vector.csv' });
    await report.waitFor({ timeout: 30_000 });
    // docs/design.md's 20-row check vector.
    expect(await report.locator('[data-metric="logLoss"] .value').textContent()).toBe('0.4869');
    expect(await report.locator('[data-metric="rocAuc"] .value').textContent()).toBe('0.8542');
    expect(await report.locator('[data-metric="ece"] .value').textContent()).toBe('0.1635');
    // The catalog shows the calibration ratio with 3 decimals: 1.12125 reads 1.121.
    expect(await report.locator('[data-metric="calibrationRatio"] .value').textContent()).toBe(
      '1.121',
    );
    expect(await report.getByRole('img', { name: /Reliability diagram/ }).count()).toBe(1);

    await page
      .getByLabel('Predictions CSV')
      .setInputFiles('tests/fixtures/metrics/cli/prob-out-of-range.csv');
    await expect
      .poll(() =>
        page.getByRole('alert').filter({ hasText: 'prob-out-of-range.csv' }).textContent(),
      )
      .toMatch(/data row \d+, column y_prob/);
    expect(await report.isVisible()).toBe(true);
    await page.close();
  });
});
