/*
 * The fast paths of the profile (radix and counting sorts, O(log n) MAD, binary-search histogram
 * and outlier counts, grouped pairwise correlations, column-wise duplicate hashing) against the
 * straightforward algorithms they replaced, written out again here: equal results, bit for bit
 * (Object.is, so -0 and 0 differ), on random inputs with ties, -0, ±Infinity, subnormals and huge
 * magnitudes, at lengths on both sides of the radix threshold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicates } from '../../src/core/profile/duplicates.ts';
import { summarizeMissing } from '../../src/core/profile/missing.ts';
import { findOutliers } from '../../src/core/profile/outliers.ts';
import { correlationRatio, correlationRatios, pairwiseComplete, pearson } from '../../src/core/stats/correlation.ts';
import { histogramSorted } from '../../src/core/stats/histogram.ts';
import { computeNumericStats, sortedFinite, sortedFiniteCoded } from '../../src/core/stats/numeric-stats.ts';
import { pearsonMatrix, spearmanMatrix, unionRows } from '../../src/core/stats/pairwise.ts';
import { createRandom, sampleIndices } from '../../src/core/stats/random.ts';
import { lowerBound, rankOrder, subsetRanks, type RankOrder } from '../../src/core/stats/ranks.ts';
import { argsortFloat64, RADIX_MIN_LENGTH, sortFloat64 } from '../../src/core/stats/sort.ts';
import type { Table } from '../../src/core/table.ts';

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

/** The former rankOrder: native sort, binary search per value, counting sort by group. */
function referenceRankOrder(values: Float64Array): { order: Int32Array; group: Int32Array } {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const group = Int32Array.from(values, (v) => (Number.isNaN(v) ? n : lowerBound(sorted, v)));
  const order = Int32Array.from(referenceArgsort(values));
  return { order, group };
}

const withNaN = fc.tuple(arrays, fc.integer({ min: 0, max: 4 }), fc.integer()).map(([values, share, seed]) => {
  const random = createRandom(seed);
  return values.map((v) => (random() * 10 < share ? NaN : v));
});

describe('argsortFloat64 and rankOrder', () => {
  it('give a stable order with NaN last, and the groups a binary search gives', () => {
    fc.assert(
      fc.property(withNaN, (values) => {
        expect(Array.from(argsortFloat64(values))).toEqual(referenceArgsort(values));
        const actual = rankOrder(values);
        const expected = referenceRankOrder(values);
        expect(actual.order).toEqual(expected.order);
        expect(actual.group).toEqual(expected.group);
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

/* The former histogram count: bin every value. */
function referenceCounts(sorted: Float64Array, edges: readonly number[]): number[] {
  const bins = edges.length - 1;
  const min = sorted[0] as number;
  const width = ((sorted[sorted.length - 1] as number) - min) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of sorted) {
    const bin = Math.min(bins - 1, Math.floor((v - min) / width));
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

/** Columns sharing some missing rows, some nested, some not: every grouping case. */
const columnSets = fc
  .tuple(
    fc.integer({ min: 1, max: 6 }),
    fc.integer({ min: 2, max: 60 }),
    fc.array(fc.constantFrom(0, 0, 1, 2, 3), { minLength: 6, maxLength: 6 }),
    fc.integer(),
  )
  .map(([p, n, patterns, seed]) => {
    const random = createRandom(seed);
    const masks = [0, 1, 2, 3].map((k) => Uint8Array.from({ length: n }, () => (k > 0 && random() < 0.2 ? 1 : 0)));
    masks[3] = (masks[1] as Uint8Array).map((m, i) => m | ((masks[2] as Uint8Array)[i] as number)); // a union
    return Array.from({ length: p }, (_, c) => {
      const mask = masks[patterns[c] ?? 0] as Uint8Array;
      const ties = c % 2 === 0;
      return Float64Array.from({ length: n }, (_, i) =>
        mask[i] === 1 ? (random() < 0.5 ? NaN : Infinity) : ties ? Math.floor(random() * 4) : random() * 1e3 - 500,
      );
    });
  });

describe('pairwise correlation matrices', () => {
  it('equal Pearson and Spearman computed pair by pair on copied rows', () => {
    fc.assert(
      fc.property(columnSets, (columns) => {
        const p = columns.length;
        const pearsonM = pearsonMatrix(columns);
        const orders = columns.map(rankOrder);
        const spearmanM = spearmanMatrix(columns, (c) => orders[c] as RankOrder);
        for (let i = 0; i < p; i++) {
          for (let j = i + 1; j < p; j++) {
            const x = columns[i] as Float64Array;
            const y = columns[j] as Float64Array;
            const pair = pairwiseComplete(x, y);
            expect(Object.is(pearsonM[i * p + j], pearson(pair.x, pair.y))).toBe(true);
            const keep = Uint8Array.from(x, (v, r) => (Number.isFinite(v) && Number.isFinite(y[r]) ? 1 : 0));
            const rho = pearson(subsetRanks(orders[i] as RankOrder, keep), subsetRanks(orders[j] as RankOrder, keep));
            expect(Object.is(spearmanM[i * p + j], rho)).toBe(true);
            expect(spearmanM[j * p + i]).toBe(spearmanM[i * p + j]);
          }
          expect(pearsonM[i * p + i]).toBe(1);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('merges missing-row lists', () => {
    expect(Array.from(unionRows(Int32Array.of(1, 4, 9), Int32Array.of(0, 4, 10)))).toEqual([0, 1, 4, 9, 10]);
    expect(Array.from(unionRows(Int32Array.of(), Int32Array.of(2)))).toEqual([2]);
  });

  it('η against several groupings at once equals η computed one by one', () => {
    fc.assert(
      fc.property(columnSets, fc.integer({ min: 1, max: 5 }), (columns, levels) => {
        const values = columns[0] as Float64Array;
        const complete = Int32Array.from(values, (_, i) => (i * 31) % levels);
        const other = Int32Array.from(values, (_, i) => (i * 7) % (levels + 1));
        const gappy = Int32Array.from(values, (_, i) => (i % 7 === 3 ? -1 : i % levels));
        const groupings = [complete, gappy, other].map((codes) => ({ codes, levels: levels + 1 }));
        const together = correlationRatios(groupings, values);
        groupings.forEach(({ codes }, g) => {
          expect(Object.is(together[g], correlationRatio(codes, levels + 1, values))).toBe(true);
        });
      }),
    );
  });
});

describe('sampleIndices', () => {
  it('chooses the rows Floyd’s algorithm with a Set chooses', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 0, max: 3000 }), fc.integer(), (n, k, seed) => {
        const random = createRandom(seed);
        const chosen = new Set<number>();
        for (let j = n - k; j < n; j++) {
          const t = Math.floor(random() * (j + 1));
          chosen.add(chosen.has(t) ? j : t);
        }
        const expected = k >= n ? Array.from({ length: n }, (_, i) => i) : [...chosen].sort((a, b) => a - b);
        expect(Array.from(sampleIndices(n, k, seed))).toEqual(expected);
      }),
    );
  });
});

/** A table of few distinct rows (so duplicates are common), with -0, NaN and missing codes. */
const smallTables = fc
  .tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 3 }), fc.integer())
  .map(([rows, levels, seed]): Table => {
    const random = createRandom(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    return {
      rowCount: rows,
      columns: [
        { name: 'n', kind: 'number', values: Float64Array.from({ length: rows }, () => pick([0, -0, NaN, 1.5])) },
        {
          name: 's',
          kind: 'string',
          codes: Int32Array.from({ length: rows }, () => Math.floor(random() * (levels + 1)) - 1),
          dictionary: ['a', 'b', 'c'],
          numericCells: 0,
        },
      ],
    };
  });

describe('duplicates and missing cells', () => {
  it('count duplicate rows like a dictionary of row texts', () => {
    fc.assert(
      fc.property(smallTables, (table) => {
        const seen = new Map<string, number>();
        let duplicates = 0;
        for (let r = 0; r < table.rowCount; r++) {
          const key = table.columns
            .map((c) => (c.kind === 'string' ? c.codes[r] : c.values[r] === 0 ? 0 : c.values[r]))
            .join('|');
          if (seen.has(key)) duplicates++;
          seen.set(key, (seen.get(key) ?? 0) + 1);
        }
        const result = findDuplicates(table);
        expect(result.duplicateRows).toBe(duplicates);
        expect(result.mostRepeated[0]?.occurrences ?? 0).toBe(Math.max(0, ...[...seen.values()].filter((c) => c > 1)));
        expect(findDuplicates(table, true).duplicateRows).toBe(0);
      }),
    );
  });

  it('count missing cells and rows with any missing cell', () => {
    fc.assert(
      fc.property(smallTables, (table) => {
        const [n, s] = table.columns;
        if (n?.kind !== 'number' || s?.kind !== 'string') throw new Error('unexpected table');
        const readings = [
          { kind: 'numeric', values: n.values, unparseable: 0 },
          { kind: 'coded', codes: s.codes, dictionary: s.dictionary, unparseable: 0 },
        ] as const;
        const summary = summarizeMissing(['n', 's'], readings, table.rowCount);
        let cells = 0;
        let rowsWithMissing = 0;
        for (let r = 0; r < table.rowCount; r++) {
          const missing = Number(Number.isNaN(n.values[r])) + Number((s.codes[r] as number) < 0);
          cells += missing;
          rowsWithMissing += missing > 0 ? 1 : 0;
        }
        expect(summary.cells).toBe(cells);
        expect(summary.rowsWithMissing).toBe(rowsWithMissing);
        // Vouching for the columns that really are complete skips their scan, not their count.
        const isComplete = [!n.values.some(Number.isNaN), !s.codes.some((c) => c < 0)];
        expect(summarizeMissing(['n', 's'], readings, table.rowCount, isComplete)).toEqual(summary);
      }),
    );
  });
});
