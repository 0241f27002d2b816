import { ConfigError } from '../experiment/config.ts';
import { fromBase64Url, MAX_SHARE_LINK_LENGTH, ownDataReason, toBase64Url } from './shareLink.ts';
import { parseSweep, type Sweep } from '../experiment/sweep.ts';

/** A sweep as JSON (docs/design.md "Sweeps and uncertainty"), its base with defaults filled in. */
export interface SweepDefinition {
  base: Sweep['base'];
  vary: Sweep['vary'];
  seeds: number;
}

/** The definition of a validated sweep: what a link carries and a stored sweep keeps. */
export function sweepDefinition({ base, vary, seeds }: Sweep): SweepDefinition {
  return { base, vary, seeds };
}

export type SweepLinkResult =
  | { ok: true; definition: SweepDefinition }
  | { ok: false; problem: 'none' }
  | { ok: false; problem: 'invalid'; reason: string };

const PREFIX = 'sweep=';
const DAMAGED = 'This sweep link is damaged or incomplete: it may have been cut off when copied.';

/**
 * The URL hash `#sweep=<payload>`: base64url (unpadded) of the UTF-8 JSON of the validated sweep,
 * defaults filled in, so the link reruns the same sweep after a default changes. A sweep over a
 * user's own CSV, or longer than a setup link may be, throws a ConfigError saying why.
 */
export function encodeSweepLink(input: unknown): string {
  const definition = sweepDefinition(parseSweep(input));
  const ownData = ownDataReason(definition.base);
  if (ownData !== null) throw new ConfigError(ownData);
  const bytes = new TextEncoder().encode(JSON.stringify(definition));
  const hash = `#${PREFIX}${toBase64Url(bytes)}`;
  if (hash.length > MAX_SHARE_LINK_LENGTH) {
    throw new ConfigError(
      `This sweep is too large for a link (${hash.length} characters, at most ${MAX_SHARE_LINK_LENGTH}).`,
    );
  }
  return hash;
}

/**
 * Reads a URL hash. Never throws: `none` when it is no sweep link, else the definition, or why
 * the link cannot be used (an invalid field is named, as parseSweep names it).
 */
export function decodeSweepLink(hash: string): SweepLinkResult {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!text.startsWith(PREFIX)) return { ok: false, problem: 'none' };
  if (text.length + 1 > MAX_SHARE_LINK_LENGTH) {
    return invalid(`This sweep link is too long (${text.length + 1} characters).`);
  }
  const bytes = fromBase64Url(text.slice(PREFIX.length));
  if (bytes === null) return invalid(DAMAGED);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return invalid(DAMAGED);
  }
  try {
    const definition = sweepDefinition(parseSweep(value));
    const ownData = ownDataReason(definition.base);
    return ownData === null ? { ok: true, definition } : invalid(ownData);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return invalid(`This sweep link is not valid: ${error.message}`);
  }
}

function invalid(reason: string): SweepLinkResult {
  return { ok: false, problem: 'invalid', reason };
}
