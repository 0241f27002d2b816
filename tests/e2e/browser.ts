import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';

export { launchBrowser } from './chromium.ts';

/**
 * A new page on the app in a fresh browser context (its own IndexedDB), sized like a laptop
 * screen, with console errors collected. More pages of the same context share its storage.
 */
export async function openApp(
  browser: Browser,
  path = '/',
  size = { width: 1366, height: 768 },
): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await browser.newContext({ viewport: size, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(new URL(path, inject('baseUrl')).href);
  return { page, context, errors };
}
