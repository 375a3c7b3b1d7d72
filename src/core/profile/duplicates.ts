import type { Column, Table } from '../table.ts';

export interface DuplicateSummary {
  /** Rows equal to an earlier row (pandas `duplicated().sum()`; missing equals missing). */
  readonly duplicateRows: number;
  /** The most repeated rows: 1-based first row and how many times it occurs in all. */
  readonly mostRepeated: readonly { readonly row: number; readonly occurrences: number }[];
}

const MOST_REPEATED = 5;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/*
 * Folds one column into every row's hash, column by column (tight typed loops, no per-cell
 * calls). Missing cells hash alike (NaN canonicalised) and -0 hashes as 0.
 */
function foldColumn(hashes: Int32Array, column: Column): void {
  if (column.kind === 'string') {
    const { codes } = column;
    for (let row = 0; row < hashes.length; row++) {
      hashes[row] = Math.imul((hashes[row] as number) ^ ((codes[row] as number) + 1), FNV_PRIME);
    }
    return;
  }
  const { values } = column;
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  for (let row = 0; row < hashes.length; row++) {
    const v = values[row] as number;
    const cell =
      v !== v
        ? 0x7ff80000
        : v === 0
          ? 0
          : (words[2 * row] as number) ^ Math.imul(words[2 * row + 1] as number, 0x9e3779b1);
    hashes[row] = Math.imul((hashes[row] as number) ^ cell, FNV_PRIME);
  }
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
 * O(rows · columns) time, 12 bytes per row. Row hashes are built column by column; cells are
 * compared only when two rows' full hashes agree. `hasUniqueColumn` (some column holds a
 * different value in every row, none missing) settles it at once: no row can repeat.
 */
export function findDuplicates(table: Table, hasUniqueColumn = false): DuplicateSummary {
  const rows = table.rowCount;
  if (hasUniqueColumn) return { duplicateRows: 0, mostRepeated: [] };
  const hashes = new Int32Array(rows).fill(FNV_OFFSET | 0);
  for (const column of table.columns) foldColumn(hashes, column);
  let size = 1;
  while (size < rows * 2) size <<= 1;
  const slots = new Int32Array(size).fill(-1);
  const occurrences = new Int32Array(rows);
  const mask = size - 1;
  let duplicateRows = 0;
  for (let row = 0; row < rows; row++) {
    const hash = hashes[row] as number;
    let slot = hash & mask;
    for (;;) {
      const other = slots[slot] as number;
      if (other < 0) {
        slots[slot] = row;
        occurrences[row] = 1;
        break;
      }
      if (hashes[other] === hash && rowsEqual(table.columns, other, row)) {
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
