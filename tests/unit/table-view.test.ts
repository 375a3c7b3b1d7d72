import { describe, expect, it } from 'vitest';
import { columnOrder, rowWindow } from '../../src/core/table-view.ts';
import { ingestText } from './helpers.ts';

describe('data table windows', () => {
  it('orders numbers and text ascending or descending with missing cells last', async () => {
    const { table } = await ingestText('n,s\n3,b\n,a\n1,C\n2,\n');
    const [n, s] = table.columns;
    if (n === undefined || s === undefined) throw new Error('columns');
    expect(Array.from(columnOrder(n, false))).toEqual([2, 3, 0, 1]);
    expect(Array.from(columnOrder(n, true))).toEqual([0, 3, 2, 1]);
    expect(Array.from(columnOrder(s, false))).toEqual([1, 0, 2, 3]); // a, b, C (case-insensitive), missing
    expect(Array.from(columnOrder(s, true))).toEqual([2, 0, 1, 3]);
  });

  it('returns display text, null for missing, row numbers and clusters', async () => {
    const { table } = await ingestText('n,s\n3,b\n,a\n1,C\n');
    const window = rowWindow(table, { start: 1, count: 5 }, undefined, Int32Array.from([0, -1, 1]));
    expect(window).toEqual({
      total: 3,
      start: 1,
      rowNumbers: [2, 3],
      cells: [
        [null, 'a'],
        ['1', 'C'],
      ],
      numberColumns: [true, false],
      clusters: [null, 1],
    });
  });
});
