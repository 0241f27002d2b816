/**
 * `npm run bench -- --lessons`: each built-in lesson run as a class would, in headless Chromium
 * against the production build (`npx vite build` first) served by `vite preview`: every step that
 * runs is answered with its first choice and run, and the seconds from the click to the reveal
 * are printed and written to bench-results/lessons.json. The target is 60 s per step on a
 * 2-core machine; this is a figure to read, never a test. `--lesson ID` runs one lesson.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { BUILTIN_LESSONS } from '../../src/lib/lessons/builtinLessons.ts';
import { withAppInBrowser } from './previewBrowser.ts';

/** Longest a step may take before the bench gives up on it. */
const STEP_TIMEOUT_MS = 10 * 60_000;

interface StepFigure {
  lesson: string;
  step: number;
  title: string;
  runs: string;
  seconds: number;
}

export async function benchLessons(): Promise<void> {
  const only = process.argv[process.argv.indexOf('--lesson') + 1];
  const lessons = process.argv.includes('--lesson')
    ? BUILTIN_LESSONS.filter((l) => l.id === only)
    : BUILTIN_LESSONS;
  const figures: StepFigure[] = [];
  await withAppInBrowser(async (browser, baseUrl) => {
    for (const lesson of lessons) {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      const page = await context.newPage();
      await page.goto(new URL(`/#lesson=${lesson.id}`, baseUrl).href);
      const panel = page.getByRole('region', { name: `Lesson: ${lesson.title}` });
      await panel.waitFor({ timeout: 60_000 });
      for (const [index, step] of lesson.steps.entries()) {
        if (step.run) {
          if (step.ask?.choices) await panel.getByRole('radio').first().check();
          else if (step.ask?.guess)
            await panel.getByRole('spinbutton').fill(String(step.ask.guess.min));
          const button = panel.getByRole('button', {
            name: /Lock in my answer and run|Run this step/,
          });
          const started = performance.now();
          await button.click();
          // Done when the step's status is no longer "running": its reveal, or the button back.
          await page.waitForFunction(
            () => !document.body.textContent?.includes('Running… the progress is shown below.'),
            undefined,
            { timeout: STEP_TIMEOUT_MS, polling: 100 },
          );
          const seconds = (performance.now() - started) / 1000;
          const problem = await panel
            .getByRole('alert')
            .textContent({ timeout: 10 })
            .catch(() => null);
          if (problem) throw new Error(`${lesson.id} step ${index + 1}: ${problem}`);
          const runs =
            step.run === 'config'
              ? '1 run'
              : `${step.run.vary.values.length} values x ${step.run.seeds} seeds`;
          figures.push({ lesson: lesson.id, step: index + 1, title: step.title, runs, seconds });
          console.log(`${lesson.id} step ${index + 1} (${runs}): ${seconds.toFixed(1)} s`);
        }
        if (index < lesson.steps.length - 1) {
          await panel.getByRole('button', { name: 'Next →' }).click();
        }
      }
      await context.close();
    }
  });
  console.table(figures.map((f) => ({ ...f, seconds: Number(f.seconds.toFixed(1)) })));
  mkdirSync('bench-results', { recursive: true });
  writeFileSync('bench-results/lessons.json', JSON.stringify(figures, null, 2));
}
