const MS_PER_DAY = 86_400_000;
/** Days from 1899-12-30 (Excel's effective epoch for serials over 60) to 1970-01-01. */
const EPOCH_OFFSET_1900 = 25_569;
/** The 1904 system counts from 1904-01-01: serial 0 there is serial 1462 in the 1900 system. */
const OFFSET_1904 = 1_462;

/**
 * Converts an Excel date serial to UTC epoch milliseconds, without time zones.
 *
 * In the 1900 system Excel counts the non-existent 1900-02-29 as serial 60 (Lotus' bug), so serials
 * up to 60 are shifted by one day, as openpyxl (and so pandas) does: 1 → 1900-01-01,
 * 59 → 1900-02-28, 60 (the phantom leap day) → 1900-03-01, 61 → 1900-03-01.
 * Fractions are times of day, rounded to the millisecond. Returns NaN for non-finite input.
 */
export function excelSerialToEpochMs(serial: number, is1904 = false): number {
  if (!Number.isFinite(serial)) return NaN;
  const days = is1904 ? serial + OFFSET_1904 : serial <= 60 ? serial + 1 : serial;
  return Math.round((days - EPOCH_OFFSET_1900) * MS_PER_DAY);
}
