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

declare global {
  interface Window {
    /** Every main-thread long task since the page started: [start, duration] in ms. */
    longTasks: [number, number][];
  }
}

/** Collects long tasks from the first script on (buffered: those before the observer too). */
async function observeLongTasks(page: Page) {
  await page.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        window.longTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
  });
}

const now = (page: Page) => page.evaluate(() => performance.now());

/** Waits until nothing more is drawn: two frames after the last pending chart mounted, then a quiet second. */
async function settled(page: Page) {
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, {
    timeout: 60_000,
  });
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 1000))),
      ),
  );
}

/** The long tasks that started in [from, to), as "start+duration" for the failure message. */
async function longTasksBetween(page: Page, from: number, to = Infinity) {
  const tasks = await page.evaluate(() => window.longTasks);
  return tasks.filter(([start]) => start >= from && start < to);
}

/** The largest duration, 0 when there is none. */
const longest = (tasks: [number, number][]) => Math.max(0, ...tasks.map(([, d]) => d));

const describeTasks = (tasks: [number, number][]) =>
  tasks.map(([start, duration]) => `${Math.round(duration)} ms at ${Math.round(start)}`).join(', ');

// While measuring, the test finds elements by CSS only: Playwright's role and label queries run
// in the page and, over a dashboard's DOM, are long tasks of their own.
async function trainAndDraw(page: Page, runNumber: number) {
  await page.locator('.evaluate .actions button.primary').click();
  await page.waitForSelector(`section[aria-label="Result of Run ${runNumber}"]`, {
    timeout: 120_000,
  });
  await page.waitForSelector('svg[aria-label^="Trade-off chart"]', { timeout: 60_000 });
  await settled(page);
}

describe('main-thread long tasks', () => {
  it('stay short at load, from Train to the drawn dashboard, during an MLP run and on tab switches', async () => {
    const { page, errors } = await openApp(browser, '/', { width: 1920, height: 1080 });
    await observeLongTasks(page);
    await page.reload();
    await page.getByTestId('feature-count').waitFor({ state: 'attached', timeout: 60_000 });
    await settled(page);
    const phases: Record<string, [number, number][]> = {};
    phases['page load'] = await longTasksBetween(page, 0);

    let from = await now(page);
    await trainAndDraw(page, 1);
    phases['Train to drawn dashboard (default setup)'] = await longTasksBetween(page, from);

    await page.getByRole('tab', { name: /Model/ }).click();
    await page.getByLabel('Model family').selectOption('mlp');
    await settled(page);
    from = await now(page);
    await trainAndDraw(page, 2);
    phases['MLP run, training and drawing'] = await longTasksBetween(page, from);

    from = await now(page);
    for (const tab of ['frame', 'data', 'model', 'frame']) {
      await page.locator(`#tab-${tab}`).click();
      await settled(page);
    }
    phases['tab switches with results showing'] = await longTasksBetween(page, from);

    const budgets: Record<string, number> = {
      'page load': 200,
      'Train to drawn dashboard (default setup)': 50,
      'MLP run, training and drawing': 50,
      'tab switches with results showing': 50,
    };
    const report = Object.entries(phases)
      .map(
        ([phase, tasks]) =>
          `${phase}: max ${Math.round(longest(tasks))} ms (budget ${budgets[phase]} ms)` +
          (tasks.length ? ` [${describeTasks(tasks)}]` : ''),
      )
      .join('\n');
    console.log(report);
    for (const [phase, tasks] of Object.entries(phases)) {
      expect(longest(tasks), report).toBeLessThanOrEqual(budgets[phase]!);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
