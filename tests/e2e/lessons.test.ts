import { mkdirSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSweepValue } from '../../src/lib/experiment/sweepKnobs.ts';
import { BUILTIN_LESSONS } from '../../src/lib/lessons/builtinLessons.ts';
import { launchBrowser, openApp } from './browser.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync('test-results', { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

/**
 * Every built-in lesson opens by link on its first screen; one lesson trains through the panel
 * and the presenter walks another to its end. What each lesson's runs reveal is checked for every
 * step on the cpu backend by tests/unit/lessons/lessonClaims.test.ts, and every step is timed in
 * Chromium by `npm run bench -- --lessons`: training each lesson here again cost minutes.
 */
const byId = (id: string) => BUILTIN_LESSONS.find((l) => l.id === id)!;

describe('guided lessons', () => {
  it.each(BUILTIN_LESSONS.map((l) => [l.id, l.title]))(
    'opens %s by link, asks before it runs, and steps on with the keyboard',
    async (id, title) => {
      const { page, errors } = await openApp(browser, `/#lesson=${id}`, {
        width: 1920,
        height: 1080,
      });
      const lesson = page.getByRole('region', { name: `Lesson: ${title}` });
      await lesson.waitFor({ timeout: 60_000 });
      const run = lesson.getByRole('button', { name: 'Lock in my answer and run' });
      // Nothing runs before an answer: the run button waits for one.
      expect(await run.isDisabled()).toBe(true);
      await lesson.getByRole('radio').first().check();
      expect(await run.isDisabled()).toBe(false);
      await page.screenshot({ path: `test-results/lesson-${id}-1920x1080.png` });
      // Keyboard: the right arrow moves to the next step and the address follows (from the page,
      // not the radio, where arrows choose).
      await lesson.getByRole('heading', { name: title }).click();
      await page.locator('body').press('ArrowRight');
      await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#lesson=${id}&step=2`);
      expect(errors).toEqual([]);
      await page.close();
    },
  );

  it('runs a swept step, reveals the measured number, and leaves the sweep control on its knob', async () => {
    // The cheapest lesson whose first step is a sweep (a dozen logistic runs on 20k rows).
    const lesson = byId('prior-shift');
    const swept = lesson.steps[0]!.run;
    if (!swept || swept === 'config') throw new Error('prior-shift no longer starts with a sweep');
    const { page, errors } = await openApp(browser, `/#lesson=${lesson.id}`, {
      width: 1920,
      height: 1080,
    });
    const panel = page.getByRole('region', { name: `Lesson: ${lesson.title}` });
    await panel.waitFor({ timeout: 60_000 });
    await panel.getByRole('radio').first().check();
    await panel.getByRole('button', { name: 'Lock in my answer and run' }).click();
    const reveal = panel.getByRole('status').filter({ hasText: /:\s*\d/ });
    await reveal.waitFor({ timeout: 120_000 });
    expect(await reveal.textContent()).toMatch(/(Right|The answer):/);
    await page.screenshot({ path: `test-results/lesson-${lesson.id}-revealed-1920x1080.png` });
    expect(await page.getByLabel('Sweep knob').inputValue()).toBe(swept.vary.path);
    expect(await page.getByLabel('Sweep values, comma-separated').inputValue()).toBe(
      swept.vary.values.map(formatSweepValue).join(', '),
    );
    expect(await page.getByLabel('Seeds per value').inputValue()).toBe(String(swept.seeds));
    await page.locator('body').press('ArrowRight');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#lesson=${lesson.id}&step=2`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('disables the controls a step locks and says so, and frees them on a step that does not', async () => {
    const { page, errors } = await openApp(browser, '/#lesson=downsampling');
    await page.getByRole('region', { name: /^Lesson: / }).waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: /Data/ }).click();
    // Step 1 locks w and re-calibration; the rest of the page stays usable.
    const w = page.locator('#negative-rate');
    await expect.poll(() => w.isDisabled()).toBe(true);
    expect(await page.locator('#recalibrate').isDisabled()).toBe(true);
    expect(await w.getAttribute('aria-disabled')).toBe('true');
    const why = page.locator(
      `#${await w.getAttribute('aria-describedby').then((d) => d!.split(' ')[0])}`,
    );
    expect(await why.textContent()).toBe('Locked by the lesson');
    expect(await page.locator('#calibration').isDisabled()).toBe(false);
    await w.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/lesson-locked-1366x768.png' });
    // Step 2 locks only re-calibration: w is free again.
    await page.locator('body').press('ArrowRight');
    await expect.poll(() => w.isDisabled()).toBe(false);
    expect(await page.locator('#recalibrate').isDisabled()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('names an unknown lesson or step and lists the lessons on offer', async () => {
    const { page } = await openApp(browser, '/#lesson=nope');
    const alert = page.getByRole('alert').filter({ hasText: 'There is no lesson "nope"' });
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.textContent()).toContain(BUILTIN_LESSONS[0]!.title);
    await page.goto(new URL(`/#lesson=${BUILTIN_LESSONS[0]!.id}&step=99`, page.url()).href);
    await page.reload();
    await page.getByRole('alert').filter({ hasText: 'step 99 does not exist' }).waitFor();
    await page.close();
  });

  it('refuses a broken lesson file, naming the field', async () => {
    const { page } = await openApp(browser);
    await page.getByRole('button', { name: 'Lessons' }).click();
    await page.getByLabel(/Open your own lesson file/).setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ ...BUILTIN_LESSONS[0], titel: 'x' })),
    });
    const alert = page.getByRole('dialog').getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('titel');
    await page.close();
  });
});

describe('presenter mode', () => {
  it('runs a lesson on a 1920x1080 projector with the keyboard alone, one chart at a time', async () => {
    // A lesson with both kinds of step, a single run and a sweep, that trains in seconds.
    const lesson = byId('model-size');
    const { page, errors } = await openApp(browser, `/?present#lesson=${lesson.id}`, {
      width: 1920,
      height: 1080,
    });
    const panel = page.getByRole('region', { name: `Lesson: ${lesson.title}` });
    await panel.waitFor({ timeout: 60_000 });
    expect(
      await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize)),
    ).toBeGreaterThanOrEqual(24);
    // The editing chrome is hidden.
    expect(await page.getByRole('tab', { name: /Frame/ }).isVisible()).toBe(false);
    for (let step = 1; step <= lesson.steps.length; step++) {
      const ask = lesson.steps[step - 1]!.ask;
      if (ask?.choices) {
        // Keyboard only: focus the first choice, choose, then the run button.
        await panel.getByRole('radio').first().focus();
        await page.keyboard.press('Space');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await panel
          .getByRole('status')
          .filter({ hasText: /(Right|The answer):/ })
          .waitFor({ timeout: 120_000 });
      }
      await page.screenshot({ path: `test-results/present-${lesson.id}-step${step}.png` });
      const slide = page.locator('section.slide');
      const chart = slide.locator('svg[role="img"]').first();
      if (step === 1 && (await chart.count()) > 0) {
        // The one chart fills the screen beside the lesson panel: its plot reaches the bottom.
        const [s, c] = await Promise.all([slide.boundingBox(), chart.boundingBox()]);
        expect(s!.y + s!.height).toBeGreaterThan(1080 - 40);
        expect(c!.y + c!.height).toBeGreaterThan(s!.y + s!.height - 100);
        expect(c!.height).toBeGreaterThan(s!.height - 120);
      }
      if (step < lesson.steps.length) {
        await page.keyboard.press('ArrowRight');
        await expect.poll(() => page.evaluate(() => location.hash)).toContain(`step=${step + 1}`);
      }
    }
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: /Frame/ }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
