/**
 * What to tell the user when a part that loads on first use (lessons, presenter view, runs export)
 * fails to load: after a deploy the old chunk is gone, or the network dropped before the service
 * worker had precached it. Nothing already shown is lost; a reload fetches the current version.
 */
export function lazyLoadProblem(part: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `Could not load ${part} (${reason}). Reload the page to try again; your runs are kept.`;
}
