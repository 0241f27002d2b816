/**
 * A string -> code table looked up by a character range of a larger text, so that a field
 * already seen costs a hash over its char codes and no new string: the interning of
 * categorical columns while importing (docs/design.md, "CSV import"). Open addressing with
 * linear probing over a power-of-two slot array, at most half full.
 */

/** What `get` returns for a key not in the table. */
export const ABSENT = -2;

export class FieldDictionary {
  /** Per slot: entry index + 1; 0 is an empty slot. */
  #slots = new Int32Array(64);
  #keys: string[] = [];
  #codes = new Int32Array(32);
  #hashes = new Int32Array(32);

  get size(): number {
    return this.#keys.length;
  }

  /** The code stored for the key text[start, end), or ABSENT. */
  get(text: string, start: number, end: number): number {
    const slots = this.#slots;
    const mask = slots.length - 1;
    const length = end - start;
    for (let at = hashRange(text, start, end) & mask; ; at = (at + 1) & mask) {
      const entry = (slots[at] as number) - 1;
      if (entry < 0) return ABSENT;
      const key = this.#keys[entry] as string;
      if (key.length !== length) continue;
      let k = 0;
      while (k < length && key.charCodeAt(k) === text.charCodeAt(start + k)) k++;
      if (k === length) return this.#codes[entry] as number;
    }
  }

  /** Stores `code` for `key`, which must not be in the table yet. */
  set(key: string, code: number): void {
    const entry = this.#keys.length;
    if (entry === this.#codes.length) {
      this.#codes = grown(this.#codes);
      this.#hashes = grown(this.#hashes);
    }
    const hash = hashRange(key, 0, key.length);
    this.#keys.push(key);
    this.#codes[entry] = code;
    this.#hashes[entry] = hash;
    if (2 * (entry + 1) > this.#slots.length) this.#rehash(this.#slots.length * 2);
    else place(this.#slots, hash, entry);
  }

  #rehash(slotCount: number): void {
    const slots = new Int32Array(slotCount);
    for (let entry = 0; entry < this.#keys.length; entry++) {
      place(slots, this.#hashes[entry] as number, entry);
    }
    this.#slots = slots;
  }
}

function place(slots: Int32Array, hash: number, entry: number): void {
  const mask = slots.length - 1;
  let at = hash & mask;
  while (slots[at] !== 0) at = (at + 1) & mask;
  slots[at] = entry + 1;
}

/** FNV-1a over the char codes, then a final mix so that the low bits depend on every char. */
function hashRange(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  return hash ^ (hash >>> 13);
}

function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
