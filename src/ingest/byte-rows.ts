/*
 * The data rows of a delimited file, read from bytes straight into column builders in one pass:
 * each field is found, tested for a missing token, parsed as a number or looked up by its bytes
 * in the column's dictionary, with no row object and no string for a repeated or numeric cell.
 * It follows DelimitedTableBuilder's rules exactly (blank lines, ragged rows, text columns keep a
 * number's original text); the header rows go through that builder before this takes over.
 * A parser can read any range of rows that starts at a row boundary, so a file can be split.
 */
import type { ColumnBuilder } from '../core/column-builder.ts';
import { ARENA_BUDGET_BYTES, ByteDictionary, CROWDED, HASH_START, hashSpan } from './byte-dictionary.ts';
import { plainValue, type ByteSpanReader } from './byte-cells.ts';
import { assertFieldLength, type QuirkCounter } from './delimited-table.ts';
import { lineBreakAt, type Dialect } from './sniff.ts';

const QUOTE = 34;
const CR = 13;
const LF = 10;
const MINUS = 45;
const FNV_PRIME = 0x01000193;
const ZERO = 48;
/** Returned when papaparse must take over (a quote never closed). */
export const FALLBACK = -1;

/** Where blank lines and ragged rows are counted (the table builder's counters). */
export interface RowQuirks {
  readonly blank: QuirkCounter;
  readonly short: QuirkCounter;
  readonly long: QuirkCounter;
  /** Fields with text after their closing quote. */
  readonly badQuotes: QuirkCounter;
}

export interface RowRange {
  readonly bytes: Uint8Array;
  /** End of the body (the file's final line break excluded). */
  readonly end: number;
  readonly dialect: Pick<Dialect, 'delimiter'>;
  /** Longest field in bytes. */
  readonly maxField: number;
}

export class ByteRowParser {
  /** Data rows read so far, counting from the number given to the constructor. */
  rows: number;
  /** True when the last row read ended with a line break. */
  endedOnNewline = false;
  private readonly bytes: Uint8Array;
  private readonly end: number;
  private readonly delimiter: number;
  private readonly maxField: number;
  private readonly dictionaries: ByteDictionary[];
  /** 1-based data row being read, for messages. */
  private rowNumber = 0;
  /* Set by scanQuoted. */
  private contentEnd = 0;
  private hasEscapes = false;
  /** Set by scanPlain: the field's value when it is a plain decimal number, else NaN. */
  private plainNumber = NaN;
  /** Set by scanText: the span hash of the field's bytes. */
  private textHash = 0;
  private readonly decimal: number;
  private readonly canSkipMissing: boolean;

  constructor(
    range: RowRange,
    private readonly reader: ByteSpanReader,
    private readonly columns: readonly ColumnBuilder[],
    private readonly quirks: RowQuirks,
    rowsBefore: number,
  ) {
    this.bytes = range.bytes;
    this.end = range.end;
    this.delimiter = range.dialect.delimiter.charCodeAt(0);
    this.maxField = range.maxField;
    this.rows = rowsBefore;
    this.decimal = reader.decimal;
    this.canSkipMissing = !reader.hasNumericToken;
    const budget = { left: ARENA_BUDGET_BYTES }; // shared by the columns' dictionaries
    this.dictionaries = columns.map(() => new ByteDictionary(range.bytes, budget));
  }

  /**
   * Reads rows from `pos` (a row start) while they start before `stop`; returns the position
   * after the last row read (≥ stop, or the body's end), or FALLBACK. Throws FIELD_TOO_LONG.
   */
  parse(pos: number, stop: number): number {
    let p = pos;
    const limit = Math.min(stop, this.end);
    while (p < limit) {
      p = this.parseRow(p);
      if (p === FALLBACK) return FALLBACK;
    }
    return p;
  }

  /* One row into the columns; returns the start of the next row or FALLBACK. */
  private parseRow(pos: number): number {
    const { bytes, end, delimiter } = this;
    const width = this.columns.length;
    this.rowNumber = this.rows + 1;
    let p = pos;
    let col = 0;
    for (;;) {
      let start = p;
      let stop: number;
      let hasEscapes = false;
      let hash = 0;
      let isPushed = false;
      const isText = col < width && (this.columns[col] as ColumnBuilder).isText;
      if (p < end && bytes[p] === QUOTE) {
        p = this.scanQuoted(p);
        if (p === FALLBACK) return FALLBACK;
        start++;
        stop = this.contentEnd;
        hasEscapes = this.hasEscapes;
        if (p < end && bytes[p] !== delimiter && lineBreakAt(bytes, p) === 0) {
          p = this.pushWithTail(col, start, stop, p);
          isPushed = true;
        } else if (isText && !hasEscapes) hash = hashSpan(bytes, start, stop);
      } else {
        p = isText ? this.scanText(p) : this.scanPlain(p);
        stop = p;
        if (isText) hash = this.textHash;
        if (stop - start > this.maxField) assertFieldLength(stop - start, this.maxField, this.rowNumber);
      }
      const isRowEnd = p >= end || bytes[p] !== delimiter;
      if (col === 0) {
        if (isRowEnd && start === stop && (p >= end || lineBreakAt(bytes, p) > 0)) return this.endBlankLine(p);
        this.rows++;
      }
      const value = this.plainNumber;
      this.plainNumber = NaN;
      if (isPushed) {
        // pushed by pushWithTail
      } else if (isText && !hasEscapes) this.pushTextCell(col, start, stop, hash);
      else if (col < width) {
        if (value === value && this.canSkipMissing) (this.columns[col] as ColumnBuilder).pushNumber(value);
        else this.pushCell(col, start, stop, hasEscapes);
      }
      col++;
      if (!isRowEnd) {
        p++;
        if (p < end) continue;
        if (col < width) this.pushCell(col, p, p, false); // a trailing delimiter ends with an empty field
        col++;
      }
      return this.endRow(p, col);
    }
  }

  /* A quoted field opening at `pos`: returns the position after it, or FALLBACK. */
  private scanQuoted(pos: number): number {
    const { bytes, end } = this;
    const contentStart = pos + 1;
    let p = contentStart;
    let hasEscapes = false;
    for (;;) {
      const q = bytes.indexOf(QUOTE, p);
      if (q < 0 || q >= end) {
        assertFieldLength(end - contentStart, this.maxField, this.rowNumber);
        return FALLBACK; // never closed: papaparse reports it
      }
      if (q + 1 < end && bytes[q + 1] === QUOTE) {
        hasEscapes = true;
        p = q + 2;
        continue;
      }
      assertFieldLength(q - contentStart, this.maxField, this.rowNumber);
      this.contentEnd = q;
      this.hasEscapes = hasEscapes;
      return q + 1;
    }
  }

  /*
   * A quoted field with text after its closing quote ("Oferta" especial): read as pandas and
   * Python's csv module read it, the quoted part unquoted and then the rest as it is, up to the next
   * delimiter or line break (papaparse would read on to the next quote, rows later). Counted as a
   * stray quote. `from` is the byte after the closing quote; returns the field's end.
   */
  private pushWithTail(col: number, start: number, stop: number, from: number): number {
    const end = this.scanText(from);
    if (end - start > this.maxField) assertFieldLength(end - start, this.maxField, this.rowNumber);
    this.quirks.badQuotes.add(this.rowNumber);
    if (col >= this.columns.length) return end;
    const column = this.columns[col] as ColumnBuilder;
    const reader = this.reader;
    const text = reader.text(start, stop, this.hasEscapes) + reader.text(from, end, false);
    if (reader.isMissingText(text)) {
      column.pushMissing();
      return end;
    }
    const value = reader.numberOfText(text);
    if (value === value && !column.isText) column.pushNumber(value);
    else column.pushCode(column.textCode(text), value === value);
    return end;
  }

  /*
   * An unquoted field opening at `pos`: returns the position of the byte that ends it. On the way
   * it reads `-digits.digits` (the common number shape) into plainNumber, exactly as
   * parseSimpleNumber would; any other shape leaves NaN there for the general path to decide.
   */
  private scanPlain(pos: number): number {
    const { bytes, end, delimiter, decimal } = this;
    let p = pos;
    const isNegative = p < end && bytes[p] === MINUS;
    if (isNegative) p++;
    const digitsStart = p;
    let mantissa = 0;
    let decimalAt = -1;
    let isPlain = true;
    while (p < end) {
      const c = bytes[p] as number;
      const digit = c - ZERO;
      if (digit >= 0 && digit <= 9) mantissa = mantissa * 10 + digit;
      else if (c === delimiter || (c <= CR && (c === LF || c === CR))) break;
      else if (c === decimal && decimalAt < 0) decimalAt = p;
      else isPlain = false;
      p++;
    }
    if (isPlain) this.plainNumber = plainValue(bytes, digitsStart, p, decimalAt, mantissa, isNegative);
    return p;
  }

  /* scanPlain for a text column: hashes the field's bytes on the way instead (into textHash). */
  private scanText(pos: number): number {
    const { bytes, end, delimiter } = this;
    let p = pos;
    let hash = HASH_START;
    while (p < end) {
      const c = bytes[p] as number;
      if (c === delimiter || (c <= CR && (c === LF || c === CR))) break;
      hash = Math.imul(hash ^ c, FNV_PRIME);
      p++;
    }
    this.textHash = hash;
    return p;
  }

  private endBlankLine(p: number): number {
    this.quirks.blank.add(this.rows + 1);
    return this.endRow(p, -1);
  }

  /* Pads or counts a ragged row (fields: -1 for a blank line), then steps over the line break. */
  private endRow(p: number, fields: number): number {
    const width = this.columns.length;
    if (fields >= 0 && fields < width) {
      this.quirks.short.add(this.rows);
      for (let c = fields; c < width; c++) (this.columns[c] as ColumnBuilder).pushMissing();
    } else if (fields > width) this.quirks.long.add(this.rows, fields - width);
    if (p >= this.end) {
      this.endedOnNewline = false;
      return this.end;
    }
    const nl = lineBreakAt(this.bytes, p);
    this.endedOnNewline = nl > 0;
    return nl > 0 ? p + nl : FALLBACK; // not reached: every field ends at a delimiter or line break
  }

  /*
   * A cell of a text column without doubled quotes: what its bytes mean is classified once (missing,
   * number, text) and then found by hash, so a repeated value costs no string and no parse.
   */
  private pushTextCell(col: number, start: number, stop: number, hash: number): void {
    const column = this.columns[col] as ColumnBuilder;
    const dictionary = this.dictionaries[col] as ByteDictionary;
    let entry = dictionary.find(start, stop, hash);
    if (entry === CROWDED) {
      this.pushCell(col, start, stop, false);
      return;
    }
    if (entry < 0) {
      const reader = this.reader;
      const isMissing = reader.isMissing(start, stop, false);
      const isNumeric = !isMissing && !Number.isNaN(reader.number(start, stop, false));
      const code = isMissing ? -1 : column.textCode(reader.text(start, stop, false));
      entry = dictionary.add(start, stop, hash, code, isNumeric);
    }
    column.pushCode(dictionary.code(entry), dictionary.isNumeric(entry));
  }

  private pushCell(col: number, start: number, stop: number, hasEscapes: boolean): void {
    const column = this.columns[col] as ColumnBuilder;
    const reader = this.reader;
    if (reader.isMissing(start, stop, hasEscapes)) {
      column.pushMissing();
      return;
    }
    const value = reader.number(start, stop, hasEscapes);
    if (value === value && !column.isText) {
      column.pushNumber(value);
      return;
    }
    column.pushCode(column.textCode(reader.text(start, stop, hasEscapes)), value === value);
  }
}
