import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { launchBrowser } from './browser.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('parts that load on first use', () => {
  it('say so when their chunk cannot be fetched, and the playground stays usable', async () => {
    // No service worker: it would answer from its precache, past the blocked requests.
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      serviceWorkers: 'block',
    });
    // As after a deploy that removed the old chunks, or a dropped network before the precache.
    await context.route(/\/assets\/(PresenterView|builtinLessons)-[^/]*\.js$/, (route) =>
      route.abort('failed'),
    );
    const page = await context.newPage();
    await page.goto(new URL('/', inject('baseUrl')).href);

    await page.getByRole('button', { name: 'Present' }).click();
    const presenterProblem = page.getByRole('alert').filter({ hasText: 'presenter view' });
    await expect.poll(() => presenterProblem.textContent()).toContain('Could not load');
    await page.getByRole('button', { name: 'Back to the playground' }).click();
    await page.getByRole('button', { name: 'Train and evaluate' }).waitFor();

    await page.getByRole('button', { name: 'Lessons' }).click();
    const lessonsProblem = page.getByRole('alert').filter({ hasText: 'the lessons' });
    await expect.poll(() => lessonsProblem.textContent()).toContain('Reload the page');
    await context.close();
  });
});
