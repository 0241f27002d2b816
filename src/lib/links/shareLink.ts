import { ConfigError, parseConfig } from '../experiment/config.ts';
import type { ExperimentConfig, ExperimentConfigInput } from '../experiment/config.ts';

/**
 * A setup as a link: the URL hash `#v1=<payload>`, where the payload is the base64url (no
 * padding) of the UTF-8 JSON of the validated config, defaults filled in, so a link reproduces
 * the same run even after a later version changes a default. `v1` is the format version: a
 * change that old pages could misread gets a new number. Anything read back is untrusted and
 * passes parseConfig before it is used.
 */

export const SHARE_LINK_VERSION = 1;

/** The longest hash, `#` included, made or read; longer links get cut by chat apps and servers. */
export const MAX_SHARE_LINK_LENGTH = 8192;

/** Why a link does not open, for the UI to choose how loudly to say so. */
export type ShareLinkProblem =
  'too-long' | 'damaged' | 'older-version' | 'newer-version' | 'own-data' | 'invalid';

/**
 * The outcome of reading a hash. `problem: 'none'` means there is no setup link at all (first
 * visit, or someone else's anchor): show the defaults silently. Any other failure is a broken
 * link whose `reason` is a plain-words sentence to show.
 */
export type ShareLinkResult =
  | { ok: true; config: ExperimentConfig }
  | { ok: false; problem: 'none'; reason: 'none' }
  | { ok: false; problem: ShareLinkProblem; reason: string };

/** Thrown by encodeShareLink for a setup that cannot travel as a link; the message says why. */
export class ShareLinkError extends Error {
  override name = 'ShareLinkError';
}

const LINK_PATTERN = /^v(\d+)(?:=(.*))?$/s;
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]+$/;

const DAMAGED = 'This link is damaged or incomplete: it may have been cut off when it was copied.';

/**
 * Whether `config` can be shared as a link, and if not, why in plain words: a user's own CSV
 * never goes into a link, an invalid config cannot be shared, nor one whose link would be longer
 * than MAX_SHARE_LINK_LENGTH.
 */
export function canShare(
  config: ExperimentConfigInput,
): { ok: true } | { ok: false; reason: string } {
  try {
    encodeShareLink(config);
    return { ok: true };
  } catch (error) {
    if (error instanceof ShareLinkError || error instanceof ConfigError) {
      return { ok: false, reason: error.message };
    }
    throw error;
  }
}

/**
 * The URL hash (with its leading `#`) that carries `config`. Throws a ConfigError for an invalid
 * config and a ShareLinkError for one that canShare refuses.
 */
export function encodeShareLink(config: ExperimentConfigInput): string {
  const valid = parseConfig(config);
  const ownData = ownDataReason(valid);
  if (ownData !== null) throw new ShareLinkError(ownData);
  const bytes = new TextEncoder().encode(JSON.stringify(valid));
  const hash = `#v${SHARE_LINK_VERSION}=${toBase64Url(bytes)}`;
  if (hash.length > MAX_SHARE_LINK_LENGTH) {
    throw new ShareLinkError(
      `This setup is too large for a link (${hash.length} characters, at most ${MAX_SHARE_LINK_LENGTH}); ` +
        'per-column settings make it longest.',
    );
  }
  return hash;
}

/**
 * Reads a URL hash (`location.hash`, with or without its `#`). Never throws: every failure is
 * a result whose reason the UI can show as it is.
 */
export function decodeShareLink(hash: string): ShareLinkResult {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const match = LINK_PATTERN.exec(text);
  if (match === null) return { ok: false, problem: 'none', reason: 'none' };
  if (text.length + 1 > MAX_SHARE_LINK_LENGTH) {
    return fail(
      'too-long',
      `This link is too long to be a Tradeoff Lab setup (${text.length + 1} characters, ` +
        `at most ${MAX_SHARE_LINK_LENGTH}).`,
    );
  }
  const version = Number(match[1]);
  if (version < SHARE_LINK_VERSION) {
    return fail(
      'older-version',
      `This link was made by an older version of Tradeoff Lab (link format v${version}) ` +
        'and can no longer be opened.',
    );
  }
  if (version > SHARE_LINK_VERSION) {
    return fail(
      'newer-version',
      `This link was made by a newer version of Tradeoff Lab (link format v${version}) ` +
        'than this page; reload the page to get the latest version.',
    );
  }
  const bytes = fromBase64Url(match[2] ?? '');
  if (bytes === null) return fail('damaged', DAMAGED);
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('damaged', DAMAGED);
  }
  let value: unknown;
  try {
    // JSON.parse defines "__proto__" as an own key, never a prototype; parseConfig then refuses
    // unknown keys and keeps column names in null-prototype records (keyedRecord.ts).
    value = JSON.parse(json);
  } catch {
    return fail('damaged', `${DAMAGED} Its contents are not a readable setup.`);
  }
  let config: ExperimentConfig;
  try {
    config = parseConfig(value);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return fail('invalid', `This link's setup is not valid: ${error.message}`);
  }
  const ownData = ownDataReason(config);
  if (ownData !== null) return fail('own-data', ownData);
  return { ok: true, config };
}

function fail(problem: ShareLinkProblem, reason: string): ShareLinkResult {
  return { ok: false, problem, reason };
}

/** Why a source may not travel in a link, or null when it may. */
export function ownDataReason(config: ExperimentConfig): string | null {
  const source = config.data.source;
  if (typeof source !== 'string') return null;
  if (source.startsWith('upload:')) {
    return 'A setup that uses your own CSV file cannot be shared as a link: your data stays in this browser.';
  }
  if (source.startsWith('csv:')) {
    return 'A setup that reads a CSV file from disk (csv:PATH) cannot be shared as a link: the file stays on that machine.';
  }
  return null;
}

/** Unpadded base64url of `bytes` (also used by sweep links). */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of unpadded base64url text, or null when it is not that (length 4k+1 never is). */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!BASE64URL_PATTERN.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
