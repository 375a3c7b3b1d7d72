const MS_PER_DAY = 86_400_000;
/** Days from 1899-12-30 (Excel's effective epoch for serials over 60) to 1970-01-01. */
const EPOCH_OFFSET_1900 = 25_569;
/** The 1904 system counts from 1904-01-01: serial 0 there is serial 1462 in the 1900 system. */
const OFFSET_1904 = 1_462;

/**
 * Converts an Excel date serial to UTC epoch milliseconds, without time zones.
 *
 * In the 1900 system Excel counts the non-existent 1900-02-29 as serial 60 (Lotus' bug), so serials
 * below 60 are one day later than the plain formula gives; serial 60 itself maps to 1900-03-01
 * minus nothing real and is returned as 1900-02-28's successor (1900-03-01), as pandas/openpyxl do.
 * Fractions are times of day. Returns NaN for non-finite input.
 */
export function excelSerialToEpochMs(serial: number, is1904 = false): number {
  if (!Number.isFinite(serial)) return NaN;
  const days = is1904 ? serial + OFFSET_1904 : serial < 60 ? serial + 1 : serial;
  return Math.round((days - EPOCH_OFFSET_1900) * MS_PER_DAY);
}
