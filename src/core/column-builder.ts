import type { Column } from './table.ts';

/** One cell handed to a builder: already typed (spreadsheets) or still text (delimited files). */
export type CellValue = number | string | boolean | Date | null;

const INITIAL_CAPACITY = 1024;
/** Spare capacity up to which finish() returns a view instead of copying (the tail is never touched). */
const MAX_VIEW_SLACK = 0.25;

/* Exactly `length` cells: a view when the spare tail is small (no copy, no fresh memory), else a copy. */
function trimmed<T extends Float64Array | Int32Array>(array: T, length: number): T {
  if (length === array.length) return array;
  return (
    array.length - length <= MAX_VIEW_SLACK * array.length ? array.subarray(0, length) : array.slice(0, length)
  ) as T;
}

/**
 * Accumulates one column cell by cell into typed storage, growing by doubling.
 *
 * It starts numeric; the first cell that is neither missing nor a number turns it into a
 * dictionary-encoded string column (earlier numbers become their shortest round-trip text and are
 * counted in `numericCells`; hasConvertedNumbers then tells a delimited reader to read the column
 * again as text from the start — startAsText — so that 1.10 is not kept as "1.1"). Dates (from spreadsheets) keep a date column until a non-date arrives.
 * Amortised O(1) per cell; one Float64 or Int32 per cell plus one string per distinct value.
 */
export class ColumnBuilder {
  private mode: 'number' | 'date' | 'string' | 'empty' = 'empty';
  private numbers = new Float64Array(INITIAL_CAPACITY);
  private codes = new Int32Array(0);
  private readonly dictionary: string[] = [];
  private readonly codeOf = new Map<string, number>();
  private numericCells = 0;
  private length = 0;
  /** True once numbers pushed before the first text cell were rewritten as String(v). */
  private hasRewrittenNumbers = false;

  constructor(readonly name: string) {}

  get size(): number {
    return this.length;
  }

  /** True once the column holds text: numbers must then be pushed as their original text. */
  get isText(): boolean {
    return this.mode === 'string';
  }

  /** Appends a missing cell. */
  pushMissing(): void {
    if (this.mode === 'string') this.appendCode(-1);
    else this.pushNumber(NaN);
  }

  /** Appends a number that was parsed from the file (not missing). */
  pushNumber(value: number): void {
    if (this.mode === 'number' && this.length < this.numbers.length) {
      this.numbers[this.length++] = value; // the common case, kept first and short for the JIT
      return;
    }
    if (this.mode === 'string') {
      if (!Number.isNaN(value)) this.numericCells++;
      this.appendCode(Number.isNaN(value) ? -1 : this.encode(String(value)));
      return;
    }
    if (this.mode === 'empty' && !Number.isNaN(value)) this.mode = 'number';
    if (this.mode === 'date' && !Number.isNaN(value)) {
      this.toStringMode();
      this.pushNumber(value);
      return;
    }
    this.ensureNumberCapacity();
    this.numbers[this.length++] = value;
  }

  /** Appends a date (spreadsheets only; delimited files keep date text and infer it later). */
  pushDate(value: Date): void {
    const ms = value.getTime();
    if (this.mode === 'empty') this.mode = 'date';
    if (this.mode !== 'date' || Number.isNaN(ms)) {
      this.pushText(Number.isNaN(ms) ? String(value) : value.toISOString());
      return;
    }
    this.ensureNumberCapacity();
    this.numbers[this.length++] = ms;
  }

  /** Appends a non-missing, non-numeric text cell. */
  pushText(text: string): void {
    if (this.mode !== 'string') this.toStringMode();
    this.appendCode(this.encode(text));
  }

  /** Appends a cell that reads as a number, keeping its original text (for columns that hold text). */
  pushNumericText(text: string): void {
    if (this.mode !== 'string') this.toStringMode();
    this.numericCells++;
    this.appendCode(this.encode(text));
  }

  /**
   * Makes room for `rows` cells in all (for a parser that can estimate its row count), so the
   * storage grows once instead of doubling. Untouched capacity stays virtual memory until
   * written; finish() hands back a view of exactly the cells pushed. O(cells so far).
   */
  reserve(rows: number): void {
    this.growTo(rows);
  }

  /**
   * The dictionary code of a non-missing text cell, turning the column into a string column first
   * (as pushText would). For parsers that cache codes by raw bytes: follow with pushCode.
   */
  textCode(text: string): number {
    if (this.mode !== 'string') this.toStringMode();
    return this.encode(text);
  }

  /** Appends a code returned by textCode; `isNumeric` when the cell reads as a number. */
  pushCode(code: number, isNumeric: boolean): void {
    if (isNumeric) this.numericCells++;
    if (this.length < this.codes.length) this.codes[this.length++] = code;
    else this.appendCode(code);
  }

  /** True when numbers were rewritten as String(v) because text arrived after them. */
  get hasConvertedNumbers(): boolean {
    return this.hasRewrittenNumbers;
  }

  /**
   * Makes an empty column a string column: for a parser of later rows when earlier rows already
   * made the column text, so that its numbers keep their original text.
   */
  startAsText(): void {
    if (this.length === 0 && this.mode !== 'string') this.toStringMode();
  }

  /**
   * True when `part`, a column built from the rows that follow this one's (by another parser that
   * started empty), can be appended with the result of pushing those rows here. Not when this
   * column is text and the part rewrote numbers (or holds any) that must keep their original text.
   */
  canAppend(part: Column, partConvertedNumbers: boolean): boolean {
    if (part.kind === 'date' || this.mode === 'date') return false;
    if (this.mode !== 'string') return true;
    return part.kind === 'number' ? part.values.every(Number.isNaN) : !partConvertedNumbers;
  }

  /** Appends `part` (see canAppend, which must hold). O(part length + its dictionary). */
  appendPart(part: Column): void {
    if (part.kind === 'date') throw new Error('date parts are not appended');
    if (part.kind === 'number' && this.mode !== 'string') {
      this.growTo(this.length + part.values.length);
      this.numbers.set(part.values, this.length);
      this.length += part.values.length;
      if (this.mode === 'empty' && !part.values.every(Number.isNaN)) this.mode = 'number';
      return;
    }
    if (this.mode !== 'string') this.toStringMode();
    const codes = part.kind === 'number' ? new Int32Array(part.values.length).fill(-1) : part.codes;
    const map = part.kind === 'number' ? [] : part.dictionary.map((text) => this.encode(text));
    this.growTo(this.length + codes.length);
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i] as number;
      this.codes[this.length++] = code < 0 ? -1 : (map[code] as number);
    }
    if (part.kind === 'string') this.numericCells += part.numericCells;
  }

  /** Appends a typed cell as produced by a spreadsheet reader. */
  pushValue(value: CellValue): void {
    if (value === null) this.pushMissing();
    else if (typeof value === 'number') this.pushNumber(value);
    else if (typeof value === 'boolean') this.pushText(value ? 'TRUE' : 'FALSE');
    else if (value instanceof Date) this.pushDate(value);
    else this.pushText(value);
  }

  /** Freezes the column. The builder must not be used afterwards. */
  finish(): Column {
    if (this.mode === 'string') {
      return {
        kind: 'string',
        name: this.name,
        codes: trimmed(this.codes, this.length),
        dictionary: this.dictionary,
        numericCells: this.numericCells,
      };
    }
    const values = trimmed(this.numbers, this.length);
    return this.mode === 'date'
      ? { kind: 'date', name: this.name, values }
      : { kind: 'number', name: this.name, values };
  }

  private encode(text: string): number {
    let code = this.codeOf.get(text);
    if (code === undefined) {
      code = this.dictionary.length;
      this.dictionary.push(text);
      this.codeOf.set(text, code);
    }
    return code;
  }

  private appendCode(code: number): void {
    if (this.length === this.codes.length) {
      const grown = new Int32Array(Math.max(INITIAL_CAPACITY, this.codes.length * 2));
      grown.set(this.codes);
      this.codes = grown;
    }
    this.codes[this.length++] = code;
  }

  /* Room for `size` cells in the storage of the current mode. */
  private growTo(size: number): void {
    const isString = this.mode === 'string';
    const capacity = isString ? this.codes.length : this.numbers.length;
    if (size <= capacity) return;
    const grown = isString ? new Int32Array(size) : new Float64Array(size);
    grown.set(isString ? this.codes : this.numbers);
    if (grown instanceof Int32Array) this.codes = grown;
    else this.numbers = grown;
  }

  private ensureNumberCapacity(): void {
    if (this.length === this.numbers.length) {
      const grown = new Float64Array(this.numbers.length * 2);
      grown.set(this.numbers);
      this.numbers = grown;
    }
  }

  private toStringMode(): void {
    const wasDate = this.mode === 'date';
    const codes = new Int32Array(Math.max(INITIAL_CAPACITY, this.numbers.length));
    for (let i = 0; i < this.length; i++) {
      const v = this.numbers[i] ?? NaN;
      if (Number.isNaN(v)) {
        codes[i] = -1;
      } else {
        if (!wasDate) this.numericCells++;
        this.hasRewrittenNumbers = true;
        codes[i] = this.encode(wasDate ? new Date(v).toISOString() : String(v));
      }
    }
    this.codes = codes;
    this.numbers = new Float64Array(0);
    this.mode = 'string';
  }
}
