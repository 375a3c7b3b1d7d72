/*
 * Counting sort of doubles that are whole numbers once scaled by a power of ten: ids and codes
 * (scale 1), and the fixed-decimal values that CSV files mostly hold (prices, measurements with a
 * set number of decimals, scale 10^k). Each value v maps to the integer m = round(v · scale); the
 * map is monotone, and it is used only when every value reads back exactly as m / scale, so
 * writing m / scale in counting order writes the very values, sorted. Two sequential passes (count,
 * write) instead of a radix sort's scattered ones; the range of m must be narrow. The same scaled
 * integers serve the argsort of sort.ts as 32-bit keys.
 */

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
 * {@link isScaleExact} then checks on every value. 0 when some probe needs more than MAX_DECIMALS.
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

/** True when every value v equals Math.round(v · scale) / scale exactly. O(n), stops at the first miss. */
export function isScaleExact(values: Float64Array, scale: number): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Math.round(v * scale) / scale !== v) return false;
  }
  return true;
}

/*
 * counts[round(v · scale) − low] += 1 for every value, in bytes: a wide range of slots then stays
 * in cache (a million slots take 1 MB, not 4). A byte that wraps round pushes its slot to
 * `carries` (256 more each). Returns how many values are -0.
 */
function countScaled(values: Float64Array, scale: number, low: number, counts: Uint8Array, carries: number[]): number {
  let negativeZeros = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    const at = Math.round(v * scale) - low;
    const c = ((counts[at] as number) + 1) & 0xff;
    counts[at] = c;
    if (c === 0) carries.push(at);
    if (v === 0 && Object.is(v, -0)) negativeZeros++;
  }
  return negativeZeros;
}

/* Writes (low + k) / scale as often as slot k counts (its byte plus 256 per carry), in order, -0 before 0. */
function writeScaled(
  values: Float64Array,
  scale: number,
  low: number,
  counts: Uint8Array,
  carries: Int32Array,
  negativeZeros: number,
): void {
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
 * Sorts `values` (every one equal to Math.round(v · scale) / scale, see {@link isScaleExact}) by
 * counting, into the same order as the native sort, -0 before 0. `low` = round(min · scale);
 * `counts` holds one zeroed byte per scaled value from low to round(max · scale). O(n + span).
 */
export function sortScaledByCounting(values: Float64Array, scale: number, low: number, counts: Uint8Array): void {
  const carries: number[] = [];
  const negativeZeros = countScaled(values, scale, low, counts, carries);
  writeScaled(values, scale, low, counts, Int32Array.from(carries).sort(), negativeZeros);
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
