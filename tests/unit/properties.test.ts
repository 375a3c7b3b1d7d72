/*
 * Properties that must hold for any input (fast-check): statistics are invariant under shift and
 * scale as their definitions say; Lloyd's iterations never increase the inertia; a CSV parses to
 * the same table whatever its encoding, BOM and line ends (each taking another parsing path).
 * Tolerances are derived from float64 rounding, stated next to each check.
 */
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { augmentedTensor, assignExact, lloyd } from '../../src/core/cluster/lloyd.ts';
import { pearson, spearman } from '../../src/core/stats/correlation.ts';
import { computeNumericStats, type NumericStats } from '../../src/core/stats/numeric-stats.ts';
import { ingestBytes, type IngestResult } from '../../src/ingest/ingest.ts';
import { startTf } from '../../workers/tf-init.ts';
import { cells } from './helpers.ts';

const EPS = Number.EPSILON;

/**
 * Values k/8 with |k| ≤ 8000 are exact binary fractions, so x + c for an integer |c| ≤ 1e9 and
 * x·2^j are exact: any difference in the statistics comes from the statistics code, not the data.
 */
const eighths = fc.integer({ min: -8000, max: 8000 }).map((k) => k / 8);
const sample = fc
  .array(eighths, { minLength: 4, maxLength: 60 })
  .filter((xs) => new Set(xs).size >= 2)
  .map((xs) => Float64Array.from(xs));
const pairs = fc
  .array(fc.tuple(eighths, eighths), { minLength: 4, maxLength: 60 })
  .filter((ps) => new Set(ps.map((p) => p[0])).size >= 2 && new Set(ps.map((p) => p[1])).size >= 2)
  .map((ps) => ({ x: Float64Array.from(ps, (p) => p[0]), y: Float64Array.from(ps, (p) => p[1]) }));

const map = (xs: Float64Array, f: (v: number) => number): Float64Array => xs.map(f);

function closeTo(actual: number, expected: number, tolerance: number, what: string): void {
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

const SPREAD = ['std', 'mad', 'iqr'] as const;
const LOCATION = ['mean', 'q05', 'q25', 'median', 'q75', 'q95'] as const;

describe('statistics under shift: x + c', () => {
  it('spread and shape are unchanged; location moves by c', () => {
    fc.assert(
      fc.property(sample, fc.integer({ min: -1e9, max: 1e9 }), (xs, c) => {
        const a = computeNumericStats(xs);
        const b = computeNumericStats(map(xs, (v) => v + c));
        // The shifted data is exact; only the mean (and so every deviation) carries a rounding of
        // about ulp(|c| + 1000). δ is four of those.
        const delta = 4 * EPS * (Math.abs(c) + 1000);
        for (const key of LOCATION) closeTo(b[key], a[key] + c, delta, key);
        for (const key of SPREAD) closeTo(b[key], a[key], 4 * delta, key);
        closeTo(b.var, a.var, 8 * delta * a.std + 16 * delta * delta, 'var');
        // Skewness and kurtosis are ratios of centred moments: an error δ in each deviation moves
        // them by at most ~20·δ/std (third and fourth powers over the second).
        closeTo(b.skewness, a.skewness, (20 * delta) / a.std, 'skewness');
        closeTo(b.kurtosis, a.kurtosis, (40 * delta) / a.std, 'kurtosis');
      }),
    );
  });

  it('Pearson is unchanged within rounding, Spearman exactly (same ranks)', () => {
    fc.assert(
      fc.property(pairs, fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: -1e9, max: 1e9 }), ({ x, y }, c, d) => {
        const xs = map(x, (v) => v + c);
        const ys = map(y, (v) => v + d);
        const sx = computeNumericStats(x).std;
        const sy = computeNumericStats(y).std;
        const delta = 4 * EPS * (Math.max(Math.abs(c), Math.abs(d)) + 1000);
        closeTo(pearson(xs, ys), pearson(x, y), (8 * delta) / Math.min(sx, sy), 'pearson');
        expect(spearman(xs, ys)).toBe(spearman(x, y));
      }),
    );
  });
});

describe('statistics under scale: x · a', () => {
  it('by a power of two, everything scales exactly', () => {
    fc.assert(
      fc.property(sample, fc.integer({ min: -20, max: 20 }), (xs, j) => {
        const a = 2 ** j;
        const s = computeNumericStats(xs);
        const t = computeNumericStats(map(xs, (v) => v * a));
        for (const key of [...LOCATION, ...SPREAD, 'sum'] as const) expect(t[key]).toBe(s[key] * a);
        expect(t.var).toBe(s.var * a * a);
        expect([t.skewness, t.kurtosis, t.cv]).toEqual([s.skewness, s.kurtosis, s.cv]);
      }),
    );
  });

  it('by any a > 0, spread scales by a and shape is unchanged; a < 0 mirrors', () => {
    const factor = fc.double({ min: 1e-3, max: 1e3, noNaN: true }).chain((m) => fc.constantFrom(m, -m));
    fc.assert(
      fc.property(sample, factor, (xs, a) => {
        const s = computeNumericStats(xs);
        const t = computeNumericStats(map(xs, (v) => v * a));
        const abs = Math.abs(a);
        // Each scaled value carries one rounding (relative ε); sums of ≤ 60 terms add ≤ 60ε.
        const relative = 256 * EPS;
        const scale = abs * Math.max(Math.abs(s.min), Math.abs(s.max));
        closeTo(t.mean, s.mean * a, relative * scale, 'mean');
        closeTo(t.std, s.std * abs, relative * scale, 'std');
        closeTo(t.mad, s.mad * abs, relative * scale, 'mad');
        closeTo(t.iqr, s.iqr * abs, relative * scale, 'iqr');
        const mirrored: readonly [keyof NumericStats, keyof NumericStats][] =
          a > 0
            ? [
                ['q05', 'q05'],
                ['median', 'median'],
                ['q95', 'q95'],
              ]
            : [
                ['q05', 'q95'],
                ['median', 'median'],
                ['q95', 'q05'],
              ];
        for (const [key, from] of mirrored) closeTo(t[key], s[from] * a, relative * scale, key);
        const shape = (relative * scale) / (abs * s.std);
        closeTo(t.skewness, Math.sign(a) * s.skewness, 20 * shape, 'skewness');
        closeTo(t.kurtosis, s.kurtosis, 40 * shape, 'kurtosis');
      }),
    );
  });

  it('correlations keep their size and take the sign of a', () => {
    const factor = fc.double({ min: 1e-3, max: 1e3, noNaN: true }).chain((m) => fc.constantFrom(m, -m));
    fc.assert(
      fc.property(pairs, factor, ({ x, y }, a) => {
        const scaled = map(x, (v) => v * a);
        closeTo(pearson(scaled, y), Math.sign(a) * pearson(x, y), 1e-12, 'pearson');
        // Scaling keeps ties and (for a < 0) reverses the order: average ranks become n + 1 − r.
        closeTo(spearman(scaled, y), Math.sign(a) * spearman(x, y), 1e-12, 'spearman');
      }),
    );
  });
});

describe("Lloyd's iterations", () => {
  beforeAll(async () => {
    await startTf();
  });

  /** Integer points in few distinct places: ties and empty clusters (relocation) happen often. */
  const problems = fc
    .record({ dims: fc.integer({ min: 1, max: 3 }), k: fc.integer({ min: 1, max: 5 }), seed: fc.nat() })
    .chain(({ dims, k, seed }) =>
      fc.record({
        dims: fc.constant(dims),
        k: fc.constant(k),
        seed: fc.constant(seed),
        points: fc.array(fc.array(fc.integer({ min: -6, max: 6 }), { minLength: dims, maxLength: dims }), {
          minLength: k,
          maxLength: 40,
        }),
      }),
    );

  it('never increase the inertia, iteration after iteration', async () => {
    await fc.assert(
      fc.asyncProperty(problems, async ({ dims, k, seed, points }) => {
        const rows = points.length;
        const data = Float64Array.from(points.flat());
        const x = augmentedTensor(tf, data, rows, dims);
        try {
          // k starting centres taken from the rows, chosen by the seed (duplicates allowed: they
          // make empty clusters, which are then relocated).
          const init = new Float64Array(k * dims);
          for (let c = 0; c < k; c++) {
            const row = (seed + c * 7) % rows;
            init.set(data.subarray(row * dims, (row + 1) * dims), c * dims);
          }
          // The distance step runs in float32: near-ties may be broken the other way, which can
          // cost at most the float32 rounding of the scores (~6e-8 relative, ‖x‖² ≤ 108 here).
          const slack = 1e-6 * rows * 108;
          // One iteration at a time from the centres the last one returned (exact means of an
          // exact assignment): its float32 assignment costs at most the returned inertia plus the
          // slack, and the mean step only lowers that. (Comparing runs of i and i + 1 iterations
          // is no such chain: run i + 1 continues from run i's float32 centres, not its returned
          // ones, and a tie broken the other way there can end higher.)
          let centres: Float64Array = init;
          let previous = assignExact(data, rows, dims, init, k).inertia;
          for (let iteration = 1; iteration <= 8; iteration++) {
            const r = await lloyd({ tf, x, data, rows, dims, k }, centres, { maxIter: 1, tol: -1 });
            expect(r.inertia).toBeLessThanOrEqual(previous + slack);
            previous = r.inertia;
            centres = r.centroids;
          }
        } finally {
          tf.dispose(x);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('one CSV, every parsing path', () => {
  const cell = fc
    .array(fc.constantFrom('1', '2.5', '-3', 'NA', '', 'abc', 'Málaga', 'x y', ',', '"', '\n', '€', '007'), {
      maxLength: 3,
    })
    .map((parts) => parts.join(''));
  const quote = (v: string): string => (/[",\r\n]/.test(v) || v.startsWith(' ') ? `"${v.replaceAll('"', '""')}"` : v);
  const csv = fc
    .record({
      width: fc.integer({ min: 1, max: 4 }),
      rows: fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 15 }),
    })
    .map(({ width, rows }) => {
      const header = Array.from({ length: width }, (_, i) => `c${i}`).join(',');
      return [header, ...rows.map((r) => r.map(quote).join(','))];
    });

  function view(result: IngestResult): unknown {
    return {
      rows: result.table.rowCount,
      rowsSkipped: result.rowsSkipped,
      warnings: result.warnings.map((w) => w.code),
      columns: result.table.columns.map((c) => ({ name: c.name, kind: c.kind, cells: cells(c) })),
    };
  }

  const utf16 = (text: string, bigEndian: boolean): Uint8Array => {
    const out = new Uint8Array(2 + text.length * 2);
    out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      out[2 + i * 2 + (bigEndian ? 1 : 0)] = unit & 0xff;
      out[2 + i * 2 + (bigEndian ? 0 : 1)] = unit >> 8;
    }
    return out;
  };

  it('UTF-8 (bytes path), with a BOM, with CRLF, UTF-16 LE and BE, and forced papaparse agree', async () => {
    await fc.assert(
      fc.asyncProperty(csv, async (lines) => {
        const lf = `${lines.join('\n')}\n`;
        const crlf = `${lines.join('\r\n')}\r\n`;
        const utf8 = new TextEncoder().encode(lf);
        const reference = view(await ingestBytes(utf8, 'p.csv', { delimiter: ',' }));
        const variants: [string, Uint8Array, boolean][] = [
          ['BOM', Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]), false],
          ['CRLF', new TextEncoder().encode(crlf), false],
          ['UTF-16LE', utf16(lf, false), false],
          ['UTF-16BE', utf16(crlf, true), false],
          ['papaparse', utf8, true],
        ];
        for (const [what, bytes, forcePapaparse] of variants) {
          const result = await ingestBytes(bytes, 'p.csv', { delimiter: ',', forcePapaparse });
          expect(view(result), what).toEqual(reference);
        }
      }),
      { numRuns: 150 },
    );
  });
});
