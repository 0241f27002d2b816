import { describe, expect, it } from 'vitest';
import { parseConfig, type ExperimentConfigInput } from '../../../src/lib/experiment/config.ts';
import {
  MAX_SHARE_LINK_LENGTH,
  ShareLinkError,
  canShare,
  decodeShareLink,
  encodeShareLink,
} from '../../../src/lib/links/shareLink.ts';
import { exampleConfig } from '../experiment/runFixture.ts';

/** The hash for an arbitrary JSON text, built independently of encodeShareLink. */
function hashOf(json: string, version = 'v1'): string {
  return `#${version}=${Buffer.from(json, 'utf8').toString('base64url')}`;
}

function reasonOf(hash: string): { problem: string; reason: string } {
  const result = decodeShareLink(hash);
  if (result.ok) throw new Error(`expected ${hash.slice(0, 40)} to fail`);
  return { problem: result.problem, reason: result.reason };
}

const DAMAGED = 'This link is damaged or incomplete: it may have been cut off when it was copied.';

describe('encodeShareLink / decodeShareLink', () => {
  it('round-trips a config to parseConfig of it', () => {
    const config = exampleConfig();
    const hash = encodeShareLink(config);
    expect(hash).toMatch(/^#v1=[A-Za-z0-9_-]+$/);
    expect(decodeShareLink(hash)).toEqual({ ok: true, config: parseConfig(config) });
  });

  it('writes the payload as base64url of the JSON of the validated config', () => {
    const config = exampleConfig();
    const payload = encodeShareLink(config).slice('#v1='.length);
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))).toEqual(
      parseConfig(config),
    );
  });

  it('round-trips non-ASCII column names and a synthetic source', () => {
    const config: ExperimentConfigInput = {
      data: {
        source: { synthetic: { kind: 'ctr', rows: 5000 } },
        target: 'clické',
        task: 'binary',
      },
      features: { columns: { 'ville → 都市': { categorical: 'hashing', hashBuckets: 64 } } },
      model: { family: 'gbdt', trees: 50 },
    };
    expect(decodeShareLink(encodeShareLink(config))).toEqual({
      ok: true,
      config: parseConfig(config),
    });
  });

  it('reads a hash given without its leading #', () => {
    const hash = encodeShareLink(exampleConfig());
    expect(decodeShareLink(hash.slice(1)).ok).toBe(true);
  });

  it('throws a ConfigError for an invalid config', () => {
    expect(() =>
      encodeShareLink({ ...exampleConfig(), seed: -1 } as ExperimentConfigInput),
    ).toThrow(/Invalid config at seed/);
  });
});

describe('decodeShareLink failures', () => {
  it('reports "none" for a missing hash or someone else\'s anchor', () => {
    for (const hash of ['', '#', '#results', '#video=3', '#v1abc']) {
      expect(decodeShareLink(hash)).toEqual({ ok: false, problem: 'none', reason: 'none' });
    }
  });

  it('reports a link that is not base64url, or has no payload, as damaged', () => {
    for (const hash of ['#v1=', '#v1', '#v1=abc$def', '#v1=ab+c/', '#v1=abcde', '#v1=YWJj==']) {
      expect(reasonOf(hash)).toEqual({ problem: 'damaged', reason: DAMAGED });
    }
  });

  it('reports bytes that are not UTF-8 as damaged', () => {
    const hash = `#v1=${Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64url')}`;
    expect(reasonOf(hash)).toEqual({ problem: 'damaged', reason: DAMAGED });
  });

  it('reports text that is not JSON as damaged', () => {
    expect(reasonOf(hashOf('{"seed": 42, "data":'))).toEqual({
      problem: 'damaged',
      reason: `${DAMAGED} Its contents are not a readable setup.`,
    });
  });

  it('reports an older link format', () => {
    expect(reasonOf(hashOf('{}', 'v0'))).toEqual({
      problem: 'older-version',
      reason:
        'This link was made by an older version of Tradeoff Lab (link format v0) and can no longer be opened.',
    });
  });

  it('reports an unknown, newer link format', () => {
    expect(reasonOf(hashOf('{}', 'v2'))).toEqual({
      problem: 'newer-version',
      reason:
        'This link was made by a newer version of Tradeoff Lab (link format v2) than this page; reload the page to get the latest version.',
    });
  });

  it("reports a config that fails validation with parseConfig's message", () => {
    const bad = { ...parseConfig(exampleConfig()), data: { target: 'x', task: 'ranking' } };
    const { problem, reason } = reasonOf(hashOf(JSON.stringify(bad)));
    expect(problem).toBe('invalid');
    expect(reason).toMatch(/^This link's setup is not valid: Invalid config at data\.source: /);
    expect(reasonOf(hashOf('42')).reason).toMatch(
      /not valid: A config must be a JSON object .*, not a number\.$/,
    );
  });

  it("refuses a link to the user's own data even when crafted by hand", () => {
    const config = { ...parseConfig(exampleConfig()) };
    const upload = { ...config, data: { ...config.data, source: 'upload:mine.csv' } };
    expect(reasonOf(hashOf(JSON.stringify(upload)))).toEqual({
      problem: 'own-data',
      reason:
        'A setup that uses your own CSV file cannot be shared as a link: your data stays in this browser.',
    });
  });

  it('refuses a link longer than 8 KB before decoding it', () => {
    const hash = `#v1=${'A'.repeat(MAX_SHARE_LINK_LENGTH)}`;
    expect(reasonOf(hash)).toEqual({
      problem: 'too-long',
      reason: `This link is too long to be a Tradeoff Lab setup (${hash.length} characters, at most 8192).`,
    });
  });
});

describe('tampered links', () => {
  const hash = encodeShareLink(exampleConfig());
  const alphabet = 'AZaz09-_';

  it('never throws and yields only validated configs when any character is changed', () => {
    let refused = 0;
    for (let i = 4; i < hash.length; i++) {
      for (const c of alphabet) {
        if (hash[i] === c) continue;
        const result = decodeShareLink(hash.slice(0, i) + c + hash.slice(i + 1));
        if (result.ok) expect(parseConfig(result.config)).toEqual(result.config);
        else refused++;
      }
    }
    // Most single-character changes break the JSON or the schema.
    expect(refused).toBeGreaterThan(hash.length);
  });

  it('refuses a link cut anywhere', () => {
    for (let end = 5; end < hash.length; end++) {
      const result = decodeShareLink(hash.slice(0, end));
      expect(result.ok, `cut at ${end}`).toBe(false);
      if (!result.ok) expect(result.problem).toBe('damaged');
    }
  });

  it('keeps "__proto__" keys from reaching Object.prototype', () => {
    const config = parseConfig(exampleConfig());
    const root = JSON.stringify(config).replace('{', '{"__proto__": {"polluted": "root"},');
    expect(reasonOf(hashOf(root)).reason).toMatch(
      /^This link's setup is not valid: Unknown key "__proto__" at the top level; did you mean "\w+"\?$/,
    );
    const json = JSON.stringify(config)
      .replace('"columns":{', '"columns":{"__proto__": {"drop": true},')
      .replace('"data":{', '"data":{"types": {"__proto__": "text", "constructor": "numeric"},');
    const result = decodeShareLink(hashOf(json));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.prototype).not.toHaveProperty('drop');
    if (!result.ok) throw new Error(result.reason);
    expect(Object.getPrototypeOf(result.config)).toBe(Object.prototype);
    // Column names are data: kept as own keys of null-prototype records.
    expect(Object.getPrototypeOf(result.config.features.columns)).toBeNull();
    expect(Object.keys(result.config.features.columns ?? {})).toEqual([
      '__proto__',
      'origin',
      'date',
    ]);
    expect(Object.entries(result.config.data.types ?? {})).toEqual([
      ['__proto__', 'text'],
      ['constructor', 'numeric'],
    ]);
  });
});

describe('canShare', () => {
  it('accepts a built-in or synthetic data set', () => {
    expect(canShare(exampleConfig())).toEqual({ ok: true });
  });

  it("refuses the user's own CSV, and encodeShareLink throws for it", () => {
    const upload = exampleConfig();
    upload.data.source = 'upload:customers.csv';
    const reason =
      'A setup that uses your own CSV file cannot be shared as a link: your data stays in this browser.';
    expect(canShare(upload)).toEqual({ ok: false, reason });
    expect(() => encodeShareLink(upload)).toThrow(new ShareLinkError(reason));

    const csv = exampleConfig();
    csv.data.source = 'csv:/home/me/data.csv';
    expect(canShare(csv)).toEqual({
      ok: false,
      reason:
        'A setup that reads a CSV file from disk (csv:PATH) cannot be shared as a link: the file stays on that machine.',
    });
    expect(() => encodeShareLink(csv)).toThrow(ShareLinkError);
  });

  it('refuses a setup whose link would be longer than 8 KB', () => {
    const config = exampleConfig();
    config.features = {
      columns: Object.fromEntries(
        Array.from({ length: 200 }, (_, i) => [`column_${i}`, { categorical: 'hashing' as const }]),
      ),
    };
    const result = canShare(config);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toMatch(
        /^This setup is too large for a link \(\d+ characters, at most 8192\); per-column settings make it longest\.$/,
      );
    }
    expect(() => encodeShareLink(config)).toThrow(ShareLinkError);
  });

  it('explains an invalid config', () => {
    const config = { ...exampleConfig(), backend: 'gpu' } as unknown as ExperimentConfigInput;
    const result = canShare(config);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^Invalid config at backend: /);
  });
});
