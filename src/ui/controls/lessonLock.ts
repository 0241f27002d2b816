import type { ControlAccess } from '../../lib/lessons/controlAccess.ts';

const STRICTNESS: Record<ControlAccess, number> = { open: 0, locked: 1, hidden: 2 };

/**
 * The access of a control that edits several config paths (a column's encoding select also sets
 * the size its option names): the strictest of theirs, so a lock on any of them holds it.
 */
export function strictestAccess(
  access: (path: string) => ControlAccess,
  paths: readonly string[],
): ControlAccess {
  return paths
    .map(access)
    .reduce((a, b) => (STRICTNESS[b] > STRICTNESS[a] ? b : a), 'open' as ControlAccess);
}

/**
 * Makes a control say it is locked and why: aria-disabled, and aria-describedby naming the lock
 * line (`lockId`, when locked) and its own hint (`hintId`), or neither.
 */
export function markLock(control: Element, lockId: string | null, hintId: string | null): void {
  const described = [lockId ?? '', hintId ?? ''].filter(Boolean).join(' ');
  if (lockId) control.setAttribute('aria-disabled', 'true');
  else control.removeAttribute('aria-disabled');
  if (described) control.setAttribute('aria-describedby', described);
  else control.removeAttribute('aria-describedby');
}
