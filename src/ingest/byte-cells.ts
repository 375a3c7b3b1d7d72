/*
 * Cells read straight from byte spans of the file: missing tokens, numbers and text. Numbers are parsed straight from the bytes (no string) in the common shapes; anything rarer is
 * decoded and handed to parseNumber, so both paths agree exactly by construction.
 */
import { parseNumber, MAX_INTEGER_DIGITS, trimSpaces, type NumberFormat } from '../core/number-format.ts';
import type { RowCells } from './delimited-table.ts';
import { decodeWindows1252 } from './windows-1252.ts';

const SPACE = 32;
const MAX_EXACT_DIGITS = 15; // mantissas below 10^15 and powers of ten up to 10^22 are exact doubles
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

export type ByteEncoding = 'utf-8' | 'windows-1252';

/**
 * Cell readers over byte spans of one file: missing-token test, number and text, with the exact
 * semantics of parseNumber and of decoding the span. Spans are content spans (inside the quotes);
 * `hasEscapedQuotes` says the span came from a quoted field holding doubled quotes.
 */
export class ByteSpanReader {
  /** The ASCII tokens' first bytes: a cell starting with any other byte (and no space) is no token. */
  private readonly tokenStart = new Uint8Array(256);
  private readonly maxTokenLength: number;
  private readonly isEmptyMissing: boolean;
  private readonly decoder: { decode: (bytes: Uint8Array) => string };
  /** ASCII tokens, compared byte-wise; others can only be compared as decoded text. */
  private readonly asciiTokens: readonly Uint8Array[];
  private readonly hasNonAsciiTokens: boolean;
  /** The decimal separator's byte. */
  readonly decimal: number;
  private readonly thousands: number;
  /** True when a missing token holds a digit: a cell that reads as a number may still be missing. */
  readonly hasNumericToken: boolean;

  constructor(
    readonly bytes: Uint8Array,
    encoding: ByteEncoding,
    private readonly format: NumberFormat,
    private readonly missingTokens: ReadonlySet<string>,
  ) {
    this.decoder = encoding === 'utf-8' ? new TextDecoder('utf-8', { ignoreBOM: true }) : { decode: decodeWindows1252 };
    const isAscii = (t: string): boolean => /^[\x20-\x7e]*$/.test(t);
    this.asciiTokens = [...missingTokens].filter(isAscii).map((t) => Uint8Array.from(t, (ch) => ch.charCodeAt(0)));
    this.hasNonAsciiTokens = [...missingTokens].some((t) => !isAscii(t));
    for (const token of this.asciiTokens) if (token.length > 0) this.tokenStart[token[0] as number] = 1;
    this.maxTokenLength = Math.max(0, ...this.asciiTokens.map((t) => t.length));
    this.isEmptyMissing = this.asciiTokens.some((t) => t.length === 0);
    this.decimal = format.decimal.charCodeAt(0);
    this.thousands = format.thousands === '' ? -1 : format.thousands.charCodeAt(0);
    this.hasNumericToken = [...missingTokens].some((t) => /[0-9]/.test(t));
  }

  /** The cell's text, decoded (doubled quotes undone when `hasEscapedQuotes`). */
  text(start: number, end: number, hasEscapedQuotes: boolean): string {
    const text = decodeSpan(this.bytes, start, end, this.decoder);
    return hasEscapedQuotes ? text.replaceAll('""', '"') : text;
  }

  /** True when the cell, trimmed of spaces or not, is one of the missing tokens. */
  isMissing(start: number, end: number, hasEscapedQuotes: boolean): boolean {
    if (start === end) return this.isEmptyMissing; // '' is an ASCII token when it is one
    const bytes = this.bytes;
    const isSpaced = bytes[start] === SPACE || bytes[end - 1] === SPACE;
    if (!isSpaced && (end - start > this.maxTokenLength || this.tokenStart[bytes[start] as number] === 0)) {
      return this.hasNonAsciiTokens && this.missingTokens.has(this.text(start, end, hasEscapedQuotes));
    }
    if (this.matchesToken(start, end)) return true;
    let s = start;
    let e = end;
    while (s < e && bytes[s] === SPACE) s++;
    while (e > s && bytes[e - 1] === SPACE) e--;
    if ((s !== start || e !== end) && this.matchesToken(s, e)) return true;
    return this.hasNonAsciiTokens && this.missingTokens.has(trimSpaces(this.text(start, end, hasEscapedQuotes)));
  }

  private matchesToken(start: number, end: number): boolean {
    const n = end - start;
    outer: for (const token of this.asciiTokens) {
      if (token.length !== n) continue;
      for (let i = 0; i < n; i++) if (token[i] !== this.bytes[start + i]) continue outer;
      return true;
    }
    return false;
  }

  /** True when a cell's text (built from more than one span), trimmed of spaces or not, is a missing token. */
  isMissingText(text: string): boolean {
    return this.missingTokens.has(text) || this.missingTokens.has(trimSpaces(text));
  }

  /** A cell's text (built from more than one span) as a number in the file's format, or NaN. */
  numberOfText(text: string): number {
    return parseNumber(text, this.format);
  }

  /** The cell as a number in the file's format, or NaN (exactly parseNumber of its text). */
  number(start: number, end: number, hasEscapedQuotes: boolean): number {
    const bytes = this.bytes;
    let s = start;
    let e = end;
    while (s < e && bytes[s] === SPACE) s++;
    while (e > s && bytes[e - 1] === SPACE) e--;
    if (s === e) return NaN;
    const fast = parseSimpleNumber(bytes, s, e, this.decimal, this.thousands);
    return fast === SLOW ? parseNumber(this.text(start, end, hasEscapedQuotes), this.format) : fast;
  }
}

/** A row of fields held as byte spans of the file (the header rows, which need the RowCells view). */
export class ByteRowCells implements RowCells {
  length = 0;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private escaped = new Uint8Array(64);

  constructor(private readonly reader: ByteSpanReader) {}

  reset(): void {
    this.length = 0;
  }

  push(start: number, end: number, hasEscapedQuotes: boolean): void {
    if (this.length === this.starts.length) this.grow();
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.escaped[this.length] = hasEscapedQuotes ? 1 : 0;
    this.length++;
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    const escaped = new Uint8Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    escaped.set(this.escaped);
    this.starts = starts;
    this.ends = ends;
    this.escaped = escaped;
  }

  isBlankLine(): boolean {
    return this.length === 1 && this.starts[0] === this.ends[0];
  }

  text(index: number): string {
    return this.reader.text(this.starts[index] ?? 0, this.ends[index] ?? 0, this.escaped[index] === 1);
  }

  isMissing(index: number): boolean {
    return this.reader.isMissing(this.starts[index] ?? 0, this.ends[index] ?? 0, this.escaped[index] === 1);
  }

  number(index: number): number {
    return this.reader.number(this.starts[index] ?? 0, this.ends[index] ?? 0, this.escaped[index] === 1);
  }
}

/** Sentinel: the fast parser declines, the cell goes through parseNumber. */
const SLOW = -0.5e-323;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/*
 * [sign] digits [groups] [decimal digits], at most 15 digits in all: value = mantissa / 10^frac,
 * one correctly rounded division, so it equals Number() of the same text. Returns NaN for cells
 * that cannot be numbers, SLOW for every other shape (exponents, inf, long or odd digit groups).
 */
function parseSimpleNumber(bytes: Uint8Array, start: number, end: number, decimal: number, thousands: number): number {
  const first = bytes[start] as number;
  const hasSign = first === 45 || first === 43;
  if (!hasSign && !isDigit(first) && first !== decimal) return first === 73 || first === 105 ? SLOW : NaN;
  let i = hasSign ? start + 1 : start;
  const intStart = i;
  let mantissa = 0;
  let intDigits = 0;
  let group = -1;
  for (; i < end; i++) {
    const c = bytes[i] as number;
    if (isDigit(c)) {
      mantissa = mantissa * 10 + (c - 48);
      intDigits++;
      if (group >= 0) group++;
    } else if (c === thousands && intDigits > 0 && (group < 0 ? intDigits <= 3 : group === 3)) group = 0;
    else break;
  }
  let fracDigits = 0;
  if (i < end && bytes[i] === decimal) {
    for (i++; i < end && isDigit(bytes[i] as number); i++) {
      mantissa = mantissa * 10 + ((bytes[i] as number) - 48);
      fracDigits++;
    }
  }
  if (i !== end) {
    // parseNumber accepts more only with an exponent or a signed infinity; any other stop is text.
    const c = bytes[i] as number;
    const isSignedInfinity = i === intStart && hasSign && (c === 73 || c === 105);
    return c === 101 || c === 69 || isSignedInfinity ? SLOW : NaN;
  }
  if (group >= 0 && group !== 3) return NaN;
  if (intDigits + fracDigits === 0) return NaN;
  if (intDigits > 1 && bytes[intStart] === 48) return NaN; // zero-padded code such as 007
  if (fracDigits === 0 && intDigits > MAX_INTEGER_DIGITS) return NaN; // an identifier, kept as text
  if (intDigits + fracDigits > MAX_EXACT_DIGITS) return SLOW;
  const value = fracDigits === 0 ? mantissa : mantissa / (POW10[fracDigits] as number);
  return first === 45 ? -value : value;
}

/** Decodes a byte span: ASCII directly, anything else with the file's decoder. */
export function decodeSpan(
  bytes: Uint8Array,
  start: number,
  end: number,
  decoder: { decode: (b: Uint8Array) => string },
): string {
  if (end - start <= 256) {
    let ascii = true;
    for (let i = start; i < end && ascii; i++) ascii = (bytes[i] as number) < 0x80;
    // Every byte below 0x80 is its own character in both encodings.
    if (ascii) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
  }
  const span = bytes.subarray(start, end);
  // Browsers' TextDecoder refuses views of shared memory (a file shared with a worker): copy those.
  return decoder.decode(span.buffer instanceof ArrayBuffer ? span : span.slice());
}

/*
 * The value of digits [start, stop) holding at most one decimal separator (at `decimalAt`, or -1):
 * mantissa / 10^fraction digits, one correctly rounded division, so equal to Number() of the
 * text. NaN for what parseNumber treats otherwise (no digits, zero padding, long identifiers,
 * more digits than a double holds exactly): the general path decides those.
 */
export function plainValue(
  bytes: Uint8Array,
  start: number,
  stop: number,
  decimalAt: number,
  mantissa: number,
  isNegative: boolean,
): number {
  const intDigits = (decimalAt < 0 ? stop : decimalAt) - start;
  const fracDigits = decimalAt < 0 ? 0 : stop - decimalAt - 1;
  const digits = intDigits + fracDigits;
  if (digits === 0 || digits > MAX_EXACT_DIGITS) return NaN;
  if (intDigits > 1 && bytes[start] === 48) return NaN;
  const value = fracDigits === 0 ? mantissa : mantissa / (POW10[fracDigits] as number);
  return isNegative ? -value : value;
}
