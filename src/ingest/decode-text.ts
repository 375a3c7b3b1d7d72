import { AnalysisError } from '../core/errors.ts';
import type { TextEncodingName } from './options.ts';
import { decodeWindows1252 } from './windows-1252.ts';

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncodingName;
  readonly hasBom: boolean;
  /** True when strict UTF-8 failed and Windows-1252 was used instead. */
  readonly isFallback: boolean;
}

/** Reads a byte-order mark. Returns the encoding it names and its length, or undefined. */
export function readBom(bytes: Uint8Array): { encoding: TextEncodingName; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * Guesses UTF-16 without a BOM from the pattern of zero bytes in the first 4 KiB: ASCII-heavy
 * UTF-16 text has a zero in every other byte. Returns undefined for anything else.
 */
export function sniffUtf16(bytes: Uint8Array): TextEncodingName | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > 0.4 * pairs && evenZeros < 0.05 * pairs) return 'utf-16le';
  if (evenZeros > 0.4 * pairs && oddZeros < 0.05 * pairs) return 'utf-16be';
  return undefined;
}

/** Share of C0 control characters (other than tab, CR, LF) above which text is called binary. */
const MAX_CONTROL_SHARE = 0.01;

function assertLooksLikeText(text: string): void {
  const n = Math.min(text.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) control++;
  }
  if (control > MAX_CONTROL_SHARE * n) {
    throw new AnalysisError(
      'UNSUPPORTED_FORMAT',
      'This file is binary data, not text or a spreadsheet: it cannot be read as CSV, TSV, XLSX or XLS.',
      { detected: 'binary', controlCharacters: control },
    );
  }
}

/**
 * Decodes a whole text file: a BOM wins; then the forced encoding; then UTF-16 by zero-byte
 * pattern; then strict UTF-8, falling back to Windows-1252 (which maps every byte) on the first
 * invalid sequence. Refuses binary data. The BOM is not part of the returned text.
 */
export function decodeText(bytes: Uint8Array, forced?: TextEncodingName): DecodedText {
  const bom = readBom(bytes);
  const body = bom === undefined ? bytes : bytes.subarray(bom.length);
  const chosen = bom?.encoding ?? forced ?? sniffUtf16(bytes);
  if (chosen !== undefined) {
    const text = chosen === 'windows-1252' ? decodeWindows1252(body) : new TextDecoder(chosen).decode(body);
    assertLooksLikeText(text);
    return { text, encoding: chosen, hasBom: bom !== undefined, isFallback: false };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    assertLooksLikeText(text);
    return { text, encoding: 'utf-8', hasBom: false, isFallback: false };
  } catch (error) {
    if (error instanceof AnalysisError) throw error;
    const text = decodeWindows1252(body);
    assertLooksLikeText(text);
    return { text, encoding: 'windows-1252', hasBom: false, isFallback: true };
  }
}
