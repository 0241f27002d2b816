import { describe, expect, it } from 'vitest';
import { escapeControlCharacters, quoteInput } from '../../../src/lib/text/quoteInput.ts';
import { closestName } from '../../../src/lib/text/closestName.ts';

describe('quoteInput', () => {
  it('quotes short text as it is', () => {
    expect(quoteInput('origin')).toBe('"origin"');
  });

  it('cuts long text to 80 characters and gives the full length', () => {
    expect(quoteInput('a'.repeat(2_000_000))).toBe(`"${'a'.repeat(80)}…" (2,000,000 characters)`);
  });

  it('escapes terminal control sequences, line breaks and quotes', () => {
    expect(quoteInput('\u001b[2J\r\n\t"x"\u0007\u009b')).toBe(
      '"\\u001b[2J\\r\\n\\t\\"x\\"\\u0007\\u009b"',
    );
    expect(escapeControlCharacters('ok\u001b]0;title\u0007')).toBe('ok\\u001b]0;title\\u0007');
  });
});

describe('closestName', () => {
  it('ignores case, underscores and dashes, then counts edits', () => {
    expect(closestName('max_depth', ['trees', 'maxDepth', 'maxLeaves'])).toBe('maxDepth');
    expect(closestName('negativeRat', ['negativeRate', 'recalibrate', 'mode'])).toBe(
      'negativeRate',
    );
    expect(closestName('x', [])).toBeUndefined();
  });
});
