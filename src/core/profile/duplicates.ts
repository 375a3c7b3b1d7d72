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

/* The table's cells as typed arrays by kind, for row comparisons without a per-cell dispatch. */
interface RowCells {
  readonly codes: readonly Int32Array[];
  readonly values: readonly Float64Array[];
}

function rowCellsOf(columns: readonly Column[]): RowCells {
  const codes: Int32Array[] = [];
  const values: Float64Array[] = [];
  for (const column of columns) {
    if (column.kind === 'string') codes.push(column.codes);
    else values.push(column.values);
  }
  return { codes, values };
}

/* True when rows a and b hold equal cells in every column (missing equals missing, -0 equals 0). */
function rowsEqual({ codes, values }: RowCells, a: number, b: number): boolean {
  for (let c = 0; c < codes.length; c++) {
    const column = codes[c] as Int32Array;
    if (column[a] !== column[b]) return false;
  }
  for (let c = 0; c < values.length; c++) {
    const column = values[c] as Float64Array;
    const x = column[a] as number;
    const y = column[b] as number;
    if (x !== y && !(x !== x && y !== y)) return false;
  }
  return true;
}

/*
 * Inserts every row into the open-addressing table `slots` of [row, hash] pairs (row −1 = empty;
 * the hash beside the row keeps a probe to one cache line), counting each row's occurrences under
 * the first equal row; returns how many rows repeat an earlier one. Cells are compared only when
 * two full hashes agree.
 */
function insertRows(hashes: Int32Array, cells: RowCells, slots: Int32Array, occurrences: Int32Array): number {
  const mask = (slots.length >> 1) - 1;
  let duplicateRows = 0;
  for (let row = 0; row < hashes.length; row++) {
    // The fold's multiplications leave the low bits (the slot) depending on low bits only: mix the
    // high bits in (murmur3's finaliser) so that rows differing only there do not probe in a cluster.
    let hash = hashes[row] as number;
    hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
    hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
    hash ^= hash >>> 16;
    let slot = hash & mask;
    for (;;) {
      const other = slots[2 * slot] as number;
      if (other < 0) {
        slots[2 * slot] = row;
        slots[2 * slot + 1] = hash;
        occurrences[row] = 1;
        break;
      }
      if (slots[2 * slot + 1] === hash && rowsEqual(cells, other, row)) {
        occurrences[other] = (occurrences[other] as number) + 1;
        duplicateRows++;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return duplicateRows;
}

/**
 * Counts duplicate rows with an open-addressing table of row indices and hashes (no per-row
 * objects): O(rows · columns) time, about 24 bytes per row. Row hashes are built column by column;
 * cells are compared only when two rows' full hashes agree. `hasUniqueColumn` (some column holds
 * a different value in every row, none missing) settles it at once: no row can repeat.
 */
export function findDuplicates(table: Table, hasUniqueColumn = false): DuplicateSummary {
  const rows = table.rowCount;
  if (hasUniqueColumn) return { duplicateRows: 0, mostRepeated: [] };
  const hashes = new Int32Array(rows).fill(FNV_OFFSET | 0);
  for (const column of table.columns) foldColumn(hashes, column);
  let size = 1;
  while (size < rows * 2) size <<= 1;
  const slots = new Int32Array(2 * size).fill(-1);
  const occurrences = new Int32Array(rows);
  const duplicateRows = insertRows(hashes, rowCellsOf(table.columns), slots, occurrences);
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
