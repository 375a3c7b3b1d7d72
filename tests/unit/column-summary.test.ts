import { describe, expect, it } from 'vitest';
import { ColumnBuilder } from '../../src/core/column-builder.ts';
import { summarizeColumn } from '../../src/core/column-summary.ts';
import { cells } from './helpers.ts';

function build(values: (number | string | boolean | Date | null)[]) {
  const builder = new ColumnBuilder('c');
  for (const v of values) builder.pushValue(v);
  return builder.finish();
}

describe('ColumnBuilder', () => {
  it('stores numbers in a Float64Array with NaN for missing', () => {
    const column = build([1, null, 2.5]);
    expect(column.kind).toBe('number');
    expect(cells(column)).toEqual([1, null, 2.5]);
  });

  it('switches to dictionary-encoded text on the first text cell and counts earlier numbers', () => {
    const column = build([1, 2, null, 'x', 2, 'x']);
    expect(column.kind).toBe('string');
    if (column.kind !== 'string') return;
    expect(cells(column)).toEqual(['1', '2', null, 'x', '2', 'x']);
    expect(column.dictionary).toEqual(['1', '2', 'x']);
    expect(column.numericCells).toBe(3);
  });

  it('grows past its initial capacity', () => {
    const builder = new ColumnBuilder('n');
    for (let i = 0; i < 5000; i++) builder.pushNumber(i);
    const column = builder.finish();
    expect(column.kind === 'number' && column.values.length).toBe(5000);
    expect(column.kind === 'number' && column.values[4999]).toBe(4999);
  });

  it('keeps dates as epoch milliseconds until text arrives', () => {
    const d = new Date(Date.UTC(2024, 0, 31));
    expect(build([d, null]).kind).toBe('date');
    expect(cells(build([d, 'n/a text']))).toEqual(['2024-01-31T00:00:00.000Z', 'n/a text']);
  });
});

describe('summarizeColumn', () => {
  it('tells integers from decimals and counts distinct values, -0 and 0 as one', () => {
    expect(summarizeColumn(build([1, 2, 2, null]), 4)).toMatchObject({
      type: 'integer',
      count: 3,
      missing: 1,
      distinct: 2,
    });
    expect(summarizeColumn(build([0, -0, 0.5]), 3)).toMatchObject({ type: 'numeric', distinct: 2 });
  });

  it('recognises booleans, categories and free text', () => {
    expect(summarizeColumn(build([true, false, true]), 3).type).toBe('boolean');
    expect(summarizeColumn(build(['Sí', 'No', 'Sí']), 3).type).toBe('boolean');
    expect(summarizeColumn(build(['a', 'b', 'a']), 3).type).toBe('categorical');
    const text = Array.from({ length: 120 }, (_, i) => `free text ${i}`);
    expect(summarizeColumn(build(text), 120).type).toBe('text');
  });

  it('flags constant, empty, identifier and numbers-as-text columns', () => {
    expect(summarizeColumn(build([7, 7, 7]), 3).flags).toEqual(['constant']);
    expect(summarizeColumn(build([null, null]), 2).flags).toEqual(['empty']);
    const ids = Array.from({ length: 12 }, (_, i) => i + 1);
    expect(summarizeColumn(build(ids), 12).flags).toEqual(['id']);
    expect(summarizeColumn(build(ids.slice(0, 5)), 5).flags).toEqual([]);
    expect(summarizeColumn(build([...Array.from({ length: 19 }, (_, i) => i), 'x']), 20).flags).toContain(
      'numbersAsText',
    );
    expect(summarizeColumn(build([1, 'a', 'b', 'c']), 4).flags).toContain('mixed');
  });
});
