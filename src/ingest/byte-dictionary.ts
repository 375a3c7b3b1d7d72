/*
 * A per-column cache from a text cell's raw bytes to its dictionary code, in front of the
 * column's own string dictionary: a repeated category, date or label costs a hash and a byte
 * comparison, with no string created. Only the first occurrence of each distinct byte span is
 * decoded; the decoded text is still looked up in the column's dictionary, so two spans that
 * decode to the same text (a replacement character, a number first stored as String(v)) share
 * one code exactly as the string path would give them.
 */
import type { ColumnBuilder } from '../core/column-builder.ts';

const INITIAL_SLOTS = 256;

/**
 * A multiplicative hash of a byte span, four bytes a step (then the tail byte by byte), with a
 * final mix so that the low bits (the slot) depend on every byte.
 */
export function hashSpan(view: DataView, start: number, end: number): number {
  let h = 0x811c9dc5 ^ (end - start);
  let i = start;
  for (; i + 4 <= end; i += 4) h = Math.imul(h ^ view.getUint32(i, true), 0x9e3779b1);
  for (; i < end; i++) h = Math.imul(h ^ view.getUint8(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

export class ByteDictionary {
  /** Open addressing: entry index + 1 per slot, 0 when empty. */
  private slots = new Int32Array(INITIAL_SLOTS);
  /** Per entry: start, end, code. */
  private entries = new Int32Array(3 * INITIAL_SLOTS);
  private count = 0;
  private readonly view: DataView;

  constructor(
    bytes: Uint8Array,
    private readonly column: ColumnBuilder,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /**
   * The column's code for the text of bytes [start, end) (no doubled quotes in it), decoding it
   * with `decode` only the first time these bytes are seen. Amortised O(length).
   */
  codeOf(start: number, end: number, decode: (start: number, end: number) => string): number {
    const view = this.view;
    const mask = this.slots.length - 1;
    const length = end - start;
    let slot = hashSpan(view, start, end) & mask;
    for (;;) {
      const entry = (this.slots[slot] as number) - 1;
      if (entry < 0) break;
      const s = this.entries[3 * entry] as number;
      if ((this.entries[3 * entry + 1] as number) - s === length && sameBytes(view, s, start, length)) {
        return this.entries[3 * entry + 2] as number;
      }
      slot = (slot + 1) & mask;
    }
    const code = this.column.textCode(decode(start, end));
    this.insert(slot, start, end, code);
    return code;
  }

  private insert(slot: number, start: number, end: number, code: number): void {
    if (3 * (this.count + 1) > this.entries.length) {
      const grown = new Int32Array(this.entries.length * 2);
      grown.set(this.entries);
      this.entries = grown;
    }
    const entry = this.count++;
    this.entries[3 * entry] = start;
    this.entries[3 * entry + 1] = end;
    this.entries[3 * entry + 2] = code;
    this.slots[slot] = entry + 1;
    if (2 * this.count > this.slots.length) this.rehash();
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let entry = 0; entry < this.count; entry++) {
      const s = this.entries[3 * entry] as number;
      let slot = hashSpan(this.view, s, this.entries[3 * entry + 1] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry + 1;
    }
    this.slots = slots;
  }
}

function sameBytes(view: DataView, a: number, b: number, length: number): boolean {
  let i = 0;
  for (; i + 4 <= length; i += 4) if (view.getUint32(a + i) !== view.getUint32(b + i)) return false;
  for (; i < length; i++) if (view.getUint8(a + i) !== view.getUint8(b + i)) return false;
  return true;
}
