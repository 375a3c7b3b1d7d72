/*
 * Number columns read as numbers take their type guess from the sorted values' facts instead of a
 * scan of their own (column-profile.ts): the guess must be the one inferType gives, on columns
 * that sit on every edge of the rule (years, 0/1, few codes, -0, missing and infinite cells).
 */
import { describe, expect, it } from 'vitest';
import { profileColumn } from '../../src/core/profile/column-profile.ts';
import { inferType, type ColumnType } from '../../src/core/profile/infer-type.ts';
import type { NumberColumn } from '../../src/core/table.ts';

const FORMAT = { decimal: '.', thousands: '' } as const;

const columns: Record<string, number[]> = {
  years: [1999, 2004, NaN, 2024, 1000, 9999],
  'years and one beyond': [1999, 2004, 10000],
  binary: [0, 1, 1, -0, NaN, 0],
  'binary with infinity': [0, 1, Infinity],
  'few codes': [3, 1, 4, 1, 5, 9, 2, 6],
  'many codes': Array.from({ length: 30 }, (_, i) => i * 7),
  'twenty codes': Array.from({ length: 40 }, (_, i) => i % 20),
  'twenty-one codes': Array.from({ length: 42 }, (_, i) => i % 21),
  fractions: [1.5, 2, 3],
  'fraction last': [1, 2, 2.25],
  empty: [NaN, NaN],
  'only infinities': [Infinity, -Infinity, NaN],
  'negative whole': [-3, -1, -2],
};

describe('number columns: type guess from the sorted values', () => {
  it.each(Object.entries(columns))('%s: same guess as inferType', (name, cells) => {
    const column: NumberColumn = { kind: 'number', name, values: Float64Array.from(cells) };
    const expected = inferType(column, 0);
    for (const override of [undefined, 'integer', 'numeric'] as (ColumnType | undefined)[]) {
      const profile = profileColumn(column, 0, cells.length, FORMAT, override);
      expect(profile.inferredType).toBe(expected.type);
      expect(profile.alternatives).toEqual(expected.alternatives);
      expect(profile.type).toBe(override ?? expected.type);
    }
  });
});

describe('text columns read as numbers or dates', () => {
  const dictionary = ['1', '2.5', 'n/a', '2024-01-02', 'soon'];
  const codes = Int32Array.from({ length: 200 }, (_, i) => (i % 11 === 0 ? -1 : (i * 7) % dictionary.length));
  const column = { kind: 'string', name: 't', codes, dictionary, numericCells: 0 } as const;
  const unread = (reads: (text: string) => boolean): number =>
    Array.from(codes).filter((c) => c >= 0 && !reads(dictionary[c] ?? '')).length;

  it('count unreadable cells from the dictionary counts as a row scan would', () => {
    const asNumbers = profileColumn(column, 0, codes.length, FORMAT, 'numeric');
    expect(asNumbers.unparseable).toBe(unread((text) => !Number.isNaN(Number(text)) && text !== ''));
    const asDates = profileColumn(column, 0, codes.length, FORMAT, 'datetime');
    expect(asDates.unparseable).toBe(unread((text) => text === '2024-01-02'));
  });
});
