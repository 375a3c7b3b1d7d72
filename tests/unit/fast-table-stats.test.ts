/*
 * The table-level fast paths of the profile (correlation matrices grouped by shared missing rows,
 * byte-map sampling, column-wise duplicate hashing, missing cells) against the pair-by-pair and
 * row-by-row algorithms they replaced: equal results, bit for bit, on random tables with missing
 * cells, ±Infinity, ties and repeated rows. η by crossed groupings sums in another order than
 * level by level: equal within 1e-12.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicates } from '../../src/core/profile/duplicates.ts';
import { profileTable } from '../../src/core/profile/profile.ts';
import { readDatetime, type ColumnReading } from '../../src/core/profile/column-reading.ts';
import { summarizeMissing } from '../../src/core/profile/missing.ts';
import {
  blockContingency,
  contingency,
  cramersV,
  correlationRatio,
  correlationRatios,
  crossGroupings,
  pairwiseComplete,
  pearson,
} from '../../src/core/stats/correlation.ts';
import { computeNumericStats } from '../../src/core/stats/numeric-stats.ts';
import type { KnownSpread } from '../../src/core/stats/kept-spreads.ts';
import { pearsonMatrix, spearmanMatrix, unionRows } from '../../src/core/stats/pairwise.ts';
import { createRandom, sampleIndices } from '../../src/core/stats/random.ts';
import { rankOrder, subsetRanks, type RankOrder } from '../../src/core/stats/ranks.ts';
import type { Table } from '../../src/core/table.ts';

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

/** Levels of a grouping too wide to share a block of cells with three small ones. */
const WIDE_LEVELS = 3000;

/** η as defined: level means and two passes over the rows with a code and a finite value. */
function referenceEta(codes: Int32Array, levels: number, values: Float64Array): number {
  const rows = Array.from(codes.keys()).filter((i) => (codes[i] as number) >= 0 && Number.isFinite(values[i]));
  if (rows.length === 0) return NaN;
  const mean = rows.reduce((s, i) => s + (values[i] as number), 0) / rows.length;
  const ssTotal = rows.reduce((s, i) => s + ((values[i] as number) - mean) ** 2, 0);
  const sums = new Array<number>(levels).fill(0);
  const counts = new Array<number>(levels).fill(0);
  for (const i of rows) {
    sums[codes[i] as number] = (sums[codes[i] as number] as number) + (values[i] as number);
    counts[codes[i] as number] = (counts[codes[i] as number] as number) + 1;
  }
  const ssBetween = counts.reduce((s, c, l) => (c > 0 ? s + c * ((sums[l] as number) / c - mean) ** 2 : s), 0);
  return ssTotal === 0 ? NaN : Math.sqrt(Math.min(1, ssBetween / ssTotal));
}

/** Equal within 1e-12 (correlations and η lie in [-1, 1]), or both NaN. */
function expectClose(actual: number, expected: number): void {
  if (Number.isNaN(expected)) expect(actual).toBeNaN();
  else expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12);
}

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

  it('equal Pearson on copied rows within 1e-12 when the columns’ whole spreads are known', () => {
    const spreadOf = (values: Float64Array): KnownSpread | undefined => {
      const s = computeNumericStats(values);
      return s.count >= 2 ? { n: s.count, mean: s.mean, sxx: s.var * (s.count - 1) } : undefined;
    };
    // Kept rows almost constant, the excluded ones far off: deriving would cancel, so it recomputes.
    const lopsided = [
      Float64Array.from({ length: 40 }, (_, i) => (i < 4 ? 1e6 * (i + 1) : 1 + (i % 2) * 1e-9)),
      Float64Array.from({ length: 40 }, (_, i) => (i < 4 ? NaN : i)),
    ];
    // A large offset: the whole mean's rounding error matters when deriving, so it recomputes.
    const offset = [
      Float64Array.from({ length: 500 }, (_, i) => 1e9 + ((i * 37) % 101) / 32),
      Float64Array.from({ length: 500 }, (_, i) => (i % 25 === 0 ? NaN : Math.sin(i))),
    ];
    fc.assert(
      fc.property(fc.oneof(columnSets, fc.constant(lopsided), fc.constant(offset)), (columns) => {
        const p = columns.length;
        const derived = pearsonMatrix(columns, [], columns.map(spreadOf));
        for (let i = 0; i < p; i++) {
          for (let j = i + 1; j < p; j++) {
            const pair = pairwiseComplete(columns[i] as Float64Array, columns[j] as Float64Array);
            expectClose(derived[i * p + j] as number, pearson(pair.x, pair.y));
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("gives Cramér's V from the crossed blocks, and from the codes for a pair split across blocks", async () => {
    // Three columns of 100 levels: 101³ cells exceed a block, so the third is crossed in a block of its own.
    const rows = 3000;
    const random = createRandom(11);
    const dictionary = Array.from({ length: 100 }, (_, i) => `level ${i}`);
    const columns = [7, 13, 0].map((step, c) => ({
      kind: 'string' as const,
      name: `cat${c}`,
      codes: Int32Array.from({ length: rows }, (_, i) =>
        i % 17 === c ? -1 : step === 0 ? Math.floor(random() * 100) : (i * step + Math.floor(random() * 3)) % 100,
      ),
      dictionary,
      numericCells: 0,
    }));
    const { correlations } = await profileTable(
      { rowCount: rows, columns },
      { format: { decimal: '.', thousands: '' } },
    );
    expect(correlations.categorical.columns).toEqual(['cat0', 'cat1', 'cat2']);
    for (let i = 0; i < 3; i++) {
      for (let j = i + 1; j < 3; j++) {
        const [a, b] = [columns[i]?.codes as Int32Array, columns[j]?.codes as Int32Array];
        const { table, n } = contingency(a, b, 100, 100);
        expect(correlations.categorical.cramersV[i]?.[j]).toBe(cramersV(table, 100, 100, n));
      }
    }
  });

  it('merges missing-row lists', () => {
    expect(Array.from(unionRows(Int32Array.of(1, 4, 9), Int32Array.of(0, 4, 10)))).toEqual([0, 1, 4, 9, 10]);
    expect(Array.from(unionRows(Int32Array.of(), Int32Array.of(2)))).toEqual([2]);
  });

  it('η by crossed groupings equals η level by level (within 1e-12), blocks and known SS_total included', () => {
    fc.assert(
      fc.property(columnSets, fc.integer({ min: 1, max: 5 }), (columns, levels) => {
        const values = columns[0] as Float64Array;
        const complete = Int32Array.from(values, (_, i) => (i * 31) % levels);
        const other = Int32Array.from(values, (_, i) => (i * 7) % (levels + 1));
        const gappy = Int32Array.from(values, (_, i) => (i % 7 === 3 ? -1 : i % levels));
        const wide = Int32Array.from(values, (_, i) => (i * 13) % WIDE_LEVELS); // crosses into a second block
        const groupings = [complete, gappy, other, wide].map((codes, g) => ({
          codes,
          levels: g === 3 ? WIDE_LEVELS : levels + 1,
        }));
        const blocks = crossGroupings(groupings, values.length);
        expect(blocks.map((b) => b.groupings.length)).toEqual([3, 1]);
        const close = (actual: readonly number[], of: Float64Array): void => {
          groupings.forEach(({ codes, levels: l }, g) => expectClose(actual[g] as number, referenceEta(codes, l, of)));
        };
        close(correlationRatios(blocks, values), values);
        groupings.forEach(({ codes, levels: l }) =>
          expectClose(correlationRatio(codes, l, values), referenceEta(codes, l, values)),
        );
        // Every pair within a block has the contingency table of its codes, the third grouping summed out.
        for (const [g, h] of [
          [0, 1],
          [1, 0],
          [0, 2],
          [1, 2],
          [2, 1],
        ] as const) {
          const [a, b] = [groupings[g], groupings[h]] as [(typeof groupings)[0], (typeof groupings)[0]];
          const block = blocks[0] as (typeof blocks)[0];
          expect(blockContingency(block, g, h)).toEqual(contingency(a.codes, b.codes, a.levels, b.levels));
        }
        // A column vouched complete, its SS_total known from its profile: no pass of its own.
        const finite = values.map((v) => (Number.isFinite(v) ? v : 0));
        const stats = computeNumericStats(finite);
        close(correlationRatios(blocks, finite, { isComplete: true, ssTotal: stats.var * (stats.count - 1) }), finite);
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

  it('count the missing cells of text dates through their codes, as their row values say', () => {
    const dictionary = ['2024-01-31', 'n/a', '2023-12-01', 'soon', '2024-02-29'];
    const columns = fc.array(fc.integer({ min: -1, max: dictionary.length - 1 }), { minLength: 1, maxLength: 300 });
    fc.assert(
      fc.property(columns, (codes) => {
        const column = {
          kind: 'string',
          name: 'd',
          codes: Int32Array.from(codes),
          dictionary,
          numericCells: 0,
        } as const;
        const reading = readDatetime(column);
        if (reading?.kind !== 'datetime' || reading.coded === undefined) throw new Error('not read through codes');
        const { coded: _coded, ...byRows } = { ...reading, values: reading.values };
        const rows = codes.length;
        const summary = summarizeMissing(['d', 'e'], [reading, byRows], rows);
        const unread = codes.filter((c) => c < 0 || dictionary[c] === 'n/a' || dictionary[c] === 'soon').length;
        expect(summary.cells).toBe(2 * unread);
        expect(summary.rowsWithMissing).toBe(unread);
        const together = unread > 0 && unread < rows ? [{ columns: ['d', 'e'], rows: unread, jaccard: 1 }] : [];
        expect(summary.together).toEqual(together);
      }),
    );
  });

  it('pair the columns missing together by the Jaccard index of their missing rows', () => {
    // Rows on both sides of the 32-row words of the bitsets; masks that overlap a lot, or not.
    const tables = fc.tuple(fc.integer({ min: 1, max: 200 }), fc.integer()).map(([rows, seed]) => {
      const random = createRandom(seed);
      const base = Array.from({ length: rows }, () => random() < 0.3);
      const like = (p: number): boolean[] => base.map((m) => (random() < p ? !m : m));
      const masks = [base, like(0.05), like(0.5), like(0.1), Array.from({ length: rows }, () => true)];
      return { rows, masks };
    });
    fc.assert(
      fc.property(tables, ({ rows, masks }) => {
        const names = masks.map((_, i) => `c${i}`);
        const readings = masks.map((mask, i): ColumnReading =>
          i % 2 === 0
            ? {
                kind: 'numeric',
                // ±Infinity is a value (as in the columns' own counts), not a missing cell
                values: Float64Array.from(mask, (m, r) => (m ? NaN : r % 3 === 0 ? -Infinity : r)),
                unparseable: 0,
              }
            : { kind: 'coded', codes: Int32Array.from(mask, (m) => (m ? -1 : 0)), dictionary: ['x'], unparseable: 0 },
        );
        const summary = summarizeMissing(names, readings, rows);
        const counts = masks.map((mask) => mask.filter(Boolean).length);
        const expected = [];
        for (let i = 0; i < masks.length; i++) {
          for (let j = i + 1; j < masks.length; j++) {
            const [ci, cj] = [counts[i] as number, counts[j] as number];
            if (ci === 0 || ci === rows || cj === 0 || cj === rows) continue;
            const both = (masks[i] as boolean[]).filter((m, r) => m && (masks[j] as boolean[])[r]).length;
            const jaccard = both / (ci + cj - both);
            if (jaccard >= 0.5) expected.push({ columns: [`c${i}`, `c${j}`], rows: both, jaccard });
          }
        }
        expect(summary.together).toEqual(expected.sort((x, y) => y.jaccard - x.jaccard).slice(0, 20));
        expect(summary.cells).toBe(counts.reduce((a, b) => a + b, 0));
        expect(summary.rowsWithMissing).toBe(rows); // the last column misses every row
      }),
    );
  });
});

describe('η of a column far from zero', () => {
  it('1e6 + a few units: the cells sum deviations from the mean, not 1e10-sized totals', () => {
    const n = 60000;
    const values = Float64Array.from({ length: n }, (_, i) => 1e6 + ((i * 7919) % 10007) / 1000);
    const codes = Int32Array.from({ length: n }, (_, i) => ((i * 31) % 97) % 3);
    // Python, fractions.Fraction on the same doubles: √(SS_between / SS_total), rounded once.
    const exact = 0.0012399270058121219;
    const eta = correlationRatios(crossGroupings([{ codes, levels: 3 }], n), values, { shift: 1000005 })[0] as number;
    expect(Math.abs(eta - exact) / exact).toBeLessThan(1e-10);
  });
});
