/*
 * The profile tells the correlation matrices which columns are complete (no NaN, no ±Infinity), so
 * those are not scanned for missing rows: the matrices must not change, bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/core/stats/random.ts';
import { pearsonMatrix, spearmanMatrix } from '../../src/core/stats/pairwise.ts';
import { rankOrder } from '../../src/core/stats/ranks.ts';

const sameBits = (a: Float64Array, b: Float64Array): boolean =>
  a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

describe('correlation matrices with completeness hints', () => {
  it('equal the matrices that scan every column', () => {
    const random = createRandom(7);
    const rows = 3000;
    const gaps = [0, 0.05, 0, 0.2, 0];
    const columns = gaps.map((gap) =>
      Float64Array.from({ length: rows }, () => (random() < gap ? NaN : Math.round(random() * 1000) / 10)),
    );
    columns.push(Float64Array.from(columns[0] as Float64Array, (v, i) => (i === 5 ? Infinity : v * 2)));
    const isComplete = columns.map((c) => c.every((v) => Number.isFinite(v)));
    expect(isComplete).toEqual([true, false, true, false, true, false]);
    expect(sameBits(pearsonMatrix(columns, isComplete), pearsonMatrix(columns))).toBe(true);
    const orders = columns.map((c) => rankOrder(c));
    const order = (c: number) => orders[c] as ReturnType<typeof rankOrder>;
    expect(sameBits(spearmanMatrix(columns, order, isComplete), spearmanMatrix(columns, order))).toBe(true);
  });
});

describe('Pearson about the exact means', () => {
  it('1e16 + even integers against a column with a missing row: the kept rows’ spread is recomputed exactly', () => {
    const k = [0, 1, 1, 2, 3, 5, 8, 9, 9, 10, 4, 6]; // kept mean 1e16 + 9.82, held as 1e16 + 10
    const x = Float64Array.from(k, (v) => 1e16 + 2 * v);
    const y = Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, NaN, 8]);
    // numpy: np.corrcoef(2k, y) over the rows where y is present (the same value by Fraction sums).
    const r = pearsonMatrix([x, y])[1] as number;
    expect(Math.abs(r - 0.2986308948225887)).toBeLessThan(1e-12);
  });
});
