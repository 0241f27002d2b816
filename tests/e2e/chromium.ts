/**
 * Launching Chromium for the browser tests and the lesson bench (`npm run bench -- --lessons`),
 * which runs outside Vitest.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, or the binary named by CHROMIUM_PATH; never a test tool's own download. */
function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found) {
    throw new Error(
      'No Chromium found for the browser tests: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH to a Chrome/Chromium binary.',
    );
  }
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // The sandbox needs user namespaces that CI containers running as root lack; the background
    // and update flags keep Chromium off the network, which this machine does not have.
    args: [
      '--no-sandbox',
      '--disable-gpu-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--enable-unsafe-swiftshader',
    ],
  });
}
