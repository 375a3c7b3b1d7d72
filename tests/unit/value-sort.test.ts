/*
 * The value sort's paths beyond the palette cases of fast-stats.test.ts: fixed-decimal columns
 * sorted by counting at a power-of-ten scale, and the radix sort's runs of values that share their
 * high word (short runs by insertion, medium ones natively, long ones by two more passes). Each is
 * compared with the native sort bit for bit (Object.is, so -0 and 0 differ).
 */
import { describe, expect, it } from 'vitest';
import { countSorted, guessDecimalScale } from '../../src/core/stats/counting-sort.ts';
import { sortedFinite } from '../../src/core/stats/numeric-stats.ts';
import { createRandom } from '../../src/core/stats/random.ts';
import { argsortFloat64 } from '../../src/core/stats/argsort.ts';
import { RADIX_MIN_LENGTH, sortFloat64 } from '../../src/core/stats/sort.ts';

const sameBits = (a: ArrayLike<number>, b: ArrayLike<number>): boolean =>
  a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

function generated(length: number, seed: number, make: (r: number, i: number) => number): Float64Array {
  const random = createRandom(seed);
  return Float64Array.from({ length }, (_, i) => make(random(), i));
}

const n = RADIX_MIN_LENGTH * 3;
const cases: Record<string, Float64Array> = {
  'three decimals': generated(n, 1, (r) => Math.round(r * 100_000) / 1000),
  'two decimals around zero, with -0': generated(n, 2, (r, i) =>
    i % 97 === 0 ? -0 : Math.round((r - 0.5) * 2000) / 100,
  ),
  'six decimals': generated(n, 3, (r) => Math.round(r * 1e6) / 1e6),
  'decimals too wide to count': generated(n, 4, (r) => Math.round(r * 1e9) / 1e3),
  'one stray full-precision value': generated(n, 5, (r, i) => (i === n - 1 ? Math.PI : Math.round(r * 1000) / 100)),
  'long runs sharing the high word': generated(n, 6, (r) => 1e6 + r),
  'long negative runs sharing the high word': generated(n, 7, (r) => -1e6 - r),
  'medium runs': generated(n, 8, (r) => 1e6 + Math.floor(r * 64) * 0.5 + r * 1e-7),
  'short runs and ties': generated(n, 9, (r, i) => 1 + Math.floor(r * 2000) * 2 ** -18 + (i % 5) * 2 ** -40),
  'mixed signs and magnitudes': generated(n, 10, (r, i) => (i % 2 === 0 ? -1 : 1) * r * 10 ** ((i % 40) - 20)),
};

describe('sortFloat64 beyond the palettes', () => {
  it.each(Object.entries(cases))('orders %s exactly as the native sort', (_, values) => {
    expect(sameBits(sortFloat64(values.slice()), values.slice().sort())).toBe(true);
  });

  it('sortedFinite skips NaN and counts infinities on the counting path', () => {
    const values = generated(n, 11, (r, i) =>
      i % 10 === 0 ? NaN : i % 13 === 0 ? -Infinity : Math.round(r * 1e4) / 100,
    );
    const { sorted, infinite } = sortedFinite(values);
    const expected = values.filter((v) => Number.isFinite(v)).sort();
    expect(sameBits(sorted, expected)).toBe(true);
    expect(infinite).toBe(values.filter((v) => v === -Infinity).length);
  });
});

describe('decimal scales', () => {
  it('guesses the power of ten the first values need, 0 beyond eight decimals', () => {
    expect(guessDecimalScale(Float64Array.of(1, 2.5, 3.25))).toBe(100);
    expect(guessDecimalScale(Float64Array.of(7, -3, 0))).toBe(1);
    expect(guessDecimalScale(Float64Array.of(0.1, Math.PI))).toBe(0);
  });

  /* Sorts by counting in place; false (values untouched) when a value does not read back. */
  const sortByCounting = (values: Float64Array, scale: number, low: number, counts: Uint8Array): boolean => {
    const counted = countSorted(values, scale, low, counts);
    if (counted !== false) counted.toArray(values);
    return counted !== false;
  };

  it('sorts by counting at a scale only when every value reads back exactly', () => {
    const values = Float64Array.of(0.1, 0.25, -3.75); // scaled by 100: -375 … 25
    expect(sortByCounting(values, 100, -375, new Uint8Array(401))).toBe(true);
    expect(Array.from(values)).toEqual([-3.75, 0.1, 0.25]);
    const unsorted = Float64Array.of(0.125, 0.1);
    expect(sortByCounting(unsorted, 100, 10, new Uint8Array(4))).toBe(false);
    expect(Array.from(unsorted)).toEqual([0.125, 0.1]); // untouched
    expect(sortByCounting(Float64Array.of(5e-324), 1e8, 0, new Uint8Array(1))).toBe(false);
  });
});

describe('argsortFloat64 on fixed decimals (32-bit scaled keys)', () => {
  it('gives the stable order of a comparison sort, -0 tied with 0, NaN rows last', () => {
    const values = generated(n, 12, (r, i) =>
      i % 31 === 0 ? NaN : i % 17 === 0 ? -0 : Math.round((r - 0.5) * 400) / 100,
    );
    const rows = Array.from(values.keys());
    const finite = rows.filter((i) => !Number.isNaN(values[i]));
    const nan = rows.filter((i) => Number.isNaN(values[i]));
    finite.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
    expect(Array.from(argsortFloat64(values))).toEqual([...finite, ...nan]);
  });
});
