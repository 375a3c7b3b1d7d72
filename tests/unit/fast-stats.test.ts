/*
 * The column-level fast paths of the profile (radix, counting and dictionary sorts, stable argsort,
 * O(log n) MAD, binary-search histogram and outlier counts) against the straightforward algorithms
 * they replaced, written out again here: equal results, bit for bit (Object.is, so -0 and 0
 * differ), on random inputs with ties, -0, ±Infinity, subnormals and huge magnitudes, at lengths on
 * both sides of the radix threshold. Table-level paths: fast-table-stats.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findOutliers } from '../../src/core/profile/outliers.ts';
import { histogramSorted } from '../../src/core/stats/histogram.ts';
import { computeNumericStats, sortedFinite, sortedFiniteCoded } from '../../src/core/stats/numeric-stats.ts';
import { createRandom } from '../../src/core/stats/random.ts';
import { lowerBound, rankOrder } from '../../src/core/stats/ranks.ts';
import { argsortFloat64 } from '../../src/core/stats/argsort.ts';
import { RADIX_MIN_LENGTH, sortFloat64 } from '../../src/core/stats/sort.ts';

/** Values drawn (seeded) from a small palette, so that ties are frequent. */
function fromPalette(palette: readonly number[], length: number, seed: number): Float64Array {
  const random = createRandom(seed);
  return Float64Array.from({ length }, () => palette[Math.floor(random() * palette.length)] as number);
}

const finiteDouble = fc.double({ noNaN: true, noDefaultInfinity: true });
const anyNumber = fc.oneof(fc.double({ noNaN: true }), fc.constantFrom(0, -0, 1, -1, 5e-324, -5e-324));
const integerish = fc.oneof(fc.integer({ min: -40, max: 40 }), fc.constant(-0));
/** Lengths below, at and above the radix threshold. */
const length = fc.oneof(
  fc.integer({ min: 0, max: 40 }),
  fc.integer({ min: RADIX_MIN_LENGTH - 2, max: RADIX_MIN_LENGTH + 3000 }),
);
const palettes = fc.oneof(
  fc.array(anyNumber, { minLength: 1, maxLength: 30 }),
  fc.array(integerish, { minLength: 1, maxLength: 30 }),
  fc.array(finiteDouble, { minLength: 1, maxLength: 3000 }),
);
const arrays = fc.tuple(palettes, length, fc.integer()).map(([palette, n, seed]) => fromPalette(palette, n, seed));

const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>): boolean =>
  a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

describe('sortFloat64', () => {
  it('orders exactly as the native sort, -0 before 0', () => {
    fc.assert(
      fc.property(arrays, (values) => {
        expect(sameBits(sortFloat64(values.slice()), values.slice().sort())).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('sorts narrow whole numbers by counting, wide ones and fractions by radix', () => {
    const n = RADIX_MIN_LENGTH * 2;
    const ids = Float64Array.from({ length: n }, (_, i) => (i * 7919) % n);
    const sparse = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % n) * 1000 - 5);
    const zeros = Float64Array.from({ length: n }, (_, i) => [0, -0, -1, 2][i % 4] as number);
    for (const values of [ids, sparse, zeros])
      expect(sameBits(sortFloat64(values.slice()), values.slice().sort())).toBe(true);
  });
});

/** Stable index sort by value with NaN rows last: the reference for argsort. */
function referenceArgsort(values: Float64Array): number[] {
  const rows = Array.from(values, (_, i) => i);
  const key = (i: number): number => (Number.isNaN(values[i]) ? Infinity : (values[i] as number));
  return rows.sort((a, b) => {
    const nanA = Number.isNaN(values[a]);
    const nanB = Number.isNaN(values[b]);
    if (nanA !== nanB) return nanA ? 1 : -1;
    return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a - b;
  });
}

/**
 * The former rankOrder: native sort, binary search per value for each row's group (its value's
 * first sorted position; n for NaN); a run starts where the group changes along the order.
 */
function referenceRankOrder(values: Float64Array): { order: Int32Array; runStart: Uint8Array } {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const group = Int32Array.from(values, (v) => (Number.isNaN(v) ? n : lowerBound(sorted, v)));
  const order = Int32Array.from(referenceArgsort(values));
  const runStart = Uint8Array.from(order, (row, k) =>
    k === 0 || group[row] !== group[order[k - 1] as number] ? 1 : 0,
  );
  return { order, runStart };
}

const withNaN = fc.tuple(arrays, fc.integer({ min: 0, max: 4 }), fc.integer()).map(([values, share, seed]) => {
  const random = createRandom(seed);
  return values.map((v) => (random() * 10 < share ? NaN : v));
});

describe('argsortFloat64 and rankOrder', () => {
  it('give a stable order with NaN last, and the runs of ties a binary search gives', () => {
    fc.assert(
      fc.property(withNaN, (values) => {
        expect(Array.from(argsortFloat64(values))).toEqual(referenceArgsort(values));
        const actual = rankOrder(values);
        const expected = referenceRankOrder(values);
        expect(actual.order).toEqual(expected.order);
        expect(actual.runStart).toEqual(expected.runStart);
      }),
      { numRuns: 80 },
    );
  });
});

/* The former MAD: a two-pointer merge walk over the deviations left and right of the median. */
function referenceMad(sorted: Float64Array, m: number): number {
  const kth = (k: number): number => {
    let right = 0;
    while (right < sorted.length && (sorted[right] as number) < m) right++;
    let left = right - 1;
    let value = NaN;
    for (let taken = 0; taken <= k; taken++) {
      const dl = left >= 0 ? m - (sorted[left] as number) : Infinity;
      const dr = right < sorted.length ? (sorted[right] as number) - m : Infinity;
      if (dl <= dr) {
        value = dl;
        left--;
      } else {
        value = dr;
        right++;
      }
    }
    return value;
  };
  const n = sorted.length;
  if (n === 0) return NaN;
  const half = Math.floor((n - 1) / 2);
  return n % 2 === 1 ? kth(half) : (kth(half) + kth(half + 1)) / 2;
}

/* Row by row, by numpy's definition: bin i holds edges[i] ≤ v < edges[i + 1], the last bin its right edge too. */
function referenceCounts(sorted: Float64Array, edges: readonly number[]): number[] {
  const bins = edges.length - 1;
  const counts = new Array<number>(bins).fill(0);
  for (const v of sorted) {
    const bin = edges.findLastIndex((e, i) => i < bins && v >= e);
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return counts;
}

describe('numeric statistics from the sorted values', () => {
  it('sorts a text column’s values through its dictionary exactly as row by row', () => {
    const entries = fc.array(fc.oneof(anyNumber, fc.constant(NaN)), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(entries, length, fc.integer(), (entryValues, n, seed) => {
        const random = createRandom(seed);
        const codes = Int32Array.from({ length: n }, () => Math.floor(random() * (entryValues.length + 1)) - 1);
        const values = Float64Array.from(codes, (c) => (c < 0 ? NaN : (entryValues[c] as number)));
        const expected = sortedFinite(values);
        const actual = sortedFiniteCoded(codes, Float64Array.from(entryValues), new Float64Array(n + 3));
        expect(actual.infinite).toBe(expected.infinite);
        expect(sameBits(actual.sorted, expected.sorted)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('puts a value on an inner edge in the bin to its right, as numpy does', () => {
    // np.histogram([0.4, 1.4, 2.0, 2.1, 2.4], bins='auto') (numpy 2.4.6): counts [1, 0, 1, 3], edges
    // [0.4, 0.9, 1.4, 1.9, 2.4]. (1.4 − 0.4) / 0.5 is 1.9999999999999998: the arithmetic alone says bin 1.
    const sorted = Float64Array.of(0.4, 1.4, 2.0, 2.1, 2.4);
    const histogram = histogramSorted(sorted, computeNumericStats(sorted).iqr);
    expect(histogram.edges).toEqual([0.4, 0.9, 1.4, 1.9, 2.4]);
    expect(histogram.counts).toEqual([1, 0, 1, 3]);
  });

  it('bins subnormal data instead of losing the minimum', () => {
    const sorted = Float64Array.of(0, 5e-324, 1e-323);
    const histogram = histogramSorted(sorted, computeNumericStats(sorted).iqr);
    expect(histogram.counts.reduce((a, b) => a + b, 0)).toBe(3);
    expect(histogram.edges[0]).toBe(0);
    expect(histogram.edges.at(-1)).toBe(1e-323);
  });

  it('bins a range wider than the largest double instead of failing', () => {
    const sorted = Float64Array.of(-1.7e308, -1, 0, 1, 1.7e308);
    const histogram = histogramSorted(sorted, computeNumericStats(sorted).iqr);
    expect(histogram.counts.reduce((a, b) => a + b, 0)).toBe(5);
    expect(histogram.edges[0]).toBe(-1.7e308);
    expect(histogram.edges.at(-1)).toBe(1.7e308);
  });

  it('MAD, zeros, negatives, histogram and outliers equal the row-by-row algorithms', () => {
    fc.assert(
      fc.property(withNaN, (values) => {
        const stats = computeNumericStats(values);
        const { sorted } = sortedFinite(values);
        expect(Object.is(stats.mad, referenceMad(sorted, stats.median))).toBe(true);
        expect(stats.negatives).toBe(sorted.filter((v) => v < 0).length);
        expect(stats.zeros).toBe(sorted.filter((v) => v === 0).length);
        const histogram = histogramSorted(sorted, stats.iqr);
        if (histogram.rule === 'numpy-auto' && sorted.length > 0) {
          // A range beyond the largest double, or a bin width below the smallest, is binned at
          // another scale (the row-by-row reference loses values there).
          if ((stats.max - stats.min) / histogram.counts.length > 0 && Number.isFinite(stats.max - stats.min)) {
            expect(histogram.counts).toEqual(referenceCounts(sorted, histogram.edges));
          }
          expect(histogram.counts.reduce((a, b) => a + b, 0)).toBe(sorted.length);
          expect(histogram.edges.every(Number.isFinite)).toBe(true);
        }
        expect(findOutliers(values, stats, sorted)).toEqual(findOutliers(values, stats));
      }),
      { numRuns: 120 },
    );
  });
});
