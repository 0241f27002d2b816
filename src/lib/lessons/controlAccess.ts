/**
 * Whether a lesson step leaves a control usable: a step may `lock` or `hide` controls by config path
 * (docs/design.md "Lessons"); a listed path covers the paths under it (`model` locks every model
 * setting). Hiding wins over locking.
 */
export type ControlAccess = 'open' | 'locked' | 'hidden';

/** The access of the control for `path` in a step with these lock and hide lists. */
export function controlAccess(
  path: string,
  step: { lock?: readonly string[]; hide?: readonly string[] } | null,
): ControlAccess {
  const covers = (listed: string) => path === listed || path.startsWith(`${listed}.`);
  if (step?.hide?.some(covers)) return 'hidden';
  if (step?.lock?.some(covers)) return 'locked';
  return 'open';
}
