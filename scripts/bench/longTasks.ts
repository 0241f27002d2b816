/**
 * `npm run bench -- --long-tasks`: main-thread long tasks of the production build in headless
 * Chromium (`npx vite build` first), seen by a buffered PerformanceObserver('longtask') installed
 * before the app's first script. Phases and targets (issue #10, docs/design.md "Facts measured"):
 * page load (a first visit and a reload) <= 200 ms; from pressing Train on the default setup to the drawn dashboard, an MLP run,
 * and tab switches with results showing <= 50 ms each. A long task is wall-clock time, which a
 * loaded machine stretches: a figure to read, never a test. Page loads also report thread CPU
 * time from a trace (mainThreadCpu.ts). Writes bench-results/long-tasks.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { traceMainThread, type MainThreadTasks } from './mainThreadCpu.ts';
import { withAppInBrowser } from './previewBrowser.ts';

declare global {
  interface Window {
    /** Every main-thread long task since the page started: [start, duration] in ms. */
    longTasks: [number, number][];
  }
}

const TARGET_MS: Record<string, number> = {
  'page load, first visit': 200,
  'page load, reload': 200,
  'Train to drawn dashboard (default setup)': 50,
  'MLP run, training and drawing': 50,
  'tab switches with results showing': 50,
};

const now = (page: Page) => page.evaluate(() => performance.now());

/** Waits until nothing more is drawn: no pending chart, two frames, then a quiet second. */
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

async function longTasksSince(page: Page, from: number): Promise<[number, number][]> {
  const tasks = await page.evaluate(() => window.longTasks);
  return tasks.filter(([start]) => start >= from);
}

// Elements are found by CSS only: Playwright's role and label queries run in the page and, over a
// dashboard's DOM, are long tasks of their own.
async function trainAndDraw(page: Page, runNumber: number) {
  await page.locator('.evaluate .actions button.primary').click();
  await page.waitForSelector(`section[aria-label="Result of Run ${runNumber}"]`, {
    timeout: 300_000,
  });
  await page.waitForSelector('svg[aria-label^="Trade-off chart"]', { timeout: 60_000 });
  await settled(page);
}

export async function benchLongTasks(): Promise<void> {
  const phases: Record<string, [number, number][]> = {};
  const loadCpu: Record<string, MainThreadTasks> = {};
  await withAppInBrowser(async (browser, baseUrl) => {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          window.longTasks.push([entry.startTime, entry.duration]);
      }).observe({ type: 'longtask', buffered: true });
    });
    // A first visit compiles every script; a reload reads V8's code cache, as a returning user does.
    for (const phase of ['page load, first visit', 'page load, reload']) {
      loadCpu[phase] = await traceMainThread(page, async () => {
        if (phase.endsWith('reload')) await page.reload();
        else await page.goto(baseUrl);
        await page.getByTestId('feature-count').waitFor({ state: 'attached', timeout: 60_000 });
        await settled(page);
      });
      phases[phase] = await longTasksSince(page, 0);
    }

    let from = await now(page);
    await trainAndDraw(page, 1);
    phases['Train to drawn dashboard (default setup)'] = await longTasksSince(page, from);

    await page.locator('#tab-model').click();
    await page.getByLabel('Model family').selectOption('mlp');
    await settled(page);
    from = await now(page);
    await trainAndDraw(page, 2);
    phases['MLP run, training and drawing'] = await longTasksSince(page, from);

    from = await now(page);
    for (const tab of ['frame', 'data', 'model', 'frame']) {
      await page.locator(`#tab-${tab}`).click();
      await settled(page);
    }
    phases['tab switches with results showing'] = await longTasksSince(page, from);
    await context.close();
  });
  const rows = Object.entries(phases).map(([phase, tasks]) => {
    const longest = Math.max(0, ...tasks.map(([, duration]) => duration));
    return {
      phase,
      'longest ms': Math.round(longest),
      'target ms': TARGET_MS[phase]!,
      met: longest <= TARGET_MS[phase]!,
      // Page loads only: the traced longest task's thread CPU time, and the largest of any task.
      'its CPU ms': loadCpu[phase]?.itsCpuMs ?? '',
      'max task CPU ms': loadCpu[phase]?.maxCpuMs ?? '',
      'all (ms at ms)': tasks.map(([s, d]) => `${Math.round(d)}@${Math.round(s)}`).join(' '),
    };
  });
  console.table(rows);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/long-tasks.json', JSON.stringify(rows, null, 2));
}
