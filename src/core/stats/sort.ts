/*
 * A radix sort for Float64Array: the same order as the native `Float64Array.prototype.sort()`
 * (numeric, -0 before +0) at several times its speed on a million values, because it never
 * compares. Each double's bits become an unsigned key (negative values get every bit flipped, the
 * others only the sign bit) whose order is the numeric one, -0 before +0. Two counting passes over
 * the 16-bit digits of the key's high word order the values by their sign, exponent and top 20
 * mantissa bits; a pass is skipped when every value shares its digit. Values that share that high
 * word are then already in short runs, each finished on its own: by insertion when short, by two
 * more passes over its low word when long (one pass per unsorted run). Values are only ever copied
 * as doubles, never rewritten from bit patterns, so no NaN pattern can arise and be canonicalised.
 */

import {
  COUNTING_MAX_SPAN_PER_VALUE,
  countSorted,
  guessDecimalScale,
  type CountedSorted,
  type CountedSums,
} from './counting-sort.ts';

/** Below this length the native sort is faster than clearing the digit histograms. */
export const RADIX_MIN_LENGTH = 4096;
const RADIX = 1 << 16;
/** The digit passes read the low word of each double first: true on every little-endian platform. */
export const IS_LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
/** Runs of values sharing their high word up to this length are finished by insertion. */
const INSERTION_MAX_RUN = 16;

const wordsOf = (values: Float64Array): Uint32Array =>
  new Uint32Array(values.buffer, values.byteOffset, 2 * values.length);

/* Histograms of both 16-bit digits of key word `word` (0 low, 1 high) over values [from, to). */
function digitCounts(words: Uint32Array, from: number, to: number, word: number, counts: Uint32Array): void {
  const high = word << 31; // the high word's sign flip
  for (let i = from; i < to; i++) {
    const h = words[2 * i + 1] as number;
    const key = ((words[2 * i + word] as number) ^ ((h >> 31) | high)) >>> 0;
    counts[key & 0xffff] = (counts[key & 0xffff] as number) + 1;
    counts[RADIX + (key >>> 16)] = (counts[RADIX + (key >>> 16)] as number) + 1;
  }
}

/*
 * Turns the counts [base, base + size) of one digit into start offsets from `from`; false when one
 * bucket holds all `n` (the pass would change nothing: skip it).
 */
export function startOffsets(counts: Uint32Array, base: number, size: number, n: number, from: number): boolean {
  let start = from;
  for (let d = base; d < base + size; d++) {
    const c = counts[d] as number;
    if (c === n) return false;
    counts[d] = start;
    start += c;
  }
  return true;
}

/* One counting pass of 16-bit digit `digit` (0..3) of the keys of source [from, to) into target. */
function scatterValues(
  source: Float64Array,
  target: Float64Array,
  from: number,
  to: number,
  digit: number,
  starts: Uint32Array,
): void {
  const words = wordsOf(source);
  const word = digit >> 1;
  const high = word << 31;
  const shift = (digit & 1) * 16;
  const base = (digit & 1) * RADIX;
  for (let i = from; i < to; i++) {
    const h = words[2 * i + 1] as number;
    const bucket = base + ((((words[2 * i + word] as number) ^ ((h >> 31) | high)) >>> shift) & 0xffff);
    const at = starts[bucket] as number;
    starts[bucket] = at + 1;
    target[at] = source[i] as number;
  }
}

/* Sorts values [from, to) by key word `word` (both digits, stable), using `scratch` alongside. */
function sortByWord(values: Float64Array, scratch: Float64Array, from: number, to: number, word: number): void {
  const counts = new Uint32Array(2 * RADIX);
  digitCounts(wordsOf(values), from, to, word, counts);
  let [source, target] = [values, scratch];
  for (let digit = 0; digit < 2; digit++) {
    if (!startOffsets(counts, digit * RADIX, RADIX, to - from, from)) continue;
    scatterValues(source, target, from, to, 2 * word + digit, counts);
    [source, target] = [target, source];
  }
  if (source !== values) values.set(source.subarray(from, to), from);
}

/* Insertion sort of values [from, to): within one run (one sign) numeric order is key order. */
function insertionSort(values: Float64Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const v = values[i] as number;
    let j = i - 1;
    while (j >= from && (values[j] as number) > v) {
      values[j + 1] = values[j] as number;
      j--;
    }
    values[j + 1] = v;
  }
}

function isAscending(values: Float64Array, from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) if ((values[i] as number) < (values[i - 1] as number)) return false;
  return true;
}

/* Orders a run of values sharing their high word (hence their sign) by their low word. */
function finishRun(values: Float64Array, scratch: Float64Array, from: number, to: number): void {
  if (to - from <= INSERTION_MAX_RUN) insertionSort(values, from, to);
  else if (isAscending(values, from, to)) return;
  else if (to - from < RADIX_MIN_LENGTH) values.subarray(from, to).sort();
  else sortByWord(values, scratch, from, to, 0);
}

/* Finishes every run of values (ordered by high word) that share their high word. */
function finishRuns(values: Float64Array, scratch: Float64Array): void {
  const words = wordsOf(values);
  const n = values.length;
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && words[2 * i + 1] === words[2 * start + 1]) continue;
    if (i - start > 1) finishRun(values, scratch, start, i);
    start = i;
  }
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

/* The scale, lowest scaled value and slot count of a counting sort of `values`, when it applies. */
function countingPlan(
  values: Float64Array,
  isWhole: boolean,
  min: number,
  max: number,
): { scale: number; low: number; slots: number } | undefined {
  const scale = isWhole ? 1 : guessDecimalScale(values);
  if (scale === 0) return undefined;
  const low = Math.round(min * scale);
  const slots = Math.round(max * scale) - low + 1;
  return slots <= COUNTING_MAX_SPAN_PER_VALUE * values.length + 1 ? { scale, low, slots } : undefined;
}

/*
 * Counting sort when the values are whole numbers (`isWhole`) or fixed decimals in a narrow scaled
 * range (see counting-sort.ts); false (values untouched) when it does not apply, else the sums it
 * took on the way. The counters live in the radix scratch buffer: memory already touched, not a
 * fresh array per column.
 */
function sortByCounting(
  values: Float64Array,
  isWhole: boolean,
  min: number,
  max: number,
): false | { readonly sums: CountedSums | undefined } {
  const plan = countingPlan(values, isWhole, min, max);
  if (plan === undefined) return false;
  const { scale, low, slots } = plan;
  const counts = new Uint8Array(scratchOf(Math.ceil(slots / 8)).buffer, 0, slots).fill(0);
  const counted = countSorted(values, scale, low, counts);
  if (counted === false) return false;
  counted.toArray(values);
  return { sums: counted.sums };
}

/**
 * {@link sortScanned}, except that values a counting sort applies to are not written out: they
 * come back as a {@link CountedSorted} (`values` untouched), which the statistics read at the few
 * positions they need. Other values come back sorted in place.
 */
export function sortScannedView(
  values: Float64Array,
  isWhole: boolean,
  min: number,
  max: number,
): { readonly sorted: Float64Array | CountedSorted; readonly sums?: CountedSums } {
  const plan = values.length < RADIX_MIN_LENGTH ? undefined : countingPlan(values, isWhole, min, max);
  const counted = plan && countSorted(values, plan.scale, plan.low, new Uint8Array(plan.slots));
  if (counted === undefined || counted === false) return sortScanned(values, isWhole, min, max);
  return counted.sums === undefined ? { sorted: counted } : { sorted: counted, sums: counted.sums };
}

/**
 * {@link sortFloat64} for callers that already scanned the values: `isWhole` when every value is
 * a whole number, `min` and `max` their extremes. Same order; saves the range pass. A counting
 * sort also returns the sums it took on the way ({@link CountedSums}), for the statistics.
 */
export function sortScanned(
  values: Float64Array,
  isWhole: boolean,
  min: number,
  max: number,
): { readonly sorted: Float64Array; readonly sums?: CountedSums } {
  const n = values.length;
  if (n < RADIX_MIN_LENGTH || !IS_LITTLE_ENDIAN) return { sorted: values.sort() };
  const counted = sortByCounting(values, isWhole, min, max);
  if (counted !== false)
    return counted.sums === undefined ? { sorted: values } : { sorted: values, sums: counted.sums };
  const scratch = scratchOf(n);
  sortByWord(values, scratch, 0, n, 1);
  finishRuns(values, scratch);
  return { sorted: values };
}

/**
 * Sorts `values` ascending in place, exactly as the native typed-array sort does (-0 before +0,
 * equal values indistinguishable). Precondition: no NaN. O(n) time for typical data: a counting
 * sort for whole numbers whose range is at most twice their count, else the radix sort above
 * (runs sharing a high word longer than {@link RADIX_MIN_LENGTH} get two more passes, shorter
 * unsorted ones a native sort); O(n) scratch memory, reused across calls. The native sort below
 * {@link RADIX_MIN_LENGTH} values. Returns `values`.
 */
export function sortFloat64(values: Float64Array): Float64Array {
  if (values.length < RADIX_MIN_LENGTH || !IS_LITTLE_ENDIAN) return values.sort();
  let min = Infinity;
  let max = -Infinity;
  let isWhole = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < min) min = v;
    if (v > max) max = v;
    if (isWhole && !Number.isInteger(v)) isWhole = false;
  }
  return sortScanned(values, isWhole, min, max).sorted;
}
