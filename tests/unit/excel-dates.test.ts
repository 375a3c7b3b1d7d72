import { describe, expect, it } from 'vitest';
import { excelSerialToEpochMs } from '../../src/ingest/excel-dates.ts';

// Reference serials computed with Python's datetime (days since 1899-12-30, resp. 1904-01-01).
const iso = (serial: number, is1904 = false): string => new Date(excelSerialToEpochMs(serial, is1904)).toISOString();

describe('excelSerialToEpochMs', () => {
  it('maps 1900-system serials like openpyxl, phantom leap day included', () => {
    expect(iso(45322)).toBe('2024-01-31T00:00:00.000Z');
    expect(iso(1)).toBe('1900-01-01T00:00:00.000Z');
    expect(iso(59)).toBe('1900-02-28T00:00:00.000Z');
    expect(iso(61)).toBe('1900-03-01T00:00:00.000Z');
    expect(iso(25569)).toBe('1970-01-01T00:00:00.000Z');
  });

  it('keeps the time of day', () => {
    expect(iso(45322.75)).toBe('2024-01-31T18:00:00.000Z');
  });

  it('maps 1904-system serials', () => {
    expect(iso(43860, true)).toBe('2024-01-31T00:00:00.000Z');
    expect(iso(0, true)).toBe('1904-01-01T00:00:00.000Z');
  });

  it('returns NaN for non-finite serials', () => {
    expect(excelSerialToEpochMs(Infinity)).toBeNaN();
  });
});
