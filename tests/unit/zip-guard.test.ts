import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../../src/core/errors.ts';
import { DEFAULT_ZIP_LIMITS, inspectZip, verifyZipSizes } from '../../src/ingest/zip-guard.ts';

type Sizes = { compressed: number; uncompressed: number };

/** One entry of a hand-made ZIP; `central` and `local` override what the headers declare (forgeries). */
interface TestEntry {
  name: string;
  content?: Uint8Array;
  /** Already deflated data and its true inflated size, for bombs too big to keep inflated. */
  deflated?: { data: Uint8Array; size: number };
  /** 8 (deflate, the default), 0 (stored) or anything else (written raw). */
  method?: number;
  flags?: number;
  central?: Partial<Sizes>;
  local?: Partial<Sizes> & { name?: string };
  /** Index of an earlier entry whose local header and data this entry points at. */
  sharesDataWith?: number;
}

/** What a local or central header says about one entry. */
type Header = Record<'flags' | 'method' | 'crc' | 'offset', number> & { name: Buffer; sizes: Sizes; zip64: boolean };

const MAX32 = 0xffffffff;
const MiB = 1024 * 1024;
const SHEET = 'xl/worksheets/sheet1.xml';
const FORGED = 'the file is forged or damaged.';
const BOMB = 'refused as a possible zip bomb.';
const TEXT = new TextEncoder().encode('<sheetData/>'.repeat(10));
const SPACES = new Uint8Array(600 * 1024).fill(32);

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Uint8Array): number {
  let crc = ~0;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return ~crc >>> 0;
}

/** Little-endian fields; `widths` gives each field's size in bytes ('2', '4' or '8'). */
function pack(widths: string, ...values: number[]): Buffer {
  const sizes = Array.from(widths, Number);
  const out = Buffer.alloc(sizes.reduce((sum, width) => sum + width, 0));
  let at = 0;
  sizes.forEach((width, i) => {
    const value = values[i] ?? 0;
    if (width === 8) out.writeBigUInt64LE(BigInt(value), at);
    else if (width === 4) out.writeUInt32LE(value, at);
    else out.writeUInt16LE(value, at);
    at += width;
  });
  return out;
}

function localHeader({ name, flags, method, crc, sizes, zip64 }: Header): Buffer {
  const extra = zip64 ? pack('2288', 1, 16, sizes.uncompressed, sizes.compressed) : Buffer.alloc(0);
  const [compressed, uncompressed] = zip64 ? [MAX32, MAX32] : [sizes.compressed, sizes.uncompressed];
  const head = pack('4222224', 0x04034b50, 20, flags, method, 0, 0, crc);
  const tail = pack('4422', compressed, uncompressed, name.length, extra.length);
  return Buffer.concat([head, tail, name, extra]);
}

function centralHeader({ name, flags, method, crc, sizes, offset, zip64 }: Header): Buffer {
  const extra = zip64 ? pack('22888', 1, 24, sizes.uncompressed, sizes.compressed, offset) : Buffer.alloc(0);
  const [compressed, uncompressed, at] = zip64 ? [MAX32, MAX32, MAX32] : [sizes.compressed, sizes.uncompressed, offset];
  const head = pack('422222244', 0x02014b50, 45, 20, flags, method, 0, 0, crc, compressed);
  const tail = pack('42222244', uncompressed, name.length, extra.length, 0, 0, 0, 0, at);
  return Buffer.concat([head, tail, name, extra]);
}

function endRecords(count: number, cdSize: number, cdOffset: number, zip64: boolean): Buffer {
  if (!zip64) return pack('42222442', 0x06054b50, 0, 0, count, count, cdSize, cdOffset, 0);
  const end64 = pack('4822448888', 0x06064b50, 44, 45, 45, 0, 0, count, count, cdSize, cdOffset);
  const locator = pack('4484', 0x07064b50, 0, cdOffset + cdSize, 1);
  return Buffer.concat([end64, locator, pack('42222442', 0x06054b50, 0, 0, 0xffff, 0xffff, MAX32, MAX32, 0)]);
}

/** A ZIP written field by field so that its headers can lie; `count` overrides the end record's entry count. */
function makeZip(entries: readonly TestEntry[], { zip64 = false, count = entries.length } = {}): Uint8Array {
  const [parts, centrals, offsets] = [[] as Uint8Array[], [] as Buffer[], [] as number[]];
  let offset = 0;
  for (const entry of entries) {
    const [method, flags, content] = [entry.method ?? 8, entry.flags ?? 0, entry.content ?? new Uint8Array(0)];
    const data = entry.deflated?.data ?? (method === 8 ? deflateRawSync(content) : content);
    const sizes = { compressed: data.length, uncompressed: entry.deflated?.size ?? content.length, ...entry.central };
    const header = { name: Buffer.from(entry.name), flags, method, crc: entry.deflated ? 0 : crc32(content), sizes };
    const shared = entry.sharesDataWith === undefined ? undefined : (offsets[entry.sharesDataWith] ?? 0);
    offsets.push(shared ?? offset);
    centrals.push(centralHeader({ ...header, offset: shared ?? offset, zip64 }));
    if (shared !== undefined) continue;
    // Flag bit 3: the local header gives zero sizes, and a data descriptor after the data gives them.
    const localSizes = flags & 8 ? { compressed: 0, uncompressed: 0 } : { ...sizes, ...entry.local };
    const lies = { name: Buffer.from(entry.local?.name ?? entry.name), sizes: localSizes };
    const local = localHeader({ ...header, ...lies, offset, zip64 });
    const descriptor = pack(flags & 8 ? '4444' : '', 0x08074b50, header.crc, sizes.compressed, sizes.uncompressed);
    parts.push(local, data, descriptor);
    offset += local.length + data.length + descriptor.length;
  }
  const directory = Buffer.concat(centrals);
  const end = endRecords(count, directory.length, offset, zip64);
  return new Uint8Array(Buffer.concat([...parts, directory, end]));
}

function makeWorkbook(compression: boolean): Uint8Array {
  const rows = Array.from({ length: 200 }, (_, i) => [`row ${i}`, i, i * 1.5, i % 2 === 0]);
  const workbook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet([['name', 'n', 'x', 'even'], ...rows]), 'Data');
  return new Uint8Array(XLSX.write(workbook, { type: 'array', bookType: 'xlsx', compression }) as ArrayBuffer);
}

/** 200 MiB of zeros deflated to about 200 KB (ratio ~1030:1), made once. */
const BOMB_BYTES = 200 * MiB;
let bombData: Uint8Array | undefined;
function bomb(): { data: Uint8Array; size: number } {
  bombData ??= deflateRawSync(Buffer.alloc(BOMB_BYTES));
  return { data: bombData, size: BOMB_BYTES };
}

/** The AnalysisError that `run` throws (anything else, or no error, fails the test). */
function caught(run: () => unknown): AnalysisError {
  try {
    run();
  } catch (error) {
    if (error instanceof AnalysisError) return error;
    throw error;
  }
  throw new Error('expected an AnalysisError, but nothing was thrown');
}

type Rejection = Error & { code?: string; details?: Record<string, unknown> };
/** The error a promise rejects with (a resolution fails the test). */
const rejected = (promise: Promise<unknown>): Promise<Rejection> =>
  promise.then(
    () => Promise.reject(new Error('expected a rejection')),
    (error: unknown) => error as Rejection,
  );

describe('inspectZip and verifyZipSizes', () => {
  it.each([false, true])('accepts a real SheetJS workbook (compression: %s)', async (compression) => {
    const bytes = makeWorkbook(compression);
    const entries = inspectZip(bytes);
    const names = entries.map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', SHEET]));
    expect(entries.every((e) => e.method === (compression ? 8 : 0))).toBe(true);
    await expect(verifyZipSizes(bytes, entries)).resolves.toBeUndefined();
  });

  it('accepts the LibreOffice-written XLSX fixture', async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../fixtures/libreoffice-two-sheets.xlsx', import.meta.url)));
    const entries = inspectZip(bytes);
    expect(entries.map((e) => e.name)).toContain('xl/workbook.xml');
    await expect(verifyZipSizes(bytes, entries)).resolves.toBeUndefined();
  });

  it.each([false, true])('accepts parts that compress beyond 100:1 under 1 MiB (ZIP64: %s)', async (zip64) => {
    const styles = { name: 'xl/styles.xml', content: SPACES };
    const bytes = makeZip([styles, { name: 'a.txt', content: TEXT, method: 0 }], { zip64 });
    const entries = inspectZip(bytes);
    const summary = entries.map((e) => [e.name, e.uncompressedBytes, e.method, e.compressedBytes < 2048]);
    expect(summary.flat()).toEqual(['xl/styles.xml', SPACES.length, 8, true, 'a.txt', TEXT.length, 0, true]);
    await verifyZipSizes(bytes, entries);
  });

  it('refuses a real zip bomb by its declared ratio', () => {
    const error = caught(() => inspectZip(makeZip([{ name: SHEET, deflated: bomb() }])));
    expect(error.code).toBe('UNSAFE_FILE');
    expect(error.details).toMatchObject({ entry: SHEET, limit: 100, uncompressedBytes: BOMB_BYTES });
    expect(error.message).toMatch(/^Entry xl\/worksheets\/sheet1\.xml expands 10\d\d:1 \(limit 100:1\): refused/);
  });

  it.each([
    ['in both headers', 0],
    ['in the central directory, deferred by a data descriptor', 8],
  ])('catches a bomb that lies about its size %s, inflating only until the lie shows', async (_, flags) => {
    const bytes = makeZip([{ name: SHEET, deflated: bomb(), flags, central: { uncompressed: 5000 } }]);
    const entries = inspectZip(bytes);
    expect(entries[0]?.uncompressedBytes).toBe(5000);
    const error = await rejected(verifyZipSizes(bytes, entries));
    expect(error).toMatchObject({ code: 'UNSAFE_FILE', details: { entry: SHEET, declaredBytes: 5000 } });
    expect(error.message).toBe(`Entry ${SHEET} expands to more than 5,000 bytes but its headers say 5,000: ${FORGED}`);
    expect(error.details?.inflatedBytes).toBeLessThan(5000 + 256 * 1024);
  });

  it.each([8, 0])('refuses an entry (method %i) that inflates to less than it declares', async (method) => {
    const lie = { uncompressed: 2000 };
    const bytes = makeZip([{ name: SHEET, content: TEXT, method, central: lie, local: lie }]);
    const error = await rejected(verifyZipSizes(bytes, inspectZip(bytes)));
    expect(error).toMatchObject({ code: 'UNSAFE_FILE', details: { declaredBytes: 2000, inflatedBytes: TEXT.length } });
    expect(error.message).toBe(`Entry ${SHEET} expands to only 120 bytes but its headers say 2,000: ${FORGED}`);
  });

  it('refuses a local header that disagrees with the central directory', () => {
    const sizes = caught(() => inspectZip(makeZip([{ name: 'a.xml', content: TEXT, local: { uncompressed: 10 } }])));
    expect(sizes.code).toBe('UNSAFE_FILE');
    expect(sizes.message).toMatch(/^Entry a\.xml: its local header says 10 bytes \(\d+ compressed\) but the central /);
    expect(sizes.message).toMatch(/ but the central directory says 120 \(\d+ compressed\): the file is forged/);
    const renamed = caught(() => inspectZip(makeZip([{ name: 'a.xml', content: TEXT, local: { name: 'b.xml' } }])));
    expect(renamed).toMatchObject({ code: 'UNSAFE_FILE', details: { entry: 'a.xml', localName: 'b.xml' } });
  });

  it('refuses overlapping entries (two directory records sharing one body)', () => {
    const a = { name: 'a.xml', content: TEXT };
    const error = caught(() => inspectZip(makeZip([a, { ...a, sharesDataWith: 0 }])));
    expect(error.code).toBe('UNSAFE_FILE');
    expect(error.message).toBe(`Entries a.xml and a.xml overlap in the file: ${FORGED}`);
  });

  it('refuses too many entries before reading them', () => {
    const five = Array.from({ length: 5 }, (_, i) => ({ name: `e${i}.xml`, content: new Uint8Array([i]) }));
    expect(caught(() => inspectZip(makeZip(five), { maxEntries: 4 })).message).toMatch(/^The ZIP has 5 entries \(/);
    expect(inspectZip(makeZip(five), { maxEntries: 5 })).toHaveLength(5);
    const claimed = caught(() => inspectZip(makeZip([], { count: 20_000 })));
    expect(claimed.code).toBe('UNSAFE_FILE');
    expect(claimed.details).toEqual({ entries: 20_000, limit: DEFAULT_ZIP_LIMITS.maxEntries });
    expect(claimed.message).toBe(`The ZIP has 20,000 entries (limit 10,000): ${BOMB}`);
  });

  it('refuses a declared total over the cap, ZIP64 sizes included', () => {
    const mib = Array.from({ length: 3 }, (_, i) => ({ name: `e${i}.bin`, content: new Uint8Array(MiB), method: 0 }));
    const small = caught(() => inspectZip(makeZip(mib), { maxUncompressedBytes: 2 * MiB }));
    expect(small).toMatchObject({ code: 'UNSAFE_FILE', details: { uncompressedBytes: 3 * MiB, limit: 2 * MiB } });
    expect(small.message).toBe(`The workbook would expand to 3.0 MB (limit 2.0 MB): ${BOMB}`);
    const fiveGiB = { name: SHEET, content: TEXT, central: { uncompressed: 5 * 1024 * MiB } };
    const huge = caught(() => inspectZip(makeZip([fiveGiB], { zip64: true })));
    expect(huge.message).toBe(`The workbook would expand to 5.0 GB (limit 1.0 GB): ${BOMB}`);
  });

  it('stops verifying once the real running total passes the cap', async () => {
    const bytes = makeZip(['a.xml', 'b.xml'].map((name) => ({ name, content: SPACES })));
    const error = await rejected(verifyZipSizes(bytes, inspectZip(bytes), { maxUncompressedBytes: MiB }));
    expect(error).toMatchObject({ code: 'UNSAFE_FILE', details: { entry: 'b.xml', limit: MiB } });
    expect(error.message).toBe(`The workbook expands past its limit of 1.0 MB once inflated: ${BOMB}`);
  });

  it('reports truncated, shifted and non-ZIP files, and undecodable data, as corrupt', async () => {
    const bytes = makeWorkbook(true);
    const half = caught(() => inspectZip(bytes.subarray(0, bytes.length >> 1)));
    expect(half.code).toBe('CORRUPT_FILE');
    expect(half.message).toMatch(/^No ZIP central directory was found: the file is truncated/);
    expect(caught(() => inspectZip(bytes.subarray(100))).code).toBe('CORRUPT_FILE');
    expect(caught(() => inspectZip(new TextEncoder().encode('a,b\n1,2\n'))).code).toBe('CORRUPT_FILE');
    const hidden = makeZip(
      ['a.xml', 'b.xml'].map((name) => ({ name, content: TEXT })),
      { count: 1 },
    );
    expect(caught(() => inspectZip(hidden)).message).toMatch(/^The central directory holds more than its 1 declared/);
    const garbage = makeZip([{ name: SHEET, deflated: { data: new Uint8Array(64).fill(0xff), size: 10 } }]);
    const error = await rejected(verifyZipSizes(garbage, inspectZip(garbage)));
    expect(error.code).toBe('CORRUPT_FILE');
    expect(error.message).toMatch(/^Entry xl\/worksheets\/sheet1\.xml: its compressed data is damaged/);
  });

  it('refuses encrypted entries and unknown compression methods as unsupported', () => {
    const encrypted = caught(() => inspectZip(makeZip([{ name: 'EncryptedPackage', content: TEXT, flags: 1 }])));
    expect(encrypted.code).toBe('UNSUPPORTED_FORMAT');
    expect(encrypted.message).toMatch(/^This workbook is password-protected or encrypted: /);
    const bzip2 = caught(() => inspectZip(makeZip([{ name: SHEET, content: TEXT, method: 12 }])));
    expect(bzip2).toMatchObject({ code: 'UNSUPPORTED_FORMAT', details: { entry: SHEET, method: 12 } });
  });

  it('honours the cancel token before and during inflation', async () => {
    const bytes = makeZip([{ name: SHEET, deflated: bomb() }]);
    const entries = inspectZip(bytes, { maxRatio: 2000 });
    expect((await rejected(verifyZipSizes(bytes, entries, {}, { aborted: true }))).name).toBe('AbortError');
    let checks = 0;
    const token = {
      get aborted() {
        return ++checks > 3;
      },
    };
    const error = await rejected(verifyZipSizes(bytes, entries, {}, token));
    expect(error.name).toBe('AbortError');
    expect(error).not.toBeInstanceOf(AnalysisError);
    expect(checks).toBe(4); // once before the entry, then after each output chunk: it stopped mid-entry
  });
});
