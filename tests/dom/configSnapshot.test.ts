import { describe, expect, it } from 'vitest';
import { ConfigState } from '../../src/state/ConfigState.svelte.ts';
import { withColumnOverride, withEntry } from '../../src/state/columnOverrides.ts';
import { parseConfig } from '../../src/lib/experiment/config.ts';
import type { ColumnKind } from '../../src/lib/data/table.ts';

describe('ConfigState.snapshot', () => {
  it('keeps settings of columns named __proto__, constructor and prototype on their way to the worker', () => {
    const state = new ConfigState();
    let columns = state.config.features.columns;
    let types = state.config.data.types;
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      columns = withColumnOverride(columns, name, { drop: true });
      types = withEntry<ColumnKind>(types, name, 'categorical');
    }
    state.config.features.columns = columns;
    state.config.data.types = types;
    // What the worker reads: a structured clone of the snapshot, validated again.
    const sent = parseConfig(structuredClone(state.snapshot()));
    expect(Object.keys(sent.features.columns ?? {})).toEqual([
      '__proto__',
      'constructor',
      'prototype',
    ]);
    expect(Object.getOwnPropertyDescriptor(sent.features.columns, '__proto__')?.value).toEqual({
      drop: true,
    });
    expect(Object.keys(sent.data.types ?? {})).toEqual(['__proto__', 'constructor', 'prototype']);
  });
});
