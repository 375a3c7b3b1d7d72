/*
 * Counted columns that are never written out (CountedSorted): every position must read as the
 * sorted array holds it (Object.is, so -0 and 0 differ), and every statistic, histogram, box,
 * outlier count and placeholder read through it must equal the one read from the array, exactly.
 * The cases cover slots counted past 255 (carries), long empty stretches of slots, -0 among many
 * zeros, negative values, and sums too large to be exact (the view is then written out for them).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findOutliers, boxSummary } from '../../src/core/profile/outliers.ts';
import { findPlaceholder } from '../../src/core/profile/placeholders.ts';
import {
  CountedSorted,
  countSorted,
  guessDecimalScale,
  primeCountingSort,
  primingInputs,
} from '../../src/core/stats/counting-sort.ts';
import { histogramSorted } from '../../src/core/stats/histogram.ts';
import { sortedFinite, sortedFiniteValues, statsOfSorted } from '../../src/core/stats/numeric-stats.ts';
import { createRandom } from '../../src/core/stats/random.ts';
import { RADIX_MIN_LENGTH } from '../../src/core/stats/sort.ts';

function generated(length: number, seed: number, make: (r: number, i: number) => number): Float64Array {
  const random = createRandom(seed);
  return Float64Array.from({ length }, (_, i) => make(random(), i));
}

const n = RADIX_MIN_LENGTH * 3;
const cases: Record<string, Float64Array> = {
  'two decimals around zero, with -0 and missing cells': generated(n, 2, (r, i) =>
    i % 97 === 0 ? -0 : i % 89 === 0 ? NaN : Math.round((r - 0.5) * 2000) / 100,
  ),
  'six decimals, nearly all distinct': generated(n, 3, (r) => Math.round(r * 2e4) / 1e6),
  // A few values repeated past 255 and 511 times: their slots carry.
  'heavy ties (carries)': generated(n, 4, (r, i) => (i % 3 === 0 ? 7 : i % 5 === 0 ? -2 : Math.floor(r * 40))),
  'many zeros, -0 among them': generated(n, 5, (r, i) => (i % 2 === 0 ? 0 : i % 7 === 0 ? -0 : Math.floor(r * 9))),
  // Two clusters far apart: thousands of empty blocks of slots between them.
  'sparse slots with placeholders': generated(n, 6, (r, i) =>
    i % 50 === 0 ? -999 : i % 61 === 0 ? 9999 : r < 0.5 ? Math.floor(r * 100) : 20000 + Math.floor(r * 100),
  ),
  // n · |m| ≥ 2^53: the sums cannot be exact, so the statistics write the values out.
  'magnitudes beyond exact sums': generated(n, 7, (r) => 2 ** 41 + Math.floor(r * 2 * n)),
};

function viewOf(values: Float64Array): { view: CountedSorted; array: Float64Array } {
  const { sorted } = sortedFiniteValues(values);
  if (!(sorted instanceof CountedSorted)) throw new Error('expected a counted view');
  return { view: sorted, array: sortedFinite(values).sorted };
}

describe('CountedSorted', () => {
  it.each(Object.entries(cases))('reads every position of %s as the sorted array', (_, values) => {
    const { view, array } = viewOf(values);
    expect(view.length).toBe(array.length);
    const differing = Array.from(array.keys()).filter((i) => !Object.is(view.at(i), array[i]));
    expect(differing).toEqual([]);
    expect([view.at(-1), view.at(view.length)]).toEqual([NaN, NaN]);
    const written = view.toArray();
    expect(Array.from(written.keys()).filter((i) => !Object.is(written[i], array[i]))).toEqual([]);
  });

  it.each(Object.entries(cases))('gives %s the statistics of the sorted array, exactly', (_, values) => {
    const { view, array } = viewOf(values);
    const { infinite, sums } = sortedFinite(values);
    const stats = statsOfSorted(array, infinite, sums);
    expect(statsOfSorted(view, infinite)).toEqual(stats);
    expect(histogramSorted(view, stats.iqr)).toEqual(histogramSorted(array, stats.iqr));
    expect(boxSummary(view, stats)).toEqual(boxSummary(array, stats));
    expect(findOutliers(values, stats, view)).toEqual(findOutliers(values, stats, array));
    expect(findOutliers(values, stats, view)).toEqual(findOutliers(values, stats)); // the row scan
    expect(findPlaceholder(view, () => values, false)).toEqual(findPlaceholder(array, () => values, false));
  });

  it('puts the whiskers on values that lie exactly on the fences (hand-checked)', () => {
    // Nine values: q25 = x[2] = 2, q75 = x[6] = 6, IQR 4, fences -4 and 12, both taken by a value.
    const sorted = Float64Array.of(-4, 1, 2, 3, 4, 5, 6, 12, 13);
    const stats = statsOfSorted(sorted);
    expect([stats.q25, stats.q75]).toEqual([2, 6]);
    expect(boxSummary(sorted, stats)).toMatchObject({ lowerWhisker: -4, upperWhisker: 12 });
    expect(findOutliers(sorted, stats, sorted).tukeyCount).toBe(1); // 13 alone is strictly outside
    expect(boxSummary(Float64Array.of(), statsOfSorted(Float64Array.of()))).toMatchObject({
      lowerWhisker: NaN,
      upperWhisker: NaN,
    });
  });

  it('knows when its sums cannot be exact', () => {
    expect(viewOf(cases['magnitudes beyond exact sums'] as Float64Array).view.sums).toBeUndefined();
    expect(viewOf(cases['heavy ties (carries)'] as Float64Array).view.sums).toBeDefined();
  });

  it('reads any small set of eighths as the native sort orders it', () => {
    const eighths = fc.array(
      fc.integer({ min: -4000, max: 4000 }).map((k) => k / 8),
      { minLength: 1, maxLength: 300 },
    );
    fc.assert(
      fc.property(eighths, fc.integer({ min: 1, max: 600 }), (xs, repeat) => {
        // One value repeated up to 600 times, so that some slots carry.
        const values = Float64Array.from([...xs, ...Array.from({ length: repeat }, () => xs[0] as number)]);
        const low = Math.round(Math.min(...values) * 1000);
        const slots = Math.round(Math.max(...values) * 1000) - low + 1;
        const view = countSorted(values, 1000, low, new Uint8Array(slots));
        if (view === false) return false;
        const sorted = values.slice().sort();
        return Array.from(sorted.keys()).every((i) => Object.is(view.at(i), sorted[i]));
      }),
    );
  });

  // The priming only helps if its inputs bring every kind of value the kernels meet in a table.
  it('primes the counting kernels on every kind of value they meet', () => {
    const counted = (values: Float64Array): CountedSorted | false => {
      const scale = guessDecimalScale(values);
      const scaled = Array.from(values, (v) => Math.round(v * scale));
      const low = Math.min(...scaled);
      return countSorted(values, scale, low, new Uint8Array(Math.max(...scaled) - low + 1));
    };
    const [small, large, decimals, unreadable] = primingInputs() as [
      Float64Array,
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    const smallView = counted(small);
    if (smallView === false) throw new Error('the small whole numbers were not counted');
    // 299 of -1, a -0 and 299 of 0, 300 of 1: every slot carries; the -0 sorts before the zeros.
    expect([smallView.at(298), smallView.at(299), smallView.at(300)]).toEqual([-1, -0, 0]);
    expect(Object.is(smallView.at(299), -0)).toBe(true);
    const largeView = counted(large);
    expect(largeView !== false && (largeView.sums?.sum ?? 0) > 2 ** 31).toBe(true);
    expect(guessDecimalScale(decimals)).toBe(100);
    expect(counted(decimals)).toBeInstanceOf(CountedSorted);
    expect(guessDecimalScale(unreadable)).toBe(10);
    expect(counted(unreadable)).toBe(false);
    expect(() => primeCountingSort()).not.toThrow();
  });
});
