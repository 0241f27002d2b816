/**
 * The production build (`npx vite build` first) served by `vite preview` and a headless Chromium,
 * for the benches that measure the app in a browser (`--lessons`, `--long-tasks`).
 */
import type { Browser } from 'playwright-core';
import { preview } from 'vite';
import { launchBrowser } from '../../tests/e2e/chromium.ts';

export async function withAppInBrowser<T>(
  use: (browser: Browser, baseUrl: string) => Promise<T>,
): Promise<T> {
  const server = await preview({ preview: { port: 4190, strictPort: false }, logLevel: 'warn' });
  const baseUrl = server.resolvedUrls?.local[0];
  if (!baseUrl) throw new Error('vite preview did not report a URL');
  const browser = await launchBrowser();
  try {
    return await use(browser, baseUrl);
  } finally {
    await browser.close();
    await server.close();
  }
}
