import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeShareLink } from '../../src/lib/links/shareLink.ts';
import { defaultConfig } from '../../src/state/defaults.ts';
import { launchBrowser, openApp } from './browser.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const historyNames = (page: Page) =>
  page.locator('.history tbody th[scope="row"] button').allTextContents();

async function train(page: Page, name: string) {
  await page.getByRole('button', { name: 'Train and evaluate' }).click();
  await page.getByRole('region', { name: `Result of ${name}` }).waitFor({ timeout: 120_000 });
}

/**
 * Holds a readwrite transaction on the stored runs for `ms` in `page`, as another tab saving a
 * large run would: every other tab's reads of the runs wait for it.
 */
async function holdRunsStore(page: Page, ms: number): Promise<void> {
  await page.evaluate(
    (ms) =>
      new Promise<void>((resolve) => {
        const open = indexedDB.open('tradeoff-lab');
        open.onsuccess = () => {
          const db = open.result;
          const store = db.transaction('runs', 'readwrite').objectStore('runs');
          const until = Date.now() + ms;
          const spin = () => {
            if (Date.now() < until) store.get(-1).onsuccess = spin;
          };
          spin();
          resolve();
        };
      }),
    ms,
  );
}

describe('runs are never lost', () => {
  it('gives runs trained in two tabs their own ids, and each tab sees the other one’s', async () => {
    const { page: a, context, errors } = await openApp(browser);
    await train(a, 'Run 1');
    const b = await context.newPage();
    await b.goto(a.url());
    await expect.poll(() => historyNames(b), { timeout: 30_000 }).toEqual(['Run 1']);
    await train(a, 'Run 2');
    // Tab B loaded its runs before Run 2 existed; its run must not take Run 2's id.
    await train(b, 'Run 3');
    await expect.poll(() => historyNames(b)).toEqual(['Run 1', 'Run 2', 'Run 3']);
    await expect
      .poll(() => historyNames(a), { timeout: 10_000 })
      .toEqual(['Run 1', 'Run 2', 'Run 3']);
    await b.close();
    await a.reload();
    await expect
      .poll(() => historyNames(a), { timeout: 30_000 })
      .toEqual(['Run 1', 'Run 2', 'Run 3']);
    expect(errors).toEqual([]);
    await a.close();
  });

  it('saves a run trained while storage is slow after the saved ones, never over Run 1', async () => {
    const { page: first, context, errors } = await openApp(browser);
    await train(first, 'Run 1');
    const blocker = await context.newPage();
    await blocker.goto(first.url());
    await first.close();
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await holdRunsStore(blocker, 8_000);
    await page.goto(blocker.url());
    await page.getByRole('button', { name: 'Train and evaluate' }).click();
    // Shown at once while it is saved; a choice made on it then survives the save.
    await page
      .getByRole('region', { name: 'Result of Run (saving…)' })
      .waitFor({ timeout: 120_000 });
    await page.getByLabel('Reliability bins').selectOption('mass');
    await page.getByRole('region', { name: 'Result of Run 2' }).waitFor({ timeout: 120_000 });
    expect(await page.getByLabel('Reliability bins').inputValue()).toBe('mass');
    expect(await page.getByText(/Reliability, 10 equal-mass bins, ECE 0\.\d{4}/).count()).toBe(1);
    await expect.poll(() => historyNames(page)).toEqual(['Run 1', 'Run 2']);
    await page.reload();
    await expect.poll(() => historyNames(page), { timeout: 30_000 }).toEqual(['Run 1', 'Run 2']);
    expect(errors).toEqual([]);
    await page.close();
    await blocker.close();
  });

  it('drops a rename cancelled with Escape', async () => {
    const { page, errors } = await openApp(browser);
    await train(page, 'Run 1');
    await page.getByRole('button', { name: 'Rename Run 1' }).click();
    const field = page.getByLabel('New name for Run 1');
    await field.fill('typed, then cancelled');
    await field.press('Escape');
    await expect.poll(() => historyNames(page)).toEqual(['Run 1']);
    await page.reload();
    await expect.poll(() => historyNames(page), { timeout: 30_000 }).toEqual(['Run 1']);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the setup follows the address bar and the engine', () => {
  it('opens a new share link pasted into the same tab, asking before discarding edits', async () => {
    const { page, errors } = await openApp(browser);
    await page.getByRole('tab', { name: /Model/ }).click();
    const family = page.getByLabel('Model family');
    await family.selectOption('gbdt');
    const mlpLink = encodeShareLink({ ...defaultConfig(), model: { family: 'mlp', hidden: [8] } });
    const paste = (hash: string) => page.evaluate((h) => (location.hash = h), hash);

    page.once('dialog', (dialog) => void dialog.dismiss());
    await paste(mlpLink);
    await page.waitForTimeout(500);
    expect(await family.inputValue()).toBe('gbdt');

    page.once('dialog', (dialog) => void dialog.accept());
    const gbdtLink = encodeShareLink({ ...defaultConfig(), model: { family: 'gbdt', trees: 7 } });
    await paste(gbdtLink);
    await expect.poll(() => page.getByLabel('Trees', { exact: true }).inputValue()).toBe('7');
    // No edits since: the next link opens without asking.
    await paste(mlpLink);
    await expect.poll(() => family.inputValue()).toBe('mlp');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('finishes an import when the backend is switched while it runs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tradeoff-import-'));
    const file = join(dir, 'big.csv');
    const rows = Array.from(
      { length: 300_000 },
      (_, i) => `${i % 97},${(i * 7) % 13},c${i % 50},${i % 2}`,
    );
    writeFileSync(file, `a,b,c,y\n${rows.join('\n')}\n`);
    const { page, errors } = await openApp(browser);
    await page.getByTestId('backend-active').waitFor({ timeout: 60_000 });
    await page.getByLabel('CSV file').setInputFiles(file);
    await page.getByLabel('Backend').selectOption('cpu');
    await expect
      .poll(() => page.getByLabel('Data set').inputValue(), { timeout: 120_000 })
      .toBe('upload:big.csv');
    await expect
      .poll(() => page.getByTestId('backend-active').textContent(), { timeout: 60_000 })
      .toContain('cpu');
    expect(errors).toEqual([]);
    await page.close();
  });
});
