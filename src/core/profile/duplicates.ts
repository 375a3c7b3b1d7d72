import type { Column, Table } from '../table.ts';

export interface DuplicateSummary {
  /** Rows equal to an earlier row (pandas `duplicated().sum()`; missing equals missing). */
  readonly duplicateRows: number;
  /** The most repeated rows: 1-based first row and how many times it occurs in all. */
  readonly mostRepeated: readonly { readonly row: number; readonly occurrences: number }[];
}

const MOST_REPEATED = 5;
const scratch = new Float64Array(1);
const scratchWords = new Uint32Array(scratch.buffer);

/* A 32-bit hash of one cell, missing cells hashing alike (NaN bits are canonicalised). */
function cellHash(column: Column, row: number): number {
  if (column.kind === 'string') return (column.codes[row] as number) + 1;
  const v = column.values[row] as number;
  if (Number.isNaN(v)) return 0x7ff80000;
  scratch[0] = v === 0 ? 0 : v; // -0 equals 0
  return (scratchWords[0] as number) ^ Math.imul(scratchWords[1] as number, 0x9e3779b1);
}

function rowHash(columns: readonly Column[], row: number): number {
  let h = 0x811c9dc5;
  for (const column of columns) h = Math.imul(h ^ cellHash(column, row), 0x01000193);
  return h >>> 0;
}

function cellsEqual(column: Column, a: number, b: number): boolean {
  if (column.kind === 'string') return column.codes[a] === column.codes[b];
  const x = column.values[a] as number;
  const y = column.values[b] as number;
  return x === y || (Number.isNaN(x) && Number.isNaN(y));
}

function rowsEqual(columns: readonly Column[], a: number, b: number): boolean {
  for (const column of columns) if (!cellsEqual(column, a, b)) return false;
  return true;
}

/**
 * Counts duplicate rows with an open-addressing table of row indices (no per-row objects):
 * O(rows · columns) time, 12 bytes per row. Hash collisions are resolved by comparing cells.
 */
export function findDuplicates(table: Table): DuplicateSummary {
  const rows = table.rowCount;
  let size = 1;
  while (size < rows * 2) size <<= 1;
  const slots = new Int32Array(size).fill(-1);
  const occurrences = new Int32Array(rows);
  const mask = size - 1;
  let duplicateRows = 0;
  for (let row = 0; row < rows; row++) {
    let slot = rowHash(table.columns, row) & mask;
    for (;;) {
      const other = slots[slot] as number;
      if (other < 0) {
        slots[slot] = row;
        occurrences[row] = 1;
        break;
      }
      if (rowsEqual(table.columns, other, row)) {
        occurrences[other] = (occurrences[other] as number) + 1;
        duplicateRows++;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return { duplicateRows, mostRepeated: mostRepeated(occurrences) };
}

function mostRepeated(occurrences: Int32Array): DuplicateSummary['mostRepeated'] {
  const top: { row: number; occurrences: number }[] = [];
  for (let row = 0; row < occurrences.length; row++) {
    const n = occurrences[row] as number;
    if (n < 2) continue;
    top.push({ row: row + 1, occurrences: n });
    if (top.length > MOST_REPEATED * 4) {
      top.sort((a, b) => b.occurrences - a.occurrences || a.row - b.row);
      top.length = MOST_REPEATED;
    }
  }
  top.sort((a, b) => b.occurrences - a.occurrences || a.row - b.row);
  return top.slice(0, MOST_REPEATED);
}
