/** How numbers are written in a file: `1.234,5` is `{ decimal: ',', thousands: '.' }`. */
export interface NumberFormat {
  readonly decimal: '.' | ',';
  /** The digit-group separator, or '' when groups are not separated. */
  readonly thousands: '' | '.' | ',' | ' ';
}

export const DEFAULT_NUMBER_FORMAT: NumberFormat = { decimal: '.', thousands: '' };

/** Integers with more digits than this stay text: they are identifiers, and doubles would round them. */
export const MAX_INTEGER_DIGITS = 15;

/**
 * The format with the other decimal sign and no thousands separator: how a column of coordinates
 * (40.4168) is written in a decimal-comma file, or amounts (3,5) in a decimal-point one.
 */
export function otherDecimalSign(format: NumberFormat): NumberFormat {
  return { decimal: format.decimal === ',' ? '.' : ',', thousands: '' };
}

const CODE_0 = 48;
const CODE_9 = 57;

/** Strips ASCII spaces (only U+0020, as number and missing-token matching do) from both ends. */
export function trimSpaces(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 32) start++;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function isDigit(code: number): boolean {
  return code >= CODE_0 && code <= CODE_9;
}

const INFINITIES: Readonly<Record<string, number>> = {
  inf: Infinity,
  '+inf': Infinity,
  '-inf': -Infinity,
  infinity: Infinity,
  '+infinity': Infinity,
  '-infinity': -Infinity,
};

/**
 * Parses one cell as a number in the given format, or returns NaN when the cell is not a number.
 *
 * Accepts a sign, digit groups (exactly three digits after each thousands separator), a decimal
 * part (`.5` and `5.` too), an exponent and surrounding spaces, and `inf`/`Infinity` in any case.
 * Refuses what would be mangled by a numeric reading: zero-padded codes (`007`), integers of more
 * than {@link MAX_INTEGER_DIGITS} digits (identifiers), and anything else; `isForced` (the user chose a
 * number type) reads those two as numbers too (beyond 2^53 rounded). O(length), no regex.
 */
export function parseNumber(text: string, format: NumberFormat = DEFAULT_NUMBER_FORMAT, isForced = false): number {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 32) start++;
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  if (start === end) return NaN;
  const first = text.charCodeAt(start);
  if (!isDigit(first) && first !== 46 && first !== 44 && first !== 43 && first !== 45) {
    return first === 73 || first === 105 ? parseInfinity(text.slice(start, end)) : NaN;
  }
  return scanNumber(text, start, end, format, isForced);
}

function parseInfinity(text: string): number {
  return INFINITIES[text.toLowerCase()] ?? NaN;
}

/* Validates the cell with a small state machine and builds the JS-syntax string only when needed. */
function scanNumber(text: string, start: number, end: number, format: NumberFormat, isForced: boolean): number {
  const decimalCode = format.decimal.charCodeAt(0);
  const thousandsCode = format.thousands === '' ? -1 : format.thousands.charCodeAt(0);
  let i = start;
  let out = '';
  const sign = text.charCodeAt(i);
  if (sign === 43 || sign === 45) {
    if (sign === 45) out = '-';
    i++;
    if (i < end && (text.charCodeAt(i) === 73 || text.charCodeAt(i) === 105)) {
      return parseInfinity(text.slice(start, end));
    }
  }
  const intStart = i;
  let intDigits = 0;
  let groupLength = -1; // -1: no separator seen yet
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) {
      intDigits++;
      if (groupLength >= 0) groupLength++;
      continue;
    }
    if (c === thousandsCode && intDigits > 0 && (groupLength < 0 || groupLength === 3)) {
      if (groupLength < 0 && intDigits > 3) return NaN;
      groupLength = 0;
      continue;
    }
    break;
  }
  if (groupLength >= 0 && groupLength !== 3) return NaN;
  const intPart = groupLength >= 0 ? stripSeparators(text, intStart, i, thousandsCode) : text.slice(intStart, i);
  out += intPart;
  let fracDigits = 0;
  if (i < end && text.charCodeAt(i) === decimalCode) {
    out += '.';
    i++;
    const fracStart = i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    fracDigits = i - fracStart;
    out += text.slice(fracStart, i);
  }
  if (intDigits === 0 && fracDigits === 0) return NaN;
  let hasExponent = false;
  if (i < end && (text.charCodeAt(i) | 32) === 101) {
    const expStart = i;
    i++;
    if (i < end && (text.charCodeAt(i) === 43 || text.charCodeAt(i) === 45)) i++;
    const expDigitsStart = i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    if (i === expDigitsStart) return NaN;
    hasExponent = true;
    out += text.slice(expStart, i);
  }
  if (i !== end) return NaN;
  // Codes and identifiers stay text, unless the user chose a number type for the column.
  if (isForced) return Number(out);
  if (intDigits > 1 && text.charCodeAt(intStart) === CODE_0) return NaN; // 007, 00.5
  if (fracDigits === 0 && !hasExponent && intDigits > MAX_INTEGER_DIGITS) return NaN;
  return Number(out);
}

function stripSeparators(text: string, from: number, to: number, separator: number): string {
  let out = '';
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== separator) out += text.charAt(i);
  }
  return out;
}
