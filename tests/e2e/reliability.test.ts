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
    await page.getByRole('region', { name: 'Result of Run 2' }).waitFor({ timeout: 120_000 });
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
