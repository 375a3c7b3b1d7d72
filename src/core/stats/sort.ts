/*
 * An LSD radix sort for Float64Array: the same order as the native `Float64Array.prototype.sort()`
 * (numeric, -0 before +0) at two to four times its speed on a million values, because it never
 * compares. Four counting passes over the 16-bit digits of the raw IEEE 754 bits order the values
 * as unsigned integers: non-negative values ascending, then the sign-bit ones by growing magnitude.
 * A final pass moves those, reversed, to the front. A pass is skipped when every value shares its
 * digit (small integers, narrow ranges). Values are only ever copied as doubles, never rewritten as
 * bit patterns, so no NaN pattern can arise and be canonicalised.
 */

/** Below this length the native sort is faster than clearing the digit histograms. */
export const RADIX_MIN_LENGTH = 4096;
const RADIX = 1 << 16;
/** The digit passes read the low word of each double first: true on every little-endian platform. */
const IS_LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
const DIGITS = 4;

/* One histogram of RADIX counts per 16-bit digit, from the lowest digit up. */
function digitCounts(words: Uint32Array): Uint32Array {
  const counts = new Uint32Array(RADIX * DIGITS);
  for (let i = 0; i < words.length; i += 2) {
    const lo = words[i] as number;
    const hi = words[i + 1] as number;
    const d0 = lo & 0xffff;
    const d1 = RADIX + (lo >>> 16);
    const d2 = 2 * RADIX + (hi & 0xffff);
    const d3 = 3 * RADIX + (hi >>> 16);
    counts[d0] = (counts[d0] as number) + 1;
    counts[d1] = (counts[d1] as number) + 1;
    counts[d2] = (counts[d2] as number) + 1;
    counts[d3] = (counts[d3] as number) + 1;
  }
  return counts;
}

/* Turns one digit's counts into start offsets; false when one bucket holds everything (skip). */
function startOffsets(counts: Uint32Array, digit: number, n: number): boolean {
  const base = digit * RADIX;
  let start = 0;
  for (let d = base; d < base + RADIX; d++) {
    const c = counts[d] as number;
    if (c === n) return false;
    counts[d] = start;
    start += c;
  }
  return true;
}

/* Writes `sorted` (unsigned-bit order, `negatives` sign-bit values at its end) to `out` in numeric order. */
function placeNegativesFirst(sorted: Float64Array, negatives: number, out: Float64Array): void {
  const n = sorted.length;
  const head = n - negatives;
  for (let i = 0; i < negatives; i++) out[i] = sorted[n - 1 - i] as number;
  out.set(sorted.subarray(0, head), negatives);
}

/*
 * The radix passes' second buffer, kept between calls: profiling sorts one column after another,
 * and a fresh 8 MB buffer per million-row column mostly feeds the garbage collector. Never
 * escapes this module; at most the largest column sorted so far.
 */
let spare = new Float64Array(0);

function scratchOf(n: number): Float64Array {
  if (spare.length < n) spare = new Float64Array(n);
  return spare.subarray(0, n);
}

/** Whole-number values spanning at most this many times their count are sorted by counting. */
const COUNTING_MAX_SPAN_PER_VALUE = 2;

/*
 * Counting sort for whole numbers in a narrow range (ids, codes, counts): one pass to check and
 * find the range, one to count, one to write. False (values untouched) when it does not apply.
 */
/* [min, max] of whole-number values spanning at most `span`; undefined as soon as one is not. */
function integerRange(values: Float64Array, span: number): readonly [number, number] | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isInteger(v)) return undefined;
    if (v < min) min = v;
    if (v > max) max = v;
    if (max - min > span) return undefined;
  }
  return [min, max];
}

/* counts[v − min] += 1 for every value; returns how many are -0. */
function countIntegers(values: Float64Array, min: number, counts: Int32Array): number {
  let negativeZeros = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    counts[v - min] = (counts[v - min] as number) + 1;
    if (v === 0 && Object.is(v, -0)) negativeZeros++;
  }
  return negativeZeros;
}

/* Writes each value min + k counts[k] times, in order (-0 before 0). */
function writeCounted(values: Float64Array, min: number, counts: Int32Array, negativeZeros: number): void {
  let at = 0;
  for (let k = 0; k < counts.length; k++) {
    const c = counts[k] as number;
    if (c === 0) continue;
    const value = min + k;
    if (value === 0 && negativeZeros > 0) {
      values.fill(-0, at, at + negativeZeros); // -0 sorts before 0, as in the native sort
      values.fill(0, at + negativeZeros, at + c);
    } else for (let i = at; i < at + c; i++) values[i] = value;
    at += c;
  }
}

/*
 * Counting sort for whole numbers in a narrow range (ids, codes, counts): one pass to check and
 * find the range, one to count, one to write. False (values untouched) when it does not apply.
 * Each pass is a function of its own, for the reason given above the argsort.
 */
function sortIntegersByCounting(values: Float64Array): boolean {
  const range = integerRange(values, COUNTING_MAX_SPAN_PER_VALUE * values.length);
  if (range === undefined) return false;
  const [min, max] = range;
  const counts = new Int32Array(max - min + 1);
  const negativeZeros = countIntegers(values, min, counts);
  writeCounted(values, min, counts, negativeZeros);
  return true;
}

function sumRange(counts: Uint32Array, from: number, to: number): number {
  let sum = 0;
  for (let d = from; d < to; d++) sum += counts[d] as number;
  return sum;
}

/* One counting pass of a 16-bit digit from `source` into `target`; `starts` are the bucket offsets. */
function scatterValues(source: Float64Array, target: Float64Array, digit: number, starts: Uint32Array): void {
  const words = new Uint32Array(source.buffer, source.byteOffset, 2 * source.length);
  const word = digit >> 1;
  const shift = (digit & 1) * 16;
  const base = digit * RADIX;
  for (let i = 0; i < source.length; i++) {
    const bucket = base + (((words[2 * i + word] as number) >>> shift) & 0xffff);
    const at = starts[bucket] as number;
    starts[bucket] = at + 1;
    target[at] = source[i] as number;
  }
}

/**
 * Sorts `values` ascending in place, exactly as the native typed-array sort does (-0 before +0,
 * equal values indistinguishable). Precondition: no NaN. O(n) time: a counting sort for whole
 * numbers whose range is at most twice their count, else the radix sort in at most five passes;
 * O(n) scratch memory, reused across calls. The native sort below {@link RADIX_MIN_LENGTH} values. Returns `values`.
 */
export function sortFloat64(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < RADIX_MIN_LENGTH || !IS_LITTLE_ENDIAN) return values.sort();
  if (sortIntegersByCounting(values)) return values;
  const scratch = scratchOf(n);
  let source: Float64Array = values;
  let target: Float64Array = scratch;
  const counts = digitCounts(new Uint32Array(values.buffer, values.byteOffset, 2 * n));
  const negatives = sumRange(counts, 3 * RADIX + 0x8000, 4 * RADIX); // top digits with the sign bit set
  for (let digit = 0; digit < DIGITS; digit++) {
    if (!startOffsets(counts, digit, n)) continue;
    scatterValues(source, target, digit, counts);
    [source, target] = [target, source];
  }
  if (negatives === 0) {
    if (source !== values) values.set(source);
  } else if (source === values) {
    placeNegativesFirst(values, negatives, scratch);
    values.set(scratch);
  } else placeNegativesFirst(source, negatives, values);
  return values;
}

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

function countDigit(words: Uint32Array, shift: number, counts: Uint32Array): void {
  for (let k = 0; k < words.length; k++) {
    const d = ((words[k] as number) >>> shift) & 0xffff;
    counts[d] = (counts[d] as number) + 1;
  }
}

interface KeyedRows {
  readonly lo: Uint32Array;
  readonly hi: Uint32Array;
  readonly rows: Int32Array;
}

/* One stable counting pass of the digit at `shift` of `words` (lo or hi of `from`). */
function scatterDigit(from: KeyedRows, words: Uint32Array, shift: number, starts: Uint32Array, to: KeyedRows): void {
  const { lo, hi, rows } = from;
  const [toLo, toHi, toRows] = [to.lo, to.hi, to.rows];
  for (let k = 0; k < rows.length; k++) {
    const d = ((words[k] as number) >>> shift) & 0xffff;
    const at = starts[d] as number;
    starts[d] = at + 1;
    toLo[at] = lo[k] as number;
    toHi[at] = hi[k] as number;
    toRows[at] = rows[k] as number;
  }
}

/* Stable LSD radix passes over the rows' keys; returns the rows in key order. */
function radixRows(values: Float64Array, rows: Int32Array): Int32Array {
  const m = rows.length;
  let from: KeyedRows = { lo: new Uint32Array(m), hi: new Uint32Array(m), rows };
  let to: KeyedRows = { lo: new Uint32Array(m), hi: new Uint32Array(m), rows: new Int32Array(m) };
  fillKeys(values, rows, from.lo, from.hi);
  for (let digit = 0; digit < DIGITS; digit++) {
    const words = digit < 2 ? from.lo : from.hi;
    const shift = (digit & 1) * 16;
    const counts = new Uint32Array(RADIX);
    countDigit(words, shift, counts);
    if (!startOffsets(counts, 0, m)) continue;
    scatterDigit(from, words, shift, counts, to);
    [from, to] = [to, from];
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
