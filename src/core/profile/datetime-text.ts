/**
 * Date recognition for text columns. Each distinct text is tried once against a few unambiguous
 * shapes (ISO 8601 dates and date-times) and the day/month shapes `d/m/y`, `d-m-y`, `d.m.y`,
 * whose order (day-first or month-first) is decided per column by the data: a first number over
 * 12 settles day-first, a second number over 12 settles month-first, and when neither appears the
 * column is ambiguous and read day-first (the European convention most of our users have).
 * All times are read as UTC wall-clock times.
 */

export type DateOrder = 'iso' | 'dayFirst' | 'monthFirst';

export interface DateColumnReading {
  readonly order: DateOrder;
  /** True when day/month order could not be decided from the data. */
  readonly isAmbiguous: boolean;
  /** Epoch ms for each dictionary entry, NaN where the text is not a date in that order. */
  readonly values: Float64Array;
  /** Dictionary entries that parsed. */
  readonly parsed: number;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const DMY = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return NaN;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  return new Date(t).getUTCDate() === d ? t : NaN; // rejects 31/02
}

function offsetMs(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}

/** Parses an ISO 8601 date or date-time (offsets converted to UTC). NaN when not one. */
export function parseIsoDate(text: string): number {
  const m = ISO.exec(text.trim());
  if (m === null) return NaN;
  const n = (i: number): number => Number(m[i] ?? 0);
  const ms = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0'));
  return utc(n(1), n(2), n(3), n(4), n(5), n(6), ms) - offsetMs(m[8]);
}

interface DayMonthParts {
  readonly a: number;
  readonly b: number;
  readonly year: number;
  readonly time: readonly [number, number, number];
}

function splitDayMonth(text: string): DayMonthParts | undefined {
  const m = DMY.exec(text.trim());
  if (m === null) return undefined;
  const rawYear = Number(m[4]);
  // Two-digit years pivot like Python's %y: 00–68 → 2000s, 69–99 → 1900s.
  const year = (m[4] ?? '').length === 2 ? (rawYear <= 68 ? 2000 + rawYear : 1900 + rawYear) : rawYear;
  return { a: Number(m[1]), b: Number(m[3]), year, time: [Number(m[5] ?? 0), Number(m[6] ?? 0), Number(m[7] ?? 0)] };
}

function dayMonthValue(p: DayMonthParts, order: 'dayFirst' | 'monthFirst'): number {
  const [day, month] = order === 'dayFirst' ? [p.a, p.b] : [p.b, p.a];
  return utc(p.year, month, day, ...p.time);
}

/**
 * Reads a dictionary of texts as dates, deciding the order from the data. Returns undefined
 * when fewer than `minShare` of the entries parse in the best order. O(distinct).
 */
export function readDateColumn(dictionary: readonly string[], minShare = 0.95): DateColumnReading | undefined {
  if (dictionary.length === 0) return undefined;
  const iso = Float64Array.from(dictionary, parseIsoDate);
  const isoParsed = iso.filter((v) => !Number.isNaN(v)).length;
  const parts = dictionary.map(splitDayMonth);
  const dayFirstEvidence = parts.some((p) => p !== undefined && p.a > 12 && p.b <= 12);
  const monthFirstEvidence = parts.some((p) => p !== undefined && p.b > 12 && p.a <= 12);
  const order = monthFirstEvidence && !dayFirstEvidence ? 'monthFirst' : 'dayFirst';
  const dayMonth = Float64Array.from(parts, (p) => (p === undefined ? NaN : dayMonthValue(p, order)));
  const dayMonthParsed = dayMonth.filter((v) => !Number.isNaN(v)).length;
  const best = Math.max(isoParsed, dayMonthParsed);
  if (best === 0 || best < minShare * dictionary.length) return undefined;
  if (isoParsed >= dayMonthParsed) return { order: 'iso', isAmbiguous: false, values: iso, parsed: isoParsed };
  return { order, isAmbiguous: !dayFirstEvidence && !monthFirstEvidence, values: dayMonth, parsed: dayMonthParsed };
}
