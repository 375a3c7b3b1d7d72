/*
 * A column seen as the type the user (or the inference) chose: numbers, dates or coded values.
 * Every conversion counts the cells it could not read, so nothing disappears silently.
 */
import { otherDecimalSign, parseNumber, type NumberFormat } from '../number-format.ts';
import type { Column } from '../table.ts';
import { readDateColumn, type DateColumnReading, type DateOrder } from './datetime-text.ts';
import { countCodes } from './category-stats.ts';

/**
 * For readings of a text column: each row's dictionary code and each dictionary entry's value, so
 * that `values[row] = entryValues[codes[row]]` (NaN for a missing code). Lets the profile sort the
 * few distinct entries instead of every row.
 */
export interface CodedValues {
  readonly codes: Int32Array;
  readonly entryValues: Float64Array;
}

export type ColumnReading =
  | {
      readonly kind: 'numeric';
      readonly values: Float64Array;
      readonly unparseable: number;
      readonly coded?: CodedValues;
    }
  | {
      readonly kind: 'datetime';
      readonly values: Float64Array;
      readonly unparseable: number;
      readonly order: DateOrder | 'native' | 'year';
      readonly isAmbiguous: boolean;
      readonly coded?: CodedValues;
    }
  | {
      readonly kind: 'coded';
      readonly codes: Int32Array;
      readonly dictionary: readonly string[];
      readonly unparseable: 0;
    };

function countUnread(column: Column, values: Float64Array): number {
  let unread = 0;
  if (column.kind === 'string') {
    const { codes } = column;
    for (let i = 0; i < values.length; i++) if ((codes[i] as number) >= 0 && Number.isNaN(values[i])) unread++;
  } else {
    const source = column.values;
    for (let i = 0; i < values.length; i++) if (!Number.isNaN(source[i]) && Number.isNaN(values[i])) unread++;
  }
  return unread;
}

/*
 * countUnread of a text column from how often each dictionary entry occurs (`counts`, one per
 * entry): the cells whose entry reads as NaN. No pass over the rows.
 */
function unreadFromCounts(entryValues: Float64Array, counts: Float64Array): number {
  let unread = 0;
  for (let e = 0; e < entryValues.length; e++) if (Number.isNaN(entryValues[e])) unread += counts[e] as number;
  return unread;
}

/* Share of a dictionary's entries that read as numbers under `format` (0 for an empty one). */
function numberShare(values: Float64Array): number {
  let numbers = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) numbers++;
  return values.length === 0 ? 0 : numbers / values.length;
}

/**
 * The dictionary's entries as numbers. A column the user chose to read as numbers whose entries
 * mostly read only with the other decimal sign (coordinates 40.4168 in a decimal-comma file) is
 * read with that sign: see {@link otherDecimalShare}.
 */
function entryNumbers(dictionary: readonly string[], format: NumberFormat, isForced: boolean): Float64Array {
  const own = Float64Array.from(dictionary, (text) => parseNumber(text, format, isForced));
  if (!isForced) return own;
  const other = Float64Array.from(dictionary, (text) => parseNumber(text, otherDecimalSign(format), true));
  const otherShare = numberShare(other);
  return otherShare >= OTHER_SIGN_SHARE && otherShare > numberShare(own) ? other : own;
}

/* Entries, and cells, that must read with the other decimal sign for a column to be said to use it. */
const OTHER_SIGN_SHARE = 0.9;
/* Dictionary entries tried before the whole dictionary is. */
const OTHER_SIGN_PROBES = 64;

/**
 * For a text column: the share of its present cells that read as numbers with the other decimal
 * sign, when at least 90% do and fewer than half read with the file's own (else 0). The alerts then suggest the numeric type, which
 * reads them that way (readNumeric with isForced). O(distinct), plus O(n) when it applies.
 */
export function otherDecimalShare(column: Column, format: NumberFormat): number {
  if (column.kind !== 'string' || column.dictionary.length === 0) return 0;
  // Cheap refusals first: half the cells already read with the file's own sign (numbers stored as
  // text), or the first entries mostly do not read with the other one (ordinary text).
  if (column.numericCells >= 0.5 * column.codes.length) return 0;
  const probe = column.dictionary.slice(0, OTHER_SIGN_PROBES);
  const sign = otherDecimalSign(format);
  if (probe.filter((text) => !Number.isNaN(parseNumber(text, sign, true))).length < OTHER_SIGN_SHARE * probe.length)
    return 0;
  const other = Float64Array.from(column.dictionary, (text) => parseNumber(text, sign, true));
  if (numberShare(other) < OTHER_SIGN_SHARE) return 0;
  const counts = countCodes(column.codes, column.dictionary.length);
  let present = 0;
  let numbers = 0;
  for (let e = 0; e < counts.length; e++) {
    present += counts[e] as number;
    if (!Number.isNaN(other[e])) numbers += counts[e] as number;
  }
  // 43.263 reads both ways (as 43263 with a dot for thousands): most cells must read only one way.
  // The cells that read with the file's own sign were counted by the reader (numericCells).
  const own = column.numericCells;
  return present > 0 && numbers >= OTHER_SIGN_SHARE * present && own < 0.5 * present ? numbers / present : 0;
}

/* Maps each code through a per-dictionary-entry value (NaN for missing codes). A plain loop: the
 * mapping form of Float64Array.from costs a callback per cell. */
function mapCodes(codes: Int32Array, perEntry: Float64Array): Float64Array {
  const out = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as number;
    out[i] = code < 0 ? NaN : (perEntry[code] as number);
  }
  return out;
}

/**
 * The column as numbers: text is parsed in the file's number format; dates become epoch ms.
 * `counts` (occurrences per dictionary entry of a text column), when known, spare a row pass.
 * `isForced`: the user chose the type, so zero-padded codes and long integers read as numbers too.
 */
export function readNumeric(
  column: Column,
  format: NumberFormat,
  counts?: Float64Array,
  isForced = false,
): ColumnReading {
  if (column.kind !== 'string') return { kind: 'numeric', values: column.values, unparseable: 0 };
  const perEntry = entryNumbers(column.dictionary, format, isForced);
  const values = mapCodes(column.codes, perEntry);
  const coded = { codes: column.codes, entryValues: perEntry };
  const unparseable = counts === undefined ? countUnread(column, values) : unreadFromCounts(perEntry, counts);
  return { kind: 'numeric', values, unparseable, coded };
}

const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

/**
 * The column as dates: native dates as they are, text by {@link readDateColumn}, whole numbers as
 * years. `counts` as in {@link readNumeric}.
 */
export function readDatetime(
  column: Column,
  minShare = 0,
  known?: DateColumnReading,
  counts?: Float64Array,
): ColumnReading | undefined {
  if (column.kind === 'date') {
    return { kind: 'datetime', values: column.values, unparseable: 0, order: 'native', isAmbiguous: false };
  }
  if (column.kind === 'number') {
    const values = new Float64Array(column.values.length);
    for (let i = 0; i < values.length; i++) {
      const v = column.values[i] as number;
      values[i] = Number.isInteger(v) && v >= MIN_YEAR && v <= MAX_YEAR ? Date.UTC(v, 0, 1) : NaN;
    }
    return { kind: 'datetime', values, unparseable: countUnread(column, values), order: 'year', isAmbiguous: false };
  }
  const reading = known ?? readDateColumn(column.dictionary, minShare);
  if (reading === undefined) return undefined;
  const coded = { codes: column.codes, entryValues: reading.values };
  // The profile reads text dates by their codes: the row values (8 bytes a row, fresh memory) are
  // written out only if something asks for them.
  let values: Float64Array | undefined;
  const rowValues = (): Float64Array => (values ??= mapCodes(coded.codes, coded.entryValues));
  return {
    kind: 'datetime',
    get values() {
      return rowValues();
    },
    unparseable: counts === undefined ? countUnread(column, rowValues()) : unreadFromCounts(reading.values, counts),
    order: reading.order,
    isAmbiguous: reading.isAmbiguous,
    coded,
  };
}

/** Shortest text that reads back as the same number (dates as ISO text). */
function numberText(value: number, isDate: boolean): string {
  return isDate ? new Date(value).toISOString() : String(value);
}

/** The column as coded values: text as it is; numbers and dates become their canonical text. */
export function readCoded(column: Column): ColumnReading {
  if (column.kind === 'string')
    return { kind: 'coded', codes: column.codes, dictionary: column.dictionary, unparseable: 0 };
  const dictionary: string[] = [];
  const codeOf = new Map<number, number>();
  const codes = new Int32Array(column.values.length);
  for (let i = 0; i < column.values.length; i++) {
    const v = column.values[i] as number;
    if (Number.isNaN(v)) {
      codes[i] = -1;
      continue;
    }
    const key = v === 0 ? 0 : v;
    let code = codeOf.get(key);
    if (code === undefined) {
      code = dictionary.length;
      dictionary.push(numberText(key, column.kind === 'date'));
      codeOf.set(key, code);
    }
    codes[i] = code;
  }
  return { kind: 'coded', codes, dictionary, unparseable: 0 };
}
