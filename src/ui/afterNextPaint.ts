/**
 * Runs `next` in a task of its own once the next frame is painted: an animation-frame callback
 * runs just before the paint, and a timeout set there runs after it. Work started this way stays
 * out of the task that draws the page (docs/design.md "Facts measured").
 */
export function afterNextPaint(next: () => void): void {
  requestAnimationFrame(() => setTimeout(next));
}
