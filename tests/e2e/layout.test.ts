import { readFileSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp } from './browser.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error('element is not rendered');
  return found;
}

/** Whether `inner` is painted fully inside the visible part of `outer` (no scrolling needed). */
async function within(inner: Locator, outer: Locator): Promise<boolean> {
  const [a, b] = [await box(inner), await box(outer)];
  return a.x >= b.x && a.x + a.width <= b.x + b.width + 0.5;
}

async function ready(page: Page) {
  await page.getByTestId('feature-count').waitFor({ state: 'attached', timeout: 60_000 });
}

describe('the page layout', () => {
  for (const size of SIZES) {
    it(`keeps the opened row preview inside the set-up column at ${size.width}x${size.height}`, async () => {
      const { page, errors } = await openApp(browser, '/', size);
      await ready(page);
      await page.getByRole('tab', { name: /Data & features/ }).click();
      await page.getByText('Preview rows').click();
      const preview = page.getByRole('region', { name: /Preview of/ });
      await preview.waitFor();
      const setup = await box(page.locator('main > .setup'));
      const evaluate = await box(page.locator('main > .evaluate'));
      // The wide table scrolls inside its own box; it no longer stretches the left card under the right.
      expect(setup.x + setup.width).toBeLessThanOrEqual(evaluate.x);
      expect(await within(preview, page.locator('main > .setup'))).toBe(true);
      await page.screenshot({
        path: `test-results/layout-preview-${size.width}x${size.height}.png`,
      });
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  // One training, the page resized for the second size.
  it('shows each history row’s Pin and Delete without horizontal scrolling at 1366x768 and 1920x1080', async () => {
    const { page, errors } = await openApp(browser, '/', SIZES[0]);
    await ready(page);
    await page.getByRole('button', { name: 'Train and evaluate' }).click();
    const pin = page.getByRole('button', { name: /^Pin .* as baseline$/ }).first();
    await pin.waitFor({ timeout: 120_000 });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const scroll = page.locator('.history .scroll');
      expect(await scroll.evaluate((el) => el.scrollLeft)).toBe(0);
      expect(await within(pin, scroll)).toBe(true);
      expect(await within(page.getByRole('button', { name: /^Delete / }).first(), scroll)).toBe(
        true,
      );
      const name = `${size.width}x${size.height}`;
      await page
        .locator('.history')
        .screenshot({ path: `test-results/layout-history-${name}.png` });
      // For a look at the axis labels and legend of the trade-off chart.
      await page
        .locator('figure', { has: page.locator('svg[aria-label^="Trade-off chart"]') })
        .screenshot({ path: `test-results/layout-tradeoff-${name}.png` });
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the metric cards, the reliability diagram and the trade-off chart together without scrolling at 1920x1080', async () => {
    const size = { width: 1920, height: 1080 };
    const { page, errors } = await openApp(browser, '/', size);
    await ready(page);
    await page.getByRole('button', { name: 'Train and evaluate' }).click();
    const panels = {
      'metric cards': page.getByRole('list', { name: 'Test metrics' }),
      'reliability diagram': page.locator('svg[aria-label^="Reliability"]'),
      'trade-off chart': page.locator('svg[aria-label^="Trade-off chart"]'),
    };
    for (const panel of Object.values(panels)) await panel.waitFor({ timeout: 120_000 });
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const outside: string[] = [];
    for (const [name, panel] of Object.entries(panels)) {
      const { x, y, width, height } = await box(panel);
      if (x < 0 || y < 0 || x + width > size.width || y + height > size.height)
        outside.push(`${name} at x ${x}..${x + width}, y ${y}..${y + height}`);
    }
    await page.screenshot({ path: 'test-results/layout-dashboard-1920x1080.png' });
    expect(outside, `outside the ${size.width}x${size.height} viewport`).toEqual([]);
    // At 1366x768 the same dashboard keeps to the width of the screen.
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: 'test-results/layout-dashboard-1366x768.png' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      1366,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('exports the reliability chart with its title and legend', async () => {
    const { page, errors } = await openApp(browser);
    await ready(page);
    await page.getByRole('button', { name: 'Train and evaluate' }).click();
    const button = page.getByRole('button', { name: /-reliability as SVG$/ }).first();
    await button.waitFor({ timeout: 120_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const path = await download.path();
    const svg = readFileSync(path, 'utf8');
    expect(svg).toMatch(/<text[^>]*>Reliability, 10 equal-width bins, ECE /);
    const view = await page.context().newPage();
    await view.setContent(svg);
    await view.locator('svg').screenshot({ path: 'test-results/layout-reliability-export.png' });
    expect(errors).toEqual([]);
    await page.close();
  });
});
