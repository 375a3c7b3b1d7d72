import { describe, expect, it } from 'vitest';
import {
  computeNumericStats,
  sortedFinite,
  statsOfSorted,
  type NumericStats,
} from '../../src/core/stats/numeric-stats.ts';
import { createRandom } from '../../src/core/stats/random.ts';
import { RADIX_MIN_LENGTH } from '../../src/core/stats/sort.ts';
import { quantileSorted } from '../../src/core/stats/quantiles.ts';
import { ingestReferenceCsv, loadReference, relativeError, type Json } from './reference.ts';

const f64 = (values: number[]): Float64Array => Float64Array.from(values);

describe('computeNumericStats, hand-checked', () => {
  it('describes 1, 2, 3, 4 with a missing cell and an infinity', () => {
    const s = computeNumericStats(f64([4, NaN, 1, 3, Infinity, 2]));
    // mean 2.5; squared deviations 2.25+0.25+0.25+2.25 = 5 → var 5/3; quantiles h = 3p.
    expect(s).toMatchObject({ count: 4, infinite: 1, distinct: 4, sum: 10, mean: 2.5, min: 1, max: 4 });
    expect(s.var).toBeCloseTo(5 / 3, 15);
    [1.15, 1.75, 2.5, 3.25, 3.85].forEach((q, i) =>
      expect([s.q05, s.q25, s.median, s.q75, s.q95][i]).toBeCloseTo(q, 14),
    );
    expect(s.iqr).toBe(1.5);
    expect(s.mad).toBe(1); // |x − 2.5| = 1.5, 0.5, 0.5, 1.5 → median 1
    expect(s.skewness).toBe(0);
    expect(s.kurtosis).toBeCloseTo(-1.2, 12); // G2 of 4 equally spaced points
  });

  it('counts zeros and negatives, -0 and 0 as one distinct value', () => {
    const s = computeNumericStats(f64([0, -0, -1, -2, 5]));
    expect(s).toMatchObject({ zeros: 2, negatives: 2, distinct: 4 });
  });

  it('returns NaN where a statistic is undefined', () => {
    expect(computeNumericStats(f64([])).mean).toBeNaN();
    const one = computeNumericStats(f64([3]));
    expect([one.var, one.skewness, one.kurtosis]).toEqual([NaN, NaN, NaN]);
    expect(computeNumericStats(f64([0, 0])).cv).toBeNaN();
  });

  it('keeps small noise on a large offset, and survives 1e300 and 1e-300', () => {
    const values = [1e9 + 0.001, 1e9 - 0.001, 1e9 + 0.002, 1e9 - 0.002];
    // x − 1e9 is exact for these doubles (Sterbenz), so the reference variance is computed exactly.
    const deviations = values.map((v) => v - 1e9);
    const mean = deviations.reduce((a, b) => a + b) / 4;
    const exactVar = deviations.reduce((a, d) => a + (d - mean) ** 2, 0) / 3;
    const noisy = computeNumericStats(f64(values));
    expect(relativeError(noisy.var, exactVar)).toBeLessThan(1e-9);
    const huge = computeNumericStats(f64([1e300, 2e300, 3e300]));
    expect(huge.mean).toBe(2e300);
    expect(huge.skewness).toBe(0);
    expect(huge.var).toBe(Infinity); // 1e600 does not fit a double
    const tiny = computeNumericStats(f64([1e-300, 2e-300, 4e-300]));
    expect(tiny.skewness).toBeCloseTo(computeNumericStats(f64([1, 2, 4])).skewness, 12);
  });

  it('interpolates quantiles like numpy, from the nearer end', () => {
    const sorted = f64([0.1, 0.2, 0.7]);
    const h = 2 * 0.95;
    expect(quantileSorted(sorted, 0.95)).toBe(0.7 - (0.7 - 0.2) * (1 - (h - 1))); // from b, as t ≥ 0.5
    expect(quantileSorted(sorted, 0.05)).toBe(0.1 + (0.2 - 0.1) * 0.1);
  });
});

const EXACT_FIELDS = [
  'count',
  'distinct',
  'zeros',
  'negatives',
  'min',
  'max',
  'q05',
  'q25',
  'median',
  'q75',
  'q95',
  'iqr',
  'mad',
] as const;
const MOMENT_FIELDS = ['sum', 'mean', 'var', 'std', 'cv'] as const;

/*
 * A counting sort (fixed decimals in a narrow range) hands the statistics its sums over the
 * distinct values: an exact sum of the scaled integers, and each moment term once per value times
 * its count. Checked against exact values, and against the passes over the sorted values.
 */
/*
 * Moments about a mean that a double cannot hold. References: Python's fractions.Fraction on the
 * same doubles (the generating expressions give the same doubles in Python and JavaScript): exact
 * central sums, rounded once; G1 = n√(n−1)/(n−2)·m3/m2^1.5 and G2 as pandas defines them.
 */
describe('moments about the exact mean', () => {
  const expectMoments = (values: number[], variance: number, skewness: number, kurtosis: number): void => {
    const stats = computeNumericStats(Float64Array.from(values));
    expect(relativeError(stats.var, variance), 'var').toBeLessThan(1e-9);
    expect(relativeError(stats.skewness, skewness), 'skewness').toBeLessThan(1e-9);
    expect(relativeError(stats.kurtosis, kurtosis), 'kurtosis').toBeLessThan(1e-9);
  };

  it('1e16 + even integers: the mean 1e16 + 9.6 is held as 1e16 + 10', () => {
    const values = [0, 1, 1, 2, 3, 5, 8, 9, 9, 10].map((k) => 1e16 + 2 * k);
    expectMoments(values, 60.266666666666666, 0.17441121263101841, -1.9566220645984136);
  });

  it('1e9 + cents, counted (5,000 values): the same from the counting sort’s walk', () => {
    const values = Array.from({ length: 5000 }, (_, i) => 1e9 + ((i * 37) % 301) / 100);
    expect(sortedFinite(Float64Array.from(values)).sums).toBeDefined();
    expectMoments(values, 0.7552361470871558, 0.0010009917564413142, -1.199822852897388);
  });

  it('0.1 + a few ulps: a range of 2e-15', () => {
    const values = Array.from({ length: 60 }, (_, i) => 0.1 + ([0, 1, 2, 2][i % 4] as number) * 1e-15);
    expectMoments(values, 6.980353547589263e-31, -0.5061242134043731, -1.3864098833575818);
  });

  it('a constant column whose mean is one ulp off has no spread, skewness or kurtosis', () => {
    const stats = computeNumericStats(new Float64Array(11).fill(237.96463));
    expect([stats.var, stats.std, stats.skewness, stats.kurtosis]).toEqual([0, 0, 0, 0]);
  });

  it('1e300-sized values keep their std (their variance is past the largest double)', () => {
    const stats = computeNumericStats(Float64Array.from([1.5e300, -2.5e300, 3.25e300, 0.5e300]));
    // numpy: np.std([1.5, -2.5, 3.25, 0.5], ddof=1) * 1e300, and the same with 1e-300.
    expect(relativeError(stats.std, 2.4098322901535423e300)).toBeLessThan(1e-12);
    const tiny = computeNumericStats(Float64Array.from([1.5e-300, -2.5e-300, 3.25e-300, 0.5e-300]));
    expect(relativeError(tiny.std, 2.4098322901535424e-300)).toBeLessThan(1e-12);
  });
});

describe('statistics from a counting sort’s sums', () => {
  const MOMENT_FIELDS = ['skewness', 'kurtosis'] as const;
  const OTHER_FIELDS = ['sum', 'mean', 'var', 'std', 'cv'] as const;

  it('describes the digits 0–9, 10,000 times each, as exact arithmetic does', () => {
    const values = Float64Array.from({ length: 100_000 }, (_, i) => (i * 7) % 10);
    const { sorted, infinite, sums } = sortedFinite(values);
    expect(sums).toBeDefined(); // the counting path
    const s = statsOfSorted(sorted, infinite, sums);
    expect(s).toMatchObject({ count: 100_000, distinct: 10, sum: 450_000, mean: 4.5 });
    // Σ(x − 4.5)² = 10,000 · 82.5 and Σ(x − 4.5)⁴ = 10,000 · 1,208.625, exactly.
    const [n, m2, m4] = [100_000, 825_000, 12_086_250];
    expect(relativeError(s.var, m2 / (n - 1))).toBeLessThan(1e-15);
    const kurtosis =
      (n * (n + 1) * (n - 1) * m4) / ((n - 2) * (n - 3) * m2 * m2) - (3 * (n - 1) ** 2) / ((n - 2) * (n - 3));
    expect(Math.abs(s.kurtosis - kurtosis)).toBeLessThan(1e-13);
    expect(Math.abs(s.skewness)).toBeLessThan(1e-15); // symmetric
  });

  it('sums fixed decimals exactly, where adding the doubles one by one drifts', () => {
    // 0.1 is not a double: 300,000 additions of it drift, the scaled integers do not.
    const values = Float64Array.from({ length: 300_000 }, (_, i) => [0.1, 0.2, 0.3][i % 3] as number);
    const { sorted, sums } = sortedFinite(values);
    expect(sums?.sum).toBe(60_000);
    expect(statsOfSorted(sorted, 0, sums).mean).toBe(0.2);
  });

  it('agree with the passes over the sorted values', () => {
    const random = createRandom(5);
    const n = RADIX_MIN_LENGTH * 3;
    const sets = [
      Float64Array.from({ length: n }, () => Math.round((random() - 0.5) * 1e4) / 100), // two decimals, ±50
      Float64Array.from({ length: n }, () => Math.round(random() * 1e4) / 1e3), // three decimals
      Float64Array.from({ length: n }, (_, i) => (i % 97 === 0 ? -0 : Math.floor(random() * 50) - 20)), // -0 too
    ];
    for (const values of sets) {
      const { sorted, infinite, sums } = sortedFinite(values);
      expect(sums).toBeDefined();
      const fromSums = statsOfSorted(sorted, infinite, sums);
      const byPasses = statsOfSorted(sorted, infinite);
      expect(fromSums.distinct).toBe(byPasses.distinct);
      for (const field of OTHER_FIELDS) expect(relativeError(fromSums[field], byPasses[field])).toBeLessThan(1e-12);
      for (const field of MOMENT_FIELDS) expect(Math.abs(fromSums[field] - byPasses[field])).toBeLessThan(1e-9);
    }
  });
});

describe.each(['stats-small', 'stats-mixed'])('computeNumericStats against pandas on %s', (dataset) => {
  const reference = loadReference(dataset);
  const columns = reference.columns as Record<string, Json>;
  const numeric = Object.entries(columns).filter(([, c]) => c.kind === 'numeric');

  it.each(numeric)('%s', async (name, expected) => {
    const { table } = await ingestReferenceCsv(dataset);
    const column = table.columns.find((c) => c.name === name);
    if (column?.kind !== 'number') throw new Error(`${name} is not numeric`);
    const actual: NumericStats = computeNumericStats(column.values);
    expect(table.rowCount - actual.count).toBe(expected.missing);
    for (const field of EXACT_FIELDS) expect(actual[field], field).toBe(expected[field]);
    for (const field of MOMENT_FIELDS) {
      expect(relativeError(actual[field], expected[field] as number), field).toBeLessThan(1e-9);
    }
    // pandas zeroes skew/kurt when Σ(x−mean)² < 1e-14 (tiny-scale columns); we report the true,
    // scale-invariant value, which the reference gives as skewnessFormula / kurtosisFormula.
    const skew = (expected.skewnessFormula ?? expected.skewness) as number | null;
    const kurt = (expected.kurtosisFormula ?? expected.kurtosis) as number | null;
    if (skew === null) expect(actual.skewness === 0 || Number.isNaN(actual.skewness)).toBe(true);
    else expect(relativeError(actual.skewness, skew), 'skewness').toBeLessThan(1e-9);
    if (kurt === null) expect(actual.kurtosis === 0 || Number.isNaN(actual.kurtosis)).toBe(true);
    else expect(relativeError(actual.kurtosis, kurt), 'kurtosis').toBeLessThan(1e-9);
  });
});
