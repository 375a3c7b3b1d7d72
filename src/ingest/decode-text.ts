import { AnalysisError } from '../core/errors.ts';
import type { TextEncodingName } from './options.ts';
import { isValidUtf8, utf8Boundary, utf8Census } from './utf8.ts';
import { decodeWindows1252 } from './windows-1252.ts';

/** How a text file's bytes are to be decoded. */
export interface EncodingPlan {
  readonly encoding: TextEncodingName;
  /** Bytes of BOM to skip. */
  readonly bomLength: number;
  /** True when strict UTF-8 failed and Windows-1252 was chosen instead. */
  readonly isFallback: boolean;
  /** True when UTF-8 was imposed (by a byte-order mark or by the caller) on bytes that are not UTF-8. */
  readonly hasInvalidUtf8?: boolean;
  /** Set when the file is UTF-8 but for this many stray bytes (which decode as U+FFFD). */
  readonly strayBytes?: number;
}

export interface DecodedText extends EncodingPlan {
  readonly text: string;
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

/**
 * Chooses the encoding: a BOM wins; then the forced encoding; then UTF-16 by zero-byte pattern;
 * then strict UTF-8 (validated without decoding), falling back to Windows-1252, which maps every
 * byte. O(n) for the UTF-8 check.
 */
export function planEncoding(bytes: Uint8Array, forced?: TextEncodingName): EncodingPlan {
  const bom = readBom(bytes);
  const imposed = (encoding: TextEncodingName, bomLength: number): EncodingPlan =>
    encoding === 'utf-8' && !isValidUtf8(bytes.subarray(bomLength))
      ? { encoding, bomLength, isFallback: false, hasInvalidUtf8: true }
      : { encoding, bomLength, isFallback: false };
  if (bom !== undefined) return imposed(bom.encoding, bom.length);
  const chosen = forced ?? sniffUtf16(bytes);
  if (chosen !== undefined) return imposed(chosen, 0);
  if (isValidUtf8(bytes)) return { encoding: 'utf-8', bomLength: 0, isFallback: false };
  // Mostly UTF-8 with a few stray bytes (a Windows-1252 é pasted in): UTF-8, the strays shown as
  // U+FFFD and counted, rather than every accent of the file read as two Windows-1252 characters.
  const { multiByte, invalid } = utf8Census(bytes);
  if (multiByte >= MIN_UTF8_EVIDENCE && multiByte >= STRAY_RATIO * invalid) {
    return { encoding: 'utf-8', bomLength: 0, isFallback: false, hasInvalidUtf8: true, strayBytes: invalid };
  }
  return { encoding: 'windows-1252', bomLength: 0, isFallback: true };
}

/* Multi-byte UTF-8 characters needed, and how many per stray byte, to read a file with stray bytes as UTF-8. */
const MIN_UTF8_EVIDENCE = 2;
const STRAY_RATIO = 2;

/** True for encodings whose delimiters, quotes and line breaks are single ASCII bytes. */
export function isAsciiCompatible(encoding: TextEncodingName): boolean {
  return encoding === 'utf-8' || encoding === 'windows-1252';
}

const DECODE_CHUNK_BYTES = 1024 * 1024;

/**
 * Decodes with a streaming decoder, `chunkBytes` at a time, so that memory stays bounded per step
 * and a multi-byte character split across two chunks is still decoded whole.
 */
export function decodeAll(bytes: Uint8Array, plan: EncodingPlan, chunkBytes = DECODE_CHUNK_BYTES): string {
  const body = bytes.subarray(plan.bomLength);
  if (plan.encoding === 'windows-1252') return decodeWindows1252(body);
  const decoder = new TextDecoder(plan.encoding, { ignoreBOM: true });
  const parts: string[] = [];
  for (let start = 0; start < body.length; start += chunkBytes) {
    parts.push(decoder.decode(body.subarray(start, start + chunkBytes), { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/** Decodes at most the first `maxBytes` of the body, never splitting a character. */
export function decodeHead(bytes: Uint8Array, plan: EncodingPlan, maxBytes = 64 * 1024): string {
  const body = bytes.subarray(plan.bomLength);
  if (body.length <= maxBytes) return decodeAll(bytes, plan);
  const end = plan.encoding === 'utf-8' ? utf8Boundary(body, maxBytes) : maxBytes & ~1;
  return decodeAll(body.subarray(0, end), { ...plan, bomLength: 0 });
}

/* Where, through the body, laterSamples looks: a quarter, half, three quarters in, and the end. */
const LATER_SAMPLE_AT = [0.25, 0.5, 0.75, 1] as const;
const LATER_SAMPLE_BYTES = 16 * 1024;

/**
 * Whole lines from a few places further into a file than its head (its last 16 KiB among them), so
 * that a number format that shows only later ("12.345,67" after 100 KB of smaller amounts) is seen.
 * Empty for a file that its head already covers, and for UTF-16 (no byte-level line search).
 */
export function laterSamples(bytes: Uint8Array, plan: EncodingPlan, headBytes = 64 * 1024): string[] {
  const body = bytes.subarray(plan.bomLength);
  if (!isAsciiCompatible(plan.encoding) || body.length <= headBytes) return [];
  const froms = LATER_SAMPLE_AT.map((at) =>
    Math.max(headBytes, Math.floor(at * body.length) - (at === 1 ? LATER_SAMPLE_BYTES : 0)),
  );
  return [...new Set(froms)]
    .map((from) => {
      const start = body.indexOf(0x0a, from) + 1; // the next line's start
      const end = body.lastIndexOf(0x0a, Math.min(body.length, start + LATER_SAMPLE_BYTES) - 1);
      return start > 0 && end > start ? decodeAll(body.subarray(start, end), { ...plan, bomLength: 0 }) : '';
    })
    .filter((text) => text !== '');
}

/** Share of C0 control characters (other than tab, CR, LF) above which text is called binary. */
const MAX_CONTROL_SHARE = 0.01;
/** ...and at least this many, so that one stray control character in a tiny file is just data. */
const MIN_CONTROL_CHARS = 4;

/** Refuses binary data: more than 1% (and at least 4) control characters in the first 64 K characters. */
export function assertLooksLikeText(text: string): void {
  const n = Math.min(text.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) control++;
  }
  if (control >= MIN_CONTROL_CHARS && control > MAX_CONTROL_SHARE * n) {
    throw new AnalysisError(
      'UNSUPPORTED_FORMAT',
      {
        en: 'This file is binary data, not text or a spreadsheet: it cannot be read as CSV, TSV, XLSX or XLS.',
        es: 'Este archivo contiene datos binarios, no texto ni una hoja de cálculo: no se puede leer como CSV, TSV, XLSX ni XLS.',
      },
      { detected: 'binary', controlCharacters: control },
    );
  }
}

/** Plans, decodes and checks a whole text file (the general path and tests). */
export function decodeText(bytes: Uint8Array, forced?: TextEncodingName): DecodedText {
  const plan = planEncoding(bytes, forced);
  const text = decodeAll(bytes, plan);
  assertLooksLikeText(text);
  return { ...plan, text };
}
