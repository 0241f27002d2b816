/** Typed access to the reference values written by scripts/fixtures/compare.py. */
import { readFileSync } from 'node:fs';

const FIXTURES = new URL('../../fixtures/compare/', import.meta.url);

export function readCompareFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;
}

export interface PairedCase {
  name: string;
  y: number[];
  pA: number[];
  pB: number[];
}
