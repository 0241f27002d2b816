/**
 * Thread CPU time of a page's main-thread tasks, from a Chromium trace (CDP `Tracing`, category
 * `toplevel` only: richer categories make V8 collect source positions and inflate the figure).
 * A loaded machine stretches a task's wall time, not much its CPU time: the honest figure beside
 * the long-task observer's (docs/design.md "Facts measured").
 */
import type { Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface MainThreadTasks {
  /** The longest task's wall time and its thread CPU time, ms. */
  longestWallMs: number;
  itsCpuMs: number;
  /** The largest thread CPU time of any task, ms. */
  maxCpuMs: number;
}

/** Traces `during` and returns the page's main-thread tasks that ran meanwhile. */
export async function traceMainThread(
  page: Page,
  during: () => Promise<void>,
): Promise<MainThreadTasks> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) =>
    events.push(...(value as unknown as TraceEvent[])),
  );
  const complete = new Promise<void>((resolve) =>
    cdp.once('Tracing.tracingComplete', () => resolve()),
  );
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['toplevel', '__metadata'] },
    transferMode: 'ReportEvents',
  });
  await during();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const thread = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const renderers = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map(thread),
  );
  const tasks = events.filter(
    (e) => e.name === 'ThreadControllerImpl::RunTask' && e.ph === 'X' && renderers.has(thread(e)),
  );
  // The page's main thread is the renderer main thread that was busiest (others: blank pages).
  const busy = new Map<string, number>();
  for (const t of tasks) busy.set(thread(t), (busy.get(thread(t)) ?? 0) + (t.dur ?? 0));
  const main = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
  const mine = tasks.filter((t) => thread(t) === main);
  if (mine.length === 0) return { longestWallMs: 0, itsCpuMs: 0, maxCpuMs: 0 };
  const longest = mine.reduce((a, b) => ((b.dur ?? 0) > (a.dur ?? 0) ? b : a));
  const ms = (us: number | undefined) => Math.round((us ?? 0) / 1000);
  return {
    longestWallMs: ms(longest.dur),
    itsCpuMs: ms(longest.tdur),
    maxCpuMs: Math.max(...mine.map((t) => ms(t.tdur))),
  };
}
