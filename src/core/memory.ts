/*
 * How much memory a table holds, counted from its own arrays: the bytes of every typed array plus
 * the dictionary strings at two bytes a character (JavaScript's UTF-16 upper bound). Engines may
 * store Latin-1 strings in one byte, so this is an upper bound for text and exact for numbers.
 */
import type { Table } from './table.ts';

/** Bytes held by a table's columns (typed arrays exact, dictionary strings as UTF-16). */
export function tableBytes(table: Table): number {
  let bytes = 0;
  for (const column of table.columns) {
    if (column.kind === 'string') {
      bytes += column.codes.byteLength;
      for (const value of column.dictionary) bytes += value.length * 2;
    } else {
      bytes += column.values.byteLength;
    }
  }
  return bytes;
}
