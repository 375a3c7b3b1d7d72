/*
 * One column's profile: its type (guessed or chosen), counts, flags and the statistics that fit
 * its type. Every number that can be undefined is NaN here and becomes null in the JSON report.
 */
import type { NumberFormat } from '../number-format.ts';
import type { CountedSums } from '../stats/counting-sort.ts';
import { histogramSorted, type Histogram } from '../stats/histogram.ts';
import {
  sortedFinite,
  sortedFiniteCoded,
  sortedFiniteValues,
  statsOfSorted,
  type NumericStats,
} from '../stats/numeric-stats.ts';
import type { SortedValues } from '../stats/sorted-values.ts';
import type { Column, NumberColumn } from '../table.ts';
import { categoryStats, countCodes, type CategoryStats } from './category-stats.ts';
import { readCoded, readDatetime, readNumeric, type ColumnReading } from './column-reading.ts';
import { booleanWord, inferType, numberGuessOf, type ColumnType, type TypeGuess } from './infer-type.ts';
import { findPlaceholder, type Placeholder } from './placeholders.ts';
import { boxSummary, findOutliers, type BoxSummary, type OutlierSummary } from './outliers.ts';

export type ColumnFlag = 'id' | 'constant' | 'numbersAsText' | 'mixed' | 'empty' | 'ambiguousDate';

/** A column is called an identifier only from this many rows on: tiny tables are unique by chance. */
export const ID_MIN_ROWS = 10;
/** Text columns whose non-missing cells are numbers at least this often are "numbers as text". */
export const NUMBERS_AS_TEXT_SHARE = 0.9;

export interface DatetimeStats {
  readonly min: string | null;
  readonly max: string | null;
  readonly rangeDays: number;
  readonly order: string;
}

export interface BooleanStats {
  readonly trueCount: number;
  readonly falseCount: number;
  /** Cells that are neither true- nor false-like words. */
  readonly otherCount: number;
}

export interface ColumnProfile {
  readonly index: number;
  readonly name: string;
  readonly type: ColumnType;
  readonly inferredType: ColumnType;
  readonly alternatives: readonly ColumnType[];
  readonly count: number;
  readonly missing: number;
  /** Non-missing cells that could not be read as the chosen type (counted as missing above). */
  readonly unparseable: number;
  readonly distinct: number;
  readonly flags: readonly ColumnFlag[];
  readonly numeric?: NumericStats;
  readonly categories?: CategoryStats;
  readonly datetime?: DatetimeStats;
  readonly boolean?: BooleanStats;
  readonly histogram?: Histogram;
  readonly box?: BoxSummary;
  readonly outliers?: OutlierSummary;
  /** The most frequent placeholder value (-999, 1900-01-01…) of a numeric or date column, if any. */
  readonly placeholder?: Placeholder;
  /** The column as read for its type, kept for cross-column work (correlations, alerts). */
  readonly reading: ColumnReading;
}

/* `counts`: occurrences per dictionary entry of a text column, when known (saves a row pass). */
function readAs(
  column: Column,
  type: ColumnType,
  format: NumberFormat,
  guess: TypeGuess,
  counts?: Float64Array,
  isForced = false,
): ColumnReading {
  if (type === 'integer' || type === 'numeric') return readNumeric(column, format, counts, isForced);
  if (type === 'datetime') return readDatetime(column, 0, guess.dates, counts) ?? readCoded(column);
  return readCoded(column);
}

/*
 * How often each dictionary entry of a text column occurs (undefined for other columns), and its
 * non-missing cells: only text columns' type guess needs them. The counts serve the coded profile
 * too, so the codes are counted once.
 */
function codeCountsOf(column: Column): { counts?: Float64Array; present: number } {
  if (column.kind !== 'string') return { present: 0 };
  const counts = countCodes(column.codes, column.dictionary.length);
  let present = 0;
  for (let i = 0; i < counts.length; i++) present += counts[i] as number;
  return { counts, present };
}

function baseFlags(column: Column, count: number, distinct: number, rows: number, type: ColumnType): ColumnFlag[] {
  const flags: ColumnFlag[] = [];
  if (count === 0) flags.push('empty');
  if (distinct === 1) flags.push('constant');
  const canBeId = type === 'integer' || type === 'text' || type === 'categorical';
  if (canBeId && count >= ID_MIN_ROWS && distinct === count && count === rows) flags.push('id');
  if (column.kind === 'string' && count > 0) {
    const share = column.numericCells / count;
    if (share >= NUMBERS_AS_TEXT_SHARE) flags.push('numbersAsText');
    else if (share > 0) flags.push('mixed');
  }
  return flags;
}

/*
 * Where each numeric column's finite values are sorted. Reused from column to column (the sorted
 * values never outlive profileColumn) so that a million-row table does not churn 8 MB per column.
 */
let sortBuffer = new Float64Array(0);

type ValuesReading = Exclude<ColumnReading, { kind: 'coded' }>;
type ProfileBody = Omit<ColumnProfile, 'index' | 'name' | 'type' | 'inferredType' | 'alternatives' | 'reading'>;

/* The shared sort buffer, at least `n` long. */
function bufferFor(n: number): Float64Array {
  if (sortBuffer.length < n) sortBuffer = new Float64Array(n);
  return sortBuffer;
}

/* The reading's finite values sorted into the shared buffer; `counts` as in sortedFiniteCoded. */
function sortedOf(
  reading: ValuesReading,
  counts?: Float64Array,
): { sorted: Float64Array; infinite: number; sums?: CountedSums } {
  const buffer = bufferFor(reading.coded === undefined ? reading.values.length : reading.coded.codes.length);
  return reading.coded === undefined
    ? sortedFinite(reading.values, buffer)
    : sortedFiniteCoded(reading.coded.codes, reading.coded.entryValues, buffer, counts);
}

/* Counts, flags and the date or number statistics of a numeric or date reading, from its sorted values. */
function valuesProfile(
  column: Column,
  reading: ValuesReading,
  rows: number,
  type: ColumnType,
  sorted: SortedValues,
  stats: NumericStats,
): ProfileBody {
  const count = stats.count + stats.infinite;
  const flags = baseFlags(column, count, stats.distinct, rows, type);
  const placeholder = findPlaceholder(sorted, () => reading.values, reading.kind === 'datetime');
  const common = {
    count,
    missing: rows - count,
    unparseable: reading.unparseable,
    distinct: stats.distinct,
    flags,
    ...(placeholder === undefined ? {} : { placeholder }),
  };
  if (reading.kind === 'datetime') {
    if (reading.isAmbiguous) flags.push('ambiguousDate');
    return { ...common, datetime: datetimeStats(stats, reading.order), histogram: histogramSorted(sorted, stats.iqr) };
  }
  return {
    ...common,
    numeric: stats,
    histogram: histogramSorted(sorted, stats.iqr),
    box: boxSummary(sorted, stats),
    outliers: findOutliers(reading.values, stats, sorted),
  };
}

/*
 * A number column read as numbers (its inferred type, or integer/numeric chosen): the type guess
 * follows from the sorted values' facts, so the column is not scanned a second time for it.
 */
function numberProfile(
  column: NumberColumn,
  index: number,
  rows: number,
  format: NumberFormat,
  override?: ColumnType,
): ColumnProfile {
  const reading = readNumeric(column, format) as ValuesReading; // a number column reads as its own values
  const { sorted, infinite, isWhole, sums } = sortedFiniteValues(reading.values, bufferFor(reading.values.length));
  const stats = statsOfSorted(sorted, infinite, sums);
  const guess = numberGuessOf({
    isInteger: isWhole,
    isYearLike: stats.min >= 1000 && stats.max <= 9999,
    isBinary: stats.min >= 0 && stats.max <= 1,
    distinct: stats.distinct,
  });
  const type = override ?? guess.type;
  const base = { index, name: column.name, type, inferredType: guess.type, alternatives: guess.alternatives, reading };
  return { ...base, ...valuesProfile(column, reading, rows, type, sorted, stats) };
}

/**
 * Profiles one column as `override` (when given) or as its inferred type. Numeric columns get
 * pandas-style statistics, histogram, box summary and outliers; coded ones value counts; dates
 * min/max/range and a timeline histogram. O(n log n) for numeric columns, O(n) otherwise.
 */
export function profileColumn(
  column: Column,
  index: number,
  rows: number,
  format: NumberFormat,
  override?: ColumnType,
): ColumnProfile {
  if (column.kind === 'number' && (override === undefined || override === 'integer' || override === 'numeric'))
    return numberProfile(column, index, rows, format, override);
  const { counts, present } = codeCountsOf(column);
  const guess = inferType(column, present);
  const type = override ?? guess.type;
  const reading = readAs(column, type, format, guess, counts, override !== undefined);
  const base = { index, name: column.name, type, inferredType: guess.type, alternatives: guess.alternatives, reading };
  // The counts fit any reading that kept the column's own codes (one level per dictionary entry).
  const countsFor = (codes: Int32Array): Float64Array | undefined =>
    column.kind === 'string' && codes === column.codes ? counts : undefined;
  if (reading.kind === 'coded')
    return { ...base, ...codedProfile(column, reading, rows, type, countsFor(reading.codes)) };
  const { sorted, infinite, sums } = sortedOf(reading, reading.coded && countsFor(reading.coded.codes));
  return { ...base, ...valuesProfile(column, reading, rows, type, sorted, statsOfSorted(sorted, infinite, sums)) };
}

const MS_PER_DAY = 86_400_000;

function datetimeStats(stats: NumericStats, order: string): DatetimeStats {
  const iso = (ms: number): string | null => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);
  return { min: iso(stats.min), max: iso(stats.max), rangeDays: (stats.max - stats.min) / MS_PER_DAY, order };
}

function codedProfile(
  column: Column,
  reading: Extract<ColumnReading, { kind: 'coded' }>,
  rows: number,
  type: ColumnType,
  knownCounts?: Float64Array,
): ProfileBody {
  const counts = knownCounts ?? countCodes(reading.codes, reading.dictionary.length);
  let count = 0;
  let distinct = 0;
  for (const c of counts) {
    count += c;
    if (c > 0) distinct++;
  }
  const categories = categoryStats(reading.dictionary, counts);
  const flags = baseFlags(column, count, distinct, rows, type);
  const base = { count, missing: rows - count, unparseable: 0, distinct, flags, categories };
  return type === 'boolean' ? { ...base, boolean: booleanStats(reading.dictionary, counts) } : base;
}

function booleanStats(dictionary: readonly string[], counts: Float64Array): BooleanStats {
  let trueCount = 0;
  let falseCount = 0;
  let otherCount = 0;
  dictionary.forEach((text, i) => {
    const c = counts[i] as number;
    const word = booleanWord(text) ?? (text === '1' ? true : text === '0' ? false : undefined);
    if (word === true) trueCount += c;
    else if (word === false) falseCount += c;
    else otherCount += c;
  });
  return { trueCount, falseCount, otherCount };
}
