import { describe, expect, it } from 'vitest';
import { numberFormatOf } from '../../src/core/analyze.ts';
import { AnalysisError } from '../../src/core/errors.ts';
import { samplePair } from '../../src/core/pair-sample.ts';
import type { Table } from '../../src/core/table.ts';
import { ingestText } from './helpers.ts';

const numbers = (name: string, values: number[]) => ({
  name,
  kind: 'number' as const,
  values: Float64Array.from(values),
});

describe('samplePair', () => {
  it('keeps every row where both columns are numbers, in row order, unsampled', () => {
    const table: Table = {
      rowCount: 5,
      columns: [numbers('a', [1, NaN, 3, 4, 5]), numbers('b', [10, 20, NaN, 40, 50])],
    };
    const pair = samplePair(table, 'a', 'b', { decimal: '.', thousands: '' });
    expect([...pair.x]).toEqual([1, 4, 5]);
    expect([...pair.y]).toEqual([10, 40, 50]);
    expect(pair).toMatchObject({ complete: 3, seed: null });
  });

  it('reads text in the file’s own number format (decimal commas, thousands dots)', async () => {
    const { table, file } = await ingestText('x;y\n1,5;1.234,5\n2,25;n/a\n3;7\n', 'es.csv', {});
    const pair = samplePair(table, 'x', 'y', numberFormatOf(file));
    expect([...pair.x]).toEqual([1.5, 3]);
    expect([...pair.y]).toEqual([1234.5, 7]);
  });

  it('draws at most `max` of the complete rows with its seed, the same ones every time', () => {
    const n = 1000;
    const xs = Array.from({ length: n }, (_, i) => (i % 10 === 0 ? NaN : i));
    const table: Table = {
      rowCount: n,
      columns: [
        numbers('x', xs),
        numbers(
          'y',
          xs.map((v) => 2 * v),
        ),
      ],
    };
    const format = { decimal: '.', thousands: '' } as const;
    const first = samplePair(table, 'x', 'y', format, 100, 7);
    expect(first).toMatchObject({ complete: 900, seed: 7 });
    expect(first.x.length).toBe(100);
    expect(new Set(first.x).size).toBe(100); // distinct rows
    first.x.forEach((v, k) => {
      expect(v % 10).not.toBe(0); // never a row with a missing value
      expect(first.y[k]).toBe(2 * v); // x and y come from the same row
    });
    expect([...samplePair(table, 'x', 'y', format, 100, 7).x]).toEqual([...first.x]);
    expect([...samplePair(table, 'x', 'y', format, 100, 8).x]).not.toEqual([...first.x]);
  });

  it('refuses a column that does not exist', () => {
    const table: Table = { rowCount: 1, columns: [numbers('a', [1])] };
    expect(() => samplePair(table, 'a', 'nope', { decimal: '.', thousands: '' })).toThrow(AnalysisError);
  });
});
