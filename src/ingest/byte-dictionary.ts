/*
 * A per-column cache from a text column's raw cell bytes to what those bytes mean: missing, or a
 * dictionary code and whether the text reads as a number. A repeated category, date or label then
 * costs a hash (computed while the field is scanned), a probe and a byte comparison: no string,
 * no missing-token test, no number parse. Only the first occurrence of each distinct byte span is
 * decoded and classified; its text is still looked up in the column's own dictionary, so spans
 * that decode to the same text share one code exactly as the string path would give them.
 * Spans holding doubled quotes are never cached (their bytes are not their text).
 *
 * Each entry's bytes are copied into a small arena, so that a hit compares against memory that
 * stays in cache rather than against the entry's first occurrence somewhere in a 100 MB file
 * (measured: about 5% of a 91 MB parse). The arenas of one parser share a budget; entries beyond
 * it compare against the file as before.
 */

const INITIAL_SLOTS = 256;
/**
 * Longest probe sequence searched. At most half the slots are used, so honest data never comes
 * near it; a file crafted so that many values share a hash (the hash is not secret) stops here
 * and those cells take the uncached path, instead of each one walking the whole cluster.
 */
const MAX_PROBES = 64;
/** find(): the probe limit was reached; do not add the span, read it uncached. */
export const CROWDED = -2;
/** Bytes of entry copies one parser keeps, over all its columns. */
export const ARENA_BUDGET_BYTES = 4 * 1024 * 1024;
const INITIAL_ARENA_BYTES = 4096;
const FNV_OFFSET = 0x811c9dc5 | 0; // as an int32, as Math.imul and the Int32Array store it
const FNV_PRIME = 0x01000193;

/** Starting value of the span hash (FNV-1a); step it with hashStep for every byte. */
export const HASH_START = FNV_OFFSET;

/** One byte into the span hash. */
export function hashStep(hash: number, byte: number): number {
  return Math.imul(hash ^ byte, FNV_PRIME);
}

/** The span hash of bytes [start, end), as a scan stepping hashStep over them computes it. */
export function hashSpan(bytes: Uint8Array, start: number, end: number): number {
  let h = HASH_START;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), FNV_PRIME);
  return h;
}

/* The slot of a hash: a final mix so that the low bits depend on every byte. */
function slotOf(hash: number, mask: number): number {
  const h = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  return (h ^ (h >>> 13)) & mask;
}

/** What the arenas of one parser's dictionaries may still take. */
export interface ArenaBudget {
  left: number;
}

export class ByteDictionary {
  /** Open addressing: entry index + 1 per slot, 0 when empty. */
  private slots = new Int32Array(INITIAL_SLOTS);
  private hashes: Int32Array = new Int32Array(INITIAL_SLOTS);
  private starts: Int32Array = new Int32Array(INITIAL_SLOTS);
  private lengths: Int32Array = new Int32Array(INITIAL_SLOTS);
  /** Dictionary code, -1 for a missing cell. */
  private codes: Int32Array = new Int32Array(INITIAL_SLOTS);
  private numeric = new Uint8Array(INITIAL_SLOTS);
  private count = 0;
  private readonly view: DataView;
  /** Copies of entries' bytes: an entry's start ≥ 0 is an offset here, ~start one in the file. */
  private arena = new Uint8Array(0);
  private arenaView = new DataView(this.arena.buffer);
  private arenaUsed = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly budget: ArenaBudget = { left: ARENA_BUDGET_BYTES },
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** The entry for bytes [start, end) with span hash `hash`, -1 when absent, or CROWDED. O(length). */
  find(start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = slotOf(hash, mask), probes = 0; ; slot = (slot + 1) & mask, probes++) {
      const entry = (this.slots[slot] as number) - 1;
      if (entry < 0) return -1;
      if (probes === MAX_PROBES) return CROWDED;

      if (this.hashes[entry] !== hash || this.lengths[entry] !== length) continue;
      const stored = this.starts[entry] as number;
      const isSame =
        stored >= 0
          ? sameBytes(this.arenaView, this.arena, stored, this.view, this.bytes, start, length)
          : sameBytes(this.view, this.bytes, ~stored, this.view, this.bytes, start, length);
      if (isSame) return entry;
    }
  }

  /** The code of an entry (-1 for a missing cell). */
  code(entry: number): number {
    return this.codes[entry] as number;
  }

  /** True when the entry's text reads as a number. */
  isNumeric(entry: number): boolean {
    return this.numeric[entry] === 1;
  }

  /** Remembers what bytes [start, end) (not yet present) mean; returns the new entry. Amortised O(1). */
  add(start: number, end: number, hash: number, code: number, isNumeric: boolean): number {
    const entry = this.count++;
    if (entry === this.codes.length) this.growEntries();
    this.hashes[entry] = hash;
    this.starts[entry] = this.copy(start, end);
    this.lengths[entry] = end - start;
    this.codes[entry] = code;
    this.numeric[entry] = isNumeric ? 1 : 0;
    if (2 * this.count > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(this.slots, entry);
    return entry;
  }

  /* Copies bytes [start, end) into the arena when the budget allows: their arena offset, else ~start. */
  private copy(start: number, end: number): number {
    const length = end - start;
    if (this.arenaUsed + length > this.arena.length) {
      const size = Math.max(INITIAL_ARENA_BYTES, 2 * this.arena.length, this.arenaUsed + length);
      if (size - this.arena.length > this.budget.left) return ~start;
      this.budget.left -= size - this.arena.length;
      const grown = new Uint8Array(size);
      grown.set(this.arena.subarray(0, this.arenaUsed));
      this.arena = grown;
      this.arenaView = new DataView(grown.buffer);
    }
    this.arena.set(this.bytes.subarray(start, end), this.arenaUsed);
    this.arenaUsed += length;
    return this.arenaUsed - length;
  }

  private growEntries(): void {
    const grow = (array: Int32Array): Int32Array => {
      const grown = new Int32Array(array.length * 2);
      grown.set(array);
      return grown;
    };
    this.hashes = grow(this.hashes);
    this.starts = grow(this.starts);
    this.lengths = grow(this.lengths);
    this.codes = grow(this.codes);
    const numeric = new Uint8Array(this.numeric.length * 2);
    numeric.set(this.numeric);
    this.numeric = numeric;
  }

  private place(slots: Int32Array, entry: number): void {
    const mask = slots.length - 1;
    let slot = slotOf(this.hashes[entry] as number, mask);
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = entry + 1;
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size);
    for (let entry = 0; entry < this.count; entry++) this.place(slots, entry);
    this.slots = slots;
  }
}

/* True when a's bytes [at, at + length) equal b's from `from` (little-endian words: no byte swap). */
function sameBytes(
  aView: DataView,
  a: Uint8Array,
  at: number,
  bView: DataView,
  b: Uint8Array,
  from: number,
  length: number,
): boolean {
  let i = 0;
  for (; i + 4 <= length; i += 4) if (aView.getInt32(at + i, true) !== bView.getInt32(from + i, true)) return false;
  for (; i < length; i++) if (a[at + i] !== b[from + i]) return false;
  return true;
}
