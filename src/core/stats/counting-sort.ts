/*
 * Counting sort of doubles that are whole numbers once scaled by a power of ten: ids and codes
 * (scale 1), and the fixed-decimal values that CSV files mostly hold (prices, measurements with a
 * set number of decimals, scale 10^k). Each value v maps to the integer m = round(v · scale); the
 * map is monotone, and it is used only when every value reads back exactly as m / scale, so the
 * counts alone say which value sits at each sorted position. One sequential pass counts; one walk
 * over the slots takes the sums the statistics need (see CountedSums) and a position index. The
 * profile then reads the few positions it needs from the counts (CountedSorted) and never writes
 * the column out; callers that want the sorted array have it written (toArray). The range of m
 * must be narrow. The same scaled integers serve the argsort of sort.ts as 32-bit keys.
 */
import { centredSums } from './moments.ts';

/** Scaled values spanning at most this many times their count are sorted by counting. */
export const COUNTING_MAX_SPAN_PER_VALUE = 2;
/** Decimal scales tried: 10^0 … 10^MAX_DECIMALS. */
const MAX_DECIMALS = 8;
/** Values probed to guess the scale before the full check. */
const SCALE_PROBES = 64;

/* Decimals (0..MAX_DECIMALS) after which `v` reads back exactly; -1 when none. */
function decimalsOf(v: number): number {
  let scale = 1;
  for (let k = 0; k <= MAX_DECIMALS; k++, scale *= 10) if (Math.round(v * scale) / scale === v) return k;
  return -1;
}

/*
 * The power of ten that the first values need to read back exactly: the guess that
 * the counting pass then checks on every value. 0 when some probe needs more than MAX_DECIMALS.
 */
export function guessDecimalScale(values: Float64Array): number {
  let decimals = 0;
  for (let i = 0; i < Math.min(values.length, SCALE_PROBES); i++) {
    const k = decimalsOf(values[i] as number);
    if (k < 0) return 0;
    decimals = Math.max(decimals, k);
  }
  return 10 ** decimals;
}

/** Scaled values sum exactly in doubles while their count times their largest magnitude stays below this. */
const EXACT_SUM_LIMIT = 2 ** 53;

/**
 * What a counting sort learns on its way over the distinct values, so that the statistics need no
 * pass of their own: `sum` (exact: the scaled integers are summed, then divided once), `distinct`
 * (-0 equals 0), and Σd², Σd³, Σd⁴ of d = (x − mean) / spread with mean = sum / n and spread the
 * larger of |min − mean| and |max − mean| (1 when that is 0), as numeric-stats' moments take them.
 */
export interface CountedSums {
  readonly sum: number;
  readonly distinct: number;
  readonly m2: number;
  readonly m3: number;
  readonly m4: number;
  readonly spread: number;
}

/*
 * counts[m − low] += 1 for m = round(v · scale) of every value, in bytes: a wide range of slots then
 * stays in cache (a million slots take 1 MB, not 4). A byte that wraps round pushes its slot to
 * `carries` (256 more each). Fills facts = [Σ m, how many values are -0]. False, at once, when a
 * value does not read back as m / scale.
 */
function countScaled(
  values: Float64Array,
  scale: number,
  low: number,
  counts: Uint8Array,
  carries: number[],
  facts: Float64Array,
): boolean {
  let negativeZeros = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const m = Math.round(v * scale);
    if (m / scale !== v) return false;
    const at = m - low;
    const c = ((counts[at] as number) + 1) & 0xff;
    counts[at] = c;
    if (c === 0) carries.push(at);
    total += m;
    if (v === 0 && Object.is(v, -0)) negativeZeros++;
  }
  facts[0] = total;
  facts[1] = negativeZeros;
  return true;
}

interface Scaled {
  readonly scale: number;
  readonly low: number;
  /** How many of the values counted in the slot of 0 are -0 (they sort first). */
  readonly negativeZeros: number;
}

/* Slots per block of a CountedSorted's position index. */
const BLOCK = 32;

/*
 * One pass over the slots: facts = [distinct, Σd², Σd³, Σd⁴, Σd] for d = (value − mean) / spread, and
 * the position index: before[b] = values in the slots before block b (before[blocks] = all of
 * them), carryFrom[b] = the first carry at or after block b. The sums run over every slot, in
 * order: an empty slot adds c·d² = 0 (and ±0 to Σd³), which leaves each sum as adding only the
 * counted slots would, without a branch on a count that is as good as random.
 */
function walkScaled(
  counts: Uint8Array,
  carries: Int32Array,
  { scale, low }: Scaled,
  mean: number,
  spread: number,
  index: { readonly before: Float64Array; readonly carryFrom: Int32Array },
  facts: Float64Array,
): void {
  const { before, carryFrom } = index;
  let at = 0;
  let carry = 0;
  let distinct = 0;
  let m1 = 0;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let k = 0; k < counts.length; k++) {
    if ((k & (BLOCK - 1)) === 0) {
      before[k / BLOCK] = at;
      carryFrom[k / BLOCK] = carry;
    }
    let c = counts[k] as number;
    while (carry < carries.length && carries[carry] === k) {
      c += 256;
      carry++;
    }
    const d = ((low + k) / scale - mean) / spread;
    const d2 = d * d;
    distinct += c === 0 ? 0 : 1;
    m1 += c * d;
    m2 += c * d2;
    m3 += c * d2 * d;
    m4 += c * d2 * d2;
    at += c;
  }
  before[before.length - 1] = at;
  facts[0] = distinct;
  facts[1] = m2;
  facts[2] = m3;
  facts[3] = m4;
  facts[4] = m1;
}

/* Writes (low + k) / scale as often as slot k counts (its byte plus 256 per carry), in order, -0 before 0. */
function writeScaled(values: Float64Array, counts: Uint8Array, carries: Int32Array, scaled: Scaled): void {
  const { scale, low, negativeZeros } = scaled;
  let at = 0;
  let carry = 0;
  for (let k = 0; k < counts.length; k++) {
    let c = counts[k] as number;
    while (carry < carries.length && carries[carry] === k) {
      c += 256;
      carry++;
    }
    if (c === 0) continue;
    const value = (low + k) / scale;
    if (value === 0 && negativeZeros > 0) {
      values.fill(-0, at, at + negativeZeros); // -0 sorts before 0, as in the native sort
      values.fill(0, at + negativeZeros, at + c);
    } else if (c === 1) values[at] = value;
    else values.fill(value, at, at + c);
    at += c;
  }
}

/**
 * The values a counting sort counted, read in ascending order without writing them out: value
 * (low + k) / scale occurs as often as slot k counts, -0 first in the slot of 0. Reading position i
 * takes a binary search over blocks of 32 slots (a cumulative count each) and a walk of at most
 * one block: the statistics read a few thousand positions (bin edges, quantiles, searches), not
 * n. `sums` as {@link CountedSums} (undefined when they could not be exact). Owns its counts.
 */
export class CountedSorted {
  constructor(
    readonly length: number,
    readonly sums: CountedSums | undefined,
    private readonly counts: Uint8Array,
    private readonly carries: Int32Array,
    private readonly scaled: Scaled,
    private readonly index: { readonly before: Float64Array; readonly carryFrom: Int32Array },
  ) {}

  /** The value at ascending position i (0 ≤ i < length), as the sorted array would hold it; NaN outside. */
  at(i: number): number {
    if (!(i >= 0 && i < this.length)) return NaN;
    const { before, carryFrom } = this.index;
    let lo = 0;
    let hi = before.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1; // the last block that starts at or before position i
      if ((before[mid] as number) <= i) lo = mid;
      else hi = mid - 1;
    }
    let seen = before[lo] as number;
    let carry = carryFrom[lo] as number;
    const { counts, carries } = this;
    for (let k = lo * BLOCK; ; k++) {
      let c = counts[k] as number;
      while (carry < carries.length && carries[carry] === k) {
        c += 256;
        carry++;
      }
      if (seen + c > i) return this.valueOf(k, i - seen);
      seen += c;
    }
  }

  /* The value of slot k, -0 for the first of its values when it is the slot of 0 and holds -0s. */
  private valueOf(k: number, within: number): number {
    const { scale, low, negativeZeros } = this.scaled;
    const value = (low + k) / scale;
    return value === 0 && within < negativeZeros ? -0 : value;
  }

  /** The values written out in order into the front of `out` (a new array when not given). O(n + span). */
  toArray(out: Float64Array = new Float64Array(this.length)): Float64Array {
    const sorted = out.subarray(0, this.length);
    writeScaled(sorted, this.counts, this.carries, this.scaled);
    return sorted;
  }
}

/**
 * Counts `values` when every one equals Math.round(v · scale) / scale: a {@link CountedSorted} of
 * them (values untouched), or false as soon as one does not. `low` = round(min · scale); `counts`
 * holds one zeroed byte per scaled value from low to round(max · scale) (the result keeps it).
 * O(n + span).
 */
export function countSorted(
  values: Float64Array,
  scale: number,
  low: number,
  counts: Uint8Array,
): CountedSorted | false {
  const carryList: number[] = [];
  const facts = new Float64Array(5);
  if (!countScaled(values, scale, low, counts, carryList, facts)) return false;
  const n = values.length;
  const high = low + counts.length - 1;
  const isExact = n * Math.max(Math.abs(low), Math.abs(high)) < EXACT_SUM_LIMIT;
  const sum = (facts[0] as number) / scale;
  const mean = sum / n;
  const spread = Math.max(Math.abs(low / scale - mean), Math.abs(high / scale - mean)) || 1;
  const scaled = { scale, low, negativeZeros: facts[1] as number };
  const carries = Int32Array.from(carryList).sort();
  const blocks = Math.ceil(counts.length / BLOCK);
  const index = { before: new Float64Array(blocks + 1), carryFrom: new Int32Array(blocks + 1) };
  walkScaled(counts, carries, scaled, mean, spread, index, facts);
  const [distinct, s2, s3, s4, s1] = facts as unknown as [number, number, number, number, number];
  const sums = isExact ? { sum, distinct, ...centredSums(n, s1, s2, s3, s4), spread } : undefined;
  return new CountedSorted(n, sums, counts, carries, scaled, index);
}

/* lo[k] = m + 2³¹ for value m / scale of row k; false as soon as a value is not such a 32-bit m. */
function fillScaledKeys(values: Float64Array, rows: Int32Array, scale: number, lo: Uint32Array): boolean {
  for (let k = 0; k < rows.length; k++) {
    const v = values[rows[k] as number] as number;
    const m = Math.round(v * scale);
    if (m / scale !== v || !(m >= -0x80000000 && m <= 0x7fffffff)) return false;
    lo[k] = (m + 0x80000000) >>> 0; // -0 gives the key of 0: they tie, as in sort.ts's fillKeys
  }
  return true;
}

/**
 * For the radix argsort of sort.ts: fixed-decimal values whose scaled integers m fit 32 bits get
 * the keys m + 2³¹ in `lo` (its high key words stay 0), the same order and ties (-0 with 0) as its
 * float keys, in two digit passes instead of four. False when they do not apply (`lo` then holds
 * garbage for the caller to overwrite).
 */
export function hasScaledKeys(values: Float64Array, rows: Int32Array, lo: Uint32Array): boolean {
  const probe = Float64Array.from(rows.subarray(0, 64), (row) => values[row] as number);
  const scale = guessDecimalScale(probe);
  return scale > 0 && fillScaledKeys(values, rows, scale, lo);
}

/* Counts `values` as sort.ts does: at the scale they need, in slots from their lowest. */
function countAll(values: Float64Array): void {
  const scale = guessDecimalScale(values);
  const low = Math.round(Math.min(...values) * scale);
  countSorted(values, scale, low, new Uint8Array(Math.round(Math.max(...values) * scale) - low + 1));
}

/**
 * The values {@link primeCountingSort} counts, one array per kind a table's columns bring: small
 * whole numbers with -0 and slots counted past 255; whole numbers whose scaled sum leaves V8's
 * small-integer range; fixed decimals; and decimals of which the last does not read back.
 */
export function primingInputs(): Float64Array[] {
  const small = Float64Array.from({ length: 900 }, (_, i) => (i % 3) - 1);
  small[0] = -0;
  const unreadable = new Float64Array(70).fill(0.5);
  unreadable[69] = 0.123456789;
  return [small, small.map((v) => v + 2 ** 24), small.map((v) => v * 0.25), unreadable];
}

let primed = false;

/**
 * Runs the counting kernels on {@link primingInputs}, once per thread (later calls return at once),
 * before the first column. V8 compiles a hot loop for the kinds of values it has seen, and throws
 * the code away when another kind comes: in a cold profile of the bench file, the counting loop
 * was compiled 9 times and the slot walk 5 (2 each when primed), column after column. Only V8's
 * type feedback changes: nothing is kept.
 */
export function primeCountingSort(): void {
  if (primed) return;
  primed = true;
  for (const values of primingInputs()) countAll(values);
}
