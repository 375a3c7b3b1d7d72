/*
 * The row order of a column by value (an argsort), for ranks and the table view's sort: a stable
 * LSD radix sort of keys that order the values. Fixed-decimal values take their scaled integers as
 * 32-bit keys (see counting-sort.ts); other values their bits as 64-bit keys, as in sort.ts.
 */
import { hasScaledKeys } from './counting-sort.ts';
import { IS_LITTLE_ENDIAN, RADIX_MIN_LENGTH, startOffsets } from './sort.ts';

/*
 * The argsort below keeps each hot loop alone in a small function. A process sorts only a few
 * columns, so these loops run cold: V8 compiles a running loop on the fly (OSR) without feedback
 * for the code after it, and that code then deoptimises on every call. With nothing after the
 * loop but a return, the compiled loop stays valid from the first column on.
 */

/* Order-preserving unsigned key words of the rows' values: negative values get every bit flipped,
 * the others only the sign bit; -0 is read as 0 so that it ties with 0. */
function fillKeys(values: Float64Array, rows: Int32Array, lo: Uint32Array, hi: Uint32Array): void {
  const cell = new Float64Array(1);
  const words = new Uint32Array(cell.buffer);
  const low = IS_LITTLE_ENDIAN ? 0 : 1;
  for (let k = 0; k < rows.length; k++) {
    const v = values[rows[k] as number] as number;
    cell[0] = v === 0 ? 0 : v;
    const h = words[1 - low] as number;
    const flip = h >>> 31 === 1 ? 0xffffffff : 0;
    lo[k] = ((words[low] as number) ^ flip) >>> 0;
    hi[k] = (h ^ (flip | 0x80000000)) >>> 0;
  }
}

/*
 * The argsort's digits. Scaled keys (32 bits, mostly fewer used) take 11-bit digits: a pass then
 * scatters to 2,048 places that stay in cache, and two passes cover a span of 4 million. Float keys
 * (64 bits) take 16-bit digits: four passes instead of six.
 */
const SCALED_DIGITS = { bits: 11, shifts: [0, 11, 22] } as const;
const FLOAT_DIGITS = { bits: 16, shifts: [0, 16] } as const;

function countDigit(words: Uint32Array, shift: number, mask: number, counts: Uint32Array): void {
  for (let k = 0; k < words.length; k++) {
    const d = ((words[k] as number) >>> shift) & mask;
    counts[d] = (counts[d] as number) + 1;
  }
}

interface KeyedRows {
  readonly lo: Uint32Array;
  /** Undefined for scaled keys, which fit the low word: there is nothing to carry. */
  readonly hi: Uint32Array | undefined;
  readonly rows: Int32Array;
}

/* One stable counting pass of the digit at `shift` of `words` (lo or hi of `from`). */
function scatterDigit(from: KeyedRows, words: Uint32Array, digit: Digit, starts: Uint32Array, to: KeyedRows): void {
  if (from.hi === undefined || to.hi === undefined) scatterLow(from.lo, from.rows, words, digit, starts, to);
  else scatterBoth(from.lo, from.hi, from.rows, words, digit, starts, to.lo, to.hi, to.rows);
}

interface Digit {
  readonly shift: number;
  readonly mask: number;
}

/* scatterDigit of scaled keys: the low key words and the rows move. */
function scatterLow(
  lo: Uint32Array,
  rows: Int32Array,
  words: Uint32Array,
  digit: Digit,
  starts: Uint32Array,
  to: KeyedRows,
) {
  const { shift, mask } = digit;
  const [toLo, toRows] = [to.lo, to.rows];
  for (let k = 0; k < rows.length; k++) {
    const d = ((words[k] as number) >>> shift) & mask;
    const at = starts[d] as number;
    starts[d] = at + 1;
    toLo[at] = lo[k] as number;
    toRows[at] = rows[k] as number;
  }
}

/* scatterDigit of float keys: both key words and the rows move, in one pass. */
function scatterBoth(
  lo: Uint32Array,
  hi: Uint32Array,
  rows: Int32Array,
  words: Uint32Array,
  { shift, mask }: Digit,
  starts: Uint32Array,
  ...[toLo, toHi, toRows]: [Uint32Array, Uint32Array, Int32Array]
): void {
  for (let k = 0; k < rows.length; k++) {
    const d = ((words[k] as number) >>> shift) & mask;
    const at = starts[d] as number;
    starts[d] = at + 1;
    toLo[at] = lo[k] as number;
    toHi[at] = hi[k] as number;
    toRows[at] = rows[k] as number;
  }
}

/* The smallest and largest of the key words. */
function wordRange(words: Uint32Array): [number, number] {
  let low = 0xffffffff;
  let high = 0;
  for (let k = 0; k < words.length; k++) {
    const w = words[k] as number;
    if (w < low) low = w;
    if (w > high) high = w;
  }
  return [low, high];
}

/* Stable LSD radix passes over the rows' keys (low word first); returns the rows in key order. */
function radixRows(values: Float64Array, rows: Int32Array): Int32Array {
  const m = rows.length;
  const lo = new Uint32Array(m);
  const scaled = hasScaledKeys(values, rows, lo);
  const hi = scaled ? undefined : new Uint32Array(m);
  if (hi !== undefined) fillKeys(values, rows, lo, hi);
  let from: KeyedRows = { lo, hi, rows };
  let to: KeyedRows = { lo: new Uint32Array(m), hi: hi && new Uint32Array(m), rows: new Int32Array(m) };
  const { bits, shifts } = scaled ? SCALED_DIGITS : FLOAT_DIGITS;
  const counts = new Uint32Array(1 << bits);
  for (const word of scaled ? [0] : [0, 1]) {
    const [low, high] = wordRange(word === 0 ? lo : (hi as Uint32Array));
    for (const shift of shifts) {
      if (low >>> shift === high >>> shift) break; // every key shares this digit and the ones above
      const words = word === 0 ? from.lo : (from.hi as Uint32Array);
      const digit = { shift, mask: (1 << bits) - 1 };
      counts.fill(0);
      countDigit(words, shift, digit.mask, counts);
      if (!startOffsets(counts, 0, counts.length, m, 0)) continue;
      scatterDigit(from, words, digit, counts, to);
      [from, to] = [to, from];
    }
  }
  return from.rows;
}

/* Writes the rows whose value is (or, with `isNaNPass`, is not) a number to `order` from `at`. */
function collectRows(values: Float64Array, order: Int32Array, at: number, isNaNPass: boolean): number {
  let k = at;
  for (let i = 0; i < values.length; i++) if (Number.isNaN(values[i]) === isNaNPass) order[k++] = i;
  return k;
}

/**
 * The row indices of `values` in ascending order of value: ties (and -0 with 0) in row order, NaN
 * rows last in row order. A stable radix sort of the values' bits above {@link RADIX_MIN_LENGTH}
 * rows (O(n), about 24 bytes a row of scratch), a comparison sort below. Returns a new array.
 */
export function argsortFloat64(values: Float64Array): Int32Array {
  const order = new Int32Array(values.length);
  const m = collectRows(values, order, 0, false);
  collectRows(values, order, m, true);
  const rows = order.subarray(0, m);
  if (m < RADIX_MIN_LENGTH) {
    rows.sort((a, b) => {
      const x = values[a] as number;
      const y = values[b] as number;
      return x < y ? -1 : x > y ? 1 : a - b;
    });
  } else rows.set(radixRows(values, rows.slice()));
  return order;
}
