import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../src/core/number-format.ts';

const DOT = { decimal: '.', thousands: '' } as const;
const COMMA = { decimal: ',', thousands: '' } as const;
const ES = { decimal: ',', thousands: '.' } as const;
const US = { decimal: '.', thousands: ',' } as const;

describe('parseNumber', () => {
  it.each([
    ['0', 0],
    ['42', 42],
    ['-17', -17],
    ['+3', 3],
    ['3.25', 3.25],
    ['.5', 0.5],
    ['-.5', -0.5],
    ['5.', 5],
    ['1e3', 1000],
    ['1.5E-3', 0.0015],
    ['-2.5e+2', -250],
    ['  7  ', 7],
    ['1e308', 1e308],
    ['0.000001', 0.000001],
    ['inf', Infinity],
    ['-Infinity', -Infinity],
    ['999999999999999', 999999999999999],
  ])('reads %j with a decimal point as %d', (text, expected) => {
    expect(parseNumber(text, DOT)).toBe(expected);
  });

  it.each(['', ' ', 'abc', '1.2.3', '1,5', '--1', '1e', 'e5', '.', '-', '1 2', '0x1F', '12abc', '1_000'])(
    'refuses %j with a decimal point',
    (text) => {
      expect(parseNumber(text, DOT)).toBeNaN();
    },
  );

  it('keeps zero-padded codes and long identifiers as text', () => {
    expect(parseNumber('007', DOT)).toBeNaN();
    expect(parseNumber('00', DOT)).toBeNaN();
    expect(parseNumber('-007', DOT)).toBeNaN();
    expect(parseNumber('12345678901234567890', DOT)).toBeNaN();
    expect(parseNumber('1234567890123456', DOT)).toBeNaN();
    expect(parseNumber('0.07', DOT)).toBe(0.07);
  });

  it('reads decimal commas', () => {
    expect(parseNumber('1,5', COMMA)).toBe(1.5);
    expect(parseNumber('2,25', COMMA)).toBe(2.25);
    expect(parseNumber('-0,5', COMMA)).toBe(-0.5);
    expect(parseNumber('1.5', COMMA)).toBeNaN();
  });

  it('reads thousands separators only in groups of three', () => {
    expect(parseNumber('1.234,56', ES)).toBe(1234.56);
    expect(parseNumber('12.345.678', ES)).toBe(12345678);
    expect(parseNumber('1.23,4', ES)).toBeNaN();
    expect(parseNumber('1234.567', ES)).toBeNaN();
    expect(parseNumber('10,301', US)).toBe(10301);
    expect(parseNumber('1,2345', US)).toBeNaN();
    expect(parseNumber('-1,234.5', US)).toBe(-1234.5);
    expect(parseNumber('1 234,5', { decimal: ',', thousands: ' ' })).toBe(1234.5);
  });
});
