/*
 * Placeholders are counted on the sorted values by binary search; a brute-force count over the
 * rows (most frequent, ties to the first seen) must agree, ties and dates included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SENTINEL_DATES, SENTINEL_NUMBERS } from '../../src/core/profile/alert-rules.ts';
import { findPlaceholder } from '../../src/core/profile/placeholders.ts';

/* Row by row; a target whose value − step and value + step both occur is part of a run, not a placeholder. */
function bruteForce(
  values: Float64Array,
  targets: readonly number[],
  step = 1,
): { value: number; cells: number } | undefined {
  const counts = new Map<number, number>();
  const first = new Map<number, number>();
  const present = new Set(values);
  values.forEach((v, row) => {
    if (!targets.includes(v) || (present.has(v - step) && present.has(v + step))) return;
    counts.set(v, (counts.get(v) ?? 0) + 1);
    if (!first.has(v)) first.set(v, row);
  });
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (first.get(a[0]) ?? 0) - (first.get(b[0]) ?? 0));
  const top = ranked[0];
  return top === undefined ? undefined : { value: top[0], cells: top[1] };
}

const sortedFinite = (values: Float64Array): Float64Array => values.filter((v) => Number.isFinite(v)).sort();

describe('findPlaceholder', () => {
  it('equals a count over the rows, ties going to the first seen', () => {
    const cell = fc.oneof(
      fc.constantFrom(...SENTINEL_NUMBERS),
      fc.constantFrom(...SENTINEL_NUMBERS.flatMap((v) => [v - 1, v + 1])),
      fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 1),
      fc.integer({ min: -1_000_000, max: 1_000_000 }),
    );
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 60 }), (cells) => {
        const values = Float64Array.from(cells);
        expect(findPlaceholder(sortedFinite(values), () => values, false)).toEqual(
          bruteForce(values, SENTINEL_NUMBERS),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('breaks a tie by row order, and reads dates as their placeholder days', () => {
    const values = Float64Array.of(5, 9999, -999, 9999, -999, 7);
    expect(findPlaceholder(sortedFinite(values), () => values, false)).toEqual({ value: 9999, cells: 2 });
    const reversed = values.slice().reverse();
    expect(findPlaceholder(sortedFinite(reversed), () => reversed, false)).toEqual({ value: -999, cells: 2 });
    const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
    const dates = Float64Array.of(
      day('2024-05-01'),
      day(SENTINEL_DATES[0] ?? ''),
      day('1970-01-01'),
      day('1970-01-01'),
    );
    expect(findPlaceholder(sortedFinite(dates), () => dates, true)).toEqual({ value: 0, cells: 2 });
    expect(findPlaceholder(sortedFinite(Float64Array.of(1, 2)), () => Float64Array.of(1, 2), false)).toBeUndefined();
  });

  it('sees no placeholder inside a run of consecutive values: an id column, a daily series', () => {
    const ids = Float64Array.from({ length: 20_000 }, (_, i) => i);
    expect(findPlaceholder(ids, () => ids, false)).toBeUndefined();
    const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
    const days = Float64Array.from({ length: 40 }, (_, i) => day('1969-12-12') + i * 86_400_000);
    expect(findPlaceholder(days, () => days, true)).toBeUndefined();
    const ages = Float64Array.of(23, 45, 998, 999); // 999 without 1000: still a placeholder
    expect(findPlaceholder(ages, () => ages, false)).toEqual({ value: 999, cells: 1 });
  });
});
