/**
 * The in-memory dataset: column-major, typed. Numbers live in Float64Arrays (NaN = missing),
 * dates in Float64Arrays of epoch milliseconds (NaN = missing), everything else as dictionary
 * codes into a list of distinct strings (-1 = missing). Never an array of row objects.
 */
export type Column = NumberColumn | DateColumn | StringColumn;

interface ColumnBase {
  readonly name: string;
}

export interface NumberColumn extends ColumnBase {
  readonly kind: 'number';
  readonly values: Float64Array;
}

export interface DateColumn extends ColumnBase {
  readonly kind: 'date';
  readonly values: Float64Array;
}

export interface StringColumn extends ColumnBase {
  readonly kind: 'string';
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
  /** How many non-missing cells would have parsed as numbers (they are kept as text). */
  readonly numericCells: number;
}

export interface Table {
  readonly rowCount: number;
  readonly columns: readonly Column[];
}

/** Number of rows of a column (all columns of a table share it). */
export function columnLength(column: Column): number {
  return column.kind === 'string' ? column.codes.length : column.values.length;
}

/** True when the cell at `row` is missing. */
export function isMissingAt(column: Column, row: number): boolean {
  return column.kind === 'string' ? column.codes[row] === -1 : Number.isNaN(column.values[row]);
}
