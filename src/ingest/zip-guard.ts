// Zip-bomb and forgery guard for XLSX (ZIP) input, run before SheetJS sees the bytes. inspectZip reads headers
// only; verifyZipSizes inflates each entry once, counting bytes. Layout: PKWARE APPNOTE.TXT 6.3.10 §4.3, §4.5.3.
import { isCancelled, throwIfCancelled, type CancelToken } from '../core/cancel.ts';
import { AnalysisError, spanishNumber, type Bilingual, type ErrorCode, type ErrorDetails } from '../core/errors.ts';

export interface ZipLimits {
  /** Total uncompressed bytes allowed across all entries. */
  readonly maxUncompressedBytes: number;
  /** Largest allowed uncompressed/compressed ratio for any entry bigger than minRatioCheckBytes. */
  readonly maxRatio: number;
  /** Smaller entries skip the ratio check: tiny XML parts legitimately compress over 100:1. */
  readonly minRatioCheckBytes: number;
  readonly maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxUncompressedBytes: 1024 ** 3,
  maxRatio: 100,
  minRatioCheckBytes: 1024 ** 2,
  maxEntries: 10_000,
};

/** One entry as the central directory declares it, after inspectZip has checked it. */
export interface ZipEntryInfo {
  name: string;
  compressedBytes: number;
  uncompressedBytes: number;
  /** 0 = stored, 8 = deflate. */
  method: number;
  /** Offset in the archive of the entry's compressed data (just after its local header). */
  dataOffset: number;
}

type CentralEntry = ZipEntryInfo & { flags: number; nameBytes: Uint8Array; localOffset: number };

/** Where the central directory lies; `end` is the (ZIP64) end record, which it must not pass. */
type Directory = Readonly<Record<'count' | 'offset' | 'size' | 'end' | 'disks', number>>;

const SIG = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50, end64: 0x06064b50, locator64: 0x07064b50 };
const [MAX16, MAX32] = [0xffff, 0xffffffff];
const METHOD = { stored: 0, deflate: 8, aes: 99 };
const FLAG = { encrypted: 1, dataDescriptor: 8 };
const CHUNK_BYTES = 64 * 1024;
const BYTE_UNITS = [[1024 ** 3, 'GB'] as const, [1024 ** 2, 'MB'] as const, [1024, 'KB'] as const];
const FORGED = { en: 'the file is forged or damaged.', es: 'el archivo está falsificado o dañado.' };
const BOMB = { en: 'refused as a possible zip bomb.', es: 'se rechaza como posible bomba ZIP.' };
/** The message for a password-protected workbook, shared with parse-workbook.ts. */
export const ENCRYPTED = {
  en: 'This workbook is password-protected or encrypted: remove the password in Excel and try again.',
  es: 'Este libro está protegido con contraseña o cifrado: quita la contraseña en Excel y vuelve a intentarlo.',
};
const u16 = (view: DataView, at: number): number => view.getUint16(at, true);
const u32 = (view: DataView, at: number): number => view.getUint32(at, true);
const u64 = (view: DataView, at: number): number => Number(view.getBigUint64(at, true));
const fail = (code: ErrorCode, text: Bilingual, details: ErrorDetails = {}): AnalysisError =>
  new AnalysisError(code, text, details);
const formatCount = (count: number): string => count.toLocaleString('en');
const countEs = (count: number): string => spanishNumber(count);
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

function formatBytes(bytes: number): string {
  for (const [scale, unit] of BYTE_UNITS) if (bytes >= scale) return `${(bytes / scale).toFixed(1)} ${unit}`;
  return `${formatCount(bytes)} bytes`;
}

function bytesEs(bytes: number): string {
  for (const [scale, unit] of BYTE_UNITS) if (bytes >= scale) return `${spanishNumber(bytes / scale, 1)} ${unit}`;
  return `${countEs(bytes)} bytes`;
}

/** Throws CORRUPT_FILE unless [pos, pos + length) lies inside [0, end). */
function need(pos: number, length: number, end: number, what: Bilingual): void {
  if (pos >= 0 && pos + length <= end) return;
  const message = {
    en: `The ZIP is truncated: its ${what.en} lies outside the file.`,
    es: `El ZIP está truncado: su ${what.es} queda fuera del archivo.`,
  };
  throw fail('CORRUPT_FILE', message, { offset: pos, length });
}

const CENTRAL_DIRECTORY = { en: 'central directory', es: 'directorio central' };
const dataOf = (name: string): Bilingual => ({ en: `data of entry ${name}`, es: `contenido de la entrada ${name}` });

function findEndRecord(view: DataView): number {
  const last = view.byteLength - 22;
  for (let pos = last; pos >= Math.max(0, last - MAX16); pos--) {
    if (u32(view, pos) === SIG.end && pos + 22 + u16(view, pos + 20) <= view.byteLength) return pos;
  }
  const message = {
    en: 'No ZIP central directory was found: the file is truncated or is not an XLSX workbook.',
    es: 'No se encontró el directorio central del ZIP: el archivo está truncado o no es un libro XLSX.',
  };
  throw fail('CORRUPT_FILE', message, { bytes: view.byteLength });
}

function readZip64Directory(view: DataView, endPos: number): Directory {
  const locator = endPos - 20;
  const pos = u64(view, locator + 8);
  need(pos, 56, locator, { en: 'ZIP64 end-of-directory record', es: 'registro de fin de directorio ZIP64' });
  if (u32(view, pos) !== SIG.end64) {
    const message = {
      en: 'The ZIP64 end record is missing: the file is damaged.',
      es: 'Falta el registro final ZIP64: el archivo está dañado.',
    };
    throw fail('CORRUPT_FILE', message);
  }
  const count = u64(view, pos + 32);
  const disks = u32(view, pos + 16) + u32(view, pos + 20) + (u64(view, pos + 24) === count ? 0 : 1);
  return { count, size: u64(view, pos + 40), offset: u64(view, pos + 48), end: pos, disks };
}

function readDirectory(view: DataView): Directory {
  const end = findEndRecord(view);
  const [count, size, offset] = [u16(view, end + 10), u32(view, end + 12), u32(view, end + 16)];
  const isZip64 = count === MAX16 || size === MAX32 || offset === MAX32; // 32-bit fields defer to ZIP64 records
  if (isZip64 && (end < 20 || u32(view, end - 20) !== SIG.locator64)) {
    const message = {
      en: 'The ZIP64 end-record locator is missing: the file is truncated or damaged.',
      es: 'Falta el localizador del registro final ZIP64: el archivo está truncado o dañado.',
    };
    throw fail('CORRUPT_FILE', message);
  }
  const disks = u16(view, end + 4) + u16(view, end + 6) + (u16(view, end + 8) === count ? 0 : 1);
  const dir = isZip64 ? readZip64Directory(view, end) : { count, size, offset, end, disks };
  if (dir.disks !== 0) {
    const message = {
      en: 'This ZIP spans several disks, which no XLSX workbook does.',
      es: 'Este ZIP ocupa varios discos, algo que ningún libro XLSX hace.',
    };
    throw fail('UNSUPPORTED_FORMAT', message);
  }
  need(dir.offset, dir.size, dir.end, CENTRAL_DIRECTORY);
  return dir;
}

/** Replaces 0xFFFFFFFF sizes and offset by their ZIP64 extra-field values; local headers carry both sizes. */
function resolveZip64(view: DataView, start: number, length: number, values: number[], isLocal: boolean): number[] {
  if (!values.includes(MAX32)) return values;
  for (let pos = start; pos + 4 <= start + length; pos += 4 + u16(view, pos + 2)) {
    if (u16(view, pos) !== 1) continue;
    let at = pos + 4;
    return values.map((value) => {
      if (!isLocal && value !== MAX32) return value;
      need(at, 8, pos + 4 + u16(view, pos + 2), { en: 'ZIP64 extra field', es: 'campo extra ZIP64' });
      at += 8;
      return u64(view, at - 8);
    });
  }
  const message = {
    en: 'An entry declares ZIP64 sizes but has no ZIP64 extra field: the file is damaged.',
    es: 'Una entrada declara tamaños ZIP64 pero no tiene campo extra ZIP64: el archivo está dañado.',
  };
  throw fail('CORRUPT_FILE', message);
}

function decodeName(nameBytes: Uint8Array): string {
  const name = new TextDecoder('utf-8').decode(nameBytes);
  return name.length > 120 ? `${name.slice(0, 117)}...` : name;
}

function readCentralEntry(view: DataView, bytes: Uint8Array, pos: number, dir: Directory): [CentralEntry, number] {
  need(pos, 46, dir.offset + dir.size, CENTRAL_DIRECTORY);
  if (u32(view, pos) !== SIG.central) {
    const message = { en: 'The ZIP central directory is damaged.', es: 'El directorio central del ZIP está dañado.' };
    throw fail('CORRUPT_FILE', message, { pos });
  }
  const [nameLength, extraLength] = [u16(view, pos + 28), u16(view, pos + 30)];
  const next = pos + 46 + nameLength + extraLength + u16(view, pos + 32);
  need(pos, next - pos, dir.offset + dir.size, CENTRAL_DIRECTORY);
  const raw = [u32(view, pos + 24), u32(view, pos + 20), u32(view, pos + 42)];
  const sizes = resolveZip64(view, pos + 46 + nameLength, extraLength, raw, false);
  const [uncompressedBytes = 0, compressedBytes = 0, localOffset = 0] = sizes;
  const nameBytes = bytes.subarray(pos + 46, pos + 46 + nameLength);
  const [flags, method, name] = [u16(view, pos + 8), u16(view, pos + 10), decodeName(nameBytes)];
  return [{ name, nameBytes, flags, method, compressedBytes, uncompressedBytes, localOffset, dataOffset: 0 }, next];
}

/** Encryption, compression method and declared ratio of one central-directory entry. */
function checkEntryKind(entry: CentralEntry, limits: ZipLimits): void {
  const { name, method, uncompressedBytes, compressedBytes } = entry;
  if ((entry.flags & FLAG.encrypted) !== 0 || method === METHOD.aes) {
    throw fail('UNSUPPORTED_FORMAT', ENCRYPTED, { detected: 'encrypted', entry: name });
  }
  if (method !== METHOD.stored && method !== METHOD.deflate) {
    const message = {
      en: `Entry ${name} uses ZIP compression method ${method}; XLSX uses only stored (0) or deflate (8).`,
      es: `La entrada ${name} usa el método de compresión ZIP ${method}; XLSX solo usa «stored» (0) o «deflate» (8).`,
    };
    throw fail('UNSUPPORTED_FORMAT', message, { entry: name, method });
  }
  const ratio = Math.ceil(uncompressedBytes / Math.max(compressedBytes, 1));
  if (uncompressedBytes >= limits.minRatioCheckBytes && ratio > limits.maxRatio) {
    const message = {
      en: `Entry ${name} expands ${ratio}:1 (limit ${limits.maxRatio}:1): ${BOMB.en}`,
      es: `La entrada ${name} se expande ${countEs(ratio)}:1 (límite ${countEs(limits.maxRatio)}:1): ${BOMB.es}`,
    };
    throw fail('UNSAFE_FILE', message, { entry: name, ratio, limit: limits.maxRatio, uncompressedBytes });
  }
}

/** Checks the local header against the central directory and returns the offset of the entry's data. */
function checkLocalHeader(view: DataView, bytes: Uint8Array, entry: CentralEntry, dir: Directory): number {
  const { name, localOffset: pos } = entry;
  need(pos, 30, dir.offset, { en: `local header of entry ${name}`, es: `cabecera local de la entrada ${name}` });
  if (u32(view, pos) !== SIG.local) {
    const message = {
      en: `Entry ${name} has no local header: ${FORGED.en}`,
      es: `La entrada ${name} no tiene cabecera local: ${FORGED.es}`,
    };
    throw fail('CORRUPT_FILE', message);
  }
  const [flags, nameLength, extraLength] = [u16(view, pos + 6), u16(view, pos + 26), u16(view, pos + 28)];
  const dataOffset = pos + 30 + nameLength + extraLength;
  need(pos, dataOffset - pos + entry.compressedBytes, dir.offset, dataOf(name));
  const localName = bytes.subarray(pos + 30, pos + 30 + nameLength);
  const details = { entry: name, localName: decodeName(localName) };
  if (!sameBytes(localName, entry.nameBytes) || u16(view, pos + 8) !== entry.method) {
    const message = {
      en: `Entry ${name}: its local header names or compresses it differently: ${FORGED.en}`,
      es: `Entrada ${name}: su cabecera local la nombra o comprime de otra manera: ${FORGED.es}`,
    };
    throw fail('UNSAFE_FILE', message, details);
  }
  if ((flags & FLAG.dataDescriptor) !== 0) return dataOffset; // local sizes are zero, given after the data
  const sizes = [u32(view, pos + 22), u32(view, pos + 18)];
  const [usize = 0, csize = 0] = resolveZip64(view, dataOffset - extraLength, extraLength, sizes, true);
  if (usize !== entry.uncompressedBytes || csize !== entry.compressedBytes) {
    const local = `${formatCount(usize)} bytes (${formatCount(csize)} compressed)`;
    const central = `says ${formatCount(entry.uncompressedBytes)} (${formatCount(entry.compressedBytes)} compressed)`;
    const localEs = `${countEs(usize)} bytes (${countEs(csize)} comprimidos)`;
    const centralEs = `${countEs(entry.uncompressedBytes)} (${countEs(entry.compressedBytes)} comprimidos)`;
    const message = {
      en: `Entry ${name}: its local header says ${local} but the central directory ${central}: ${FORGED.en}`,
      es: `Entrada ${name}: su cabecera local dice ${localEs} pero el directorio central dice ${centralEs}: ${FORGED.es}`,
    };
    throw fail('UNSAFE_FILE', message, { ...details, localBytes: usize, centralBytes: entry.uncompressedBytes });
  }
  return dataOffset;
}

/** Overlapping entries let a small file declare honest sizes yet expand many times over (Fifield's bomb). */
function checkNoOverlap(entries: readonly CentralEntry[]): void {
  const sorted = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  sorted.forEach((after, i) => {
    const before = sorted[i - 1];
    if (before && after.localOffset < before.dataOffset + before.compressedBytes) {
      const message = {
        en: `Entries ${before.name} and ${after.name} overlap in the file: ${FORGED.en}`,
        es: `Las entradas ${before.name} y ${after.name} se solapan en el archivo: ${FORGED.es}`,
      };
      throw fail('UNSAFE_FILE', message, { entry: after.name, overlaps: before.name });
    }
  });
}

/**
 * Reads the central directory (ZIP64 included) and checks what every entry declares before anything is
 * inflated: entry count, declared total, declared ratio of entries ≥ minRatioCheckBytes, agreement of each
 * local header (name, method, encryption, sizes unless flag bit 3 defers them to a data descriptor) and no
 * overlapping entries. Returns the entries in directory order. Reads headers only: O(entries + comment).
 * Throws AnalysisError: UNSAFE_FILE (bomb or forgery), CORRUPT_FILE (directory missing or truncated),
 * UNSUPPORTED_FORMAT (encrypted entries, methods other than stored/deflate, multi-disk archives).
 */
export function inspectZip(bytes: Uint8Array, limits: Partial<ZipLimits> = {}): ZipEntryInfo[] {
  const limit: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...limits };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dir = readDirectory(view);
  if (dir.count > limit.maxEntries) {
    const message = {
      en: `The ZIP has ${formatCount(dir.count)} entries (limit ${formatCount(limit.maxEntries)}): ${BOMB.en}`,
      es: `El ZIP tiene ${countEs(dir.count)} entradas (límite ${countEs(limit.maxEntries)}): ${BOMB.es}`,
    };
    throw fail('UNSAFE_FILE', message, { entries: dir.count, limit: limit.maxEntries });
  }
  const entries: CentralEntry[] = [];
  let pos = dir.offset;
  while (entries.length < dir.count) {
    const [entry, next] = readCentralEntry(view, bytes, pos, dir);
    entries.push(entry);
    pos = next;
  }
  if (pos !== dir.offset + dir.size) {
    const message = {
      en: `The central directory holds more than its ${dir.count} declared entries: ${FORGED.en}`,
      es: `El directorio central contiene más de las ${countEs(dir.count)} entradas que declara: ${FORGED.es}`,
    };
    throw fail('CORRUPT_FILE', message);
  }
  const total = entries.reduce((sum, entry) => sum + entry.uncompressedBytes, 0);
  if (total > limit.maxUncompressedBytes) {
    const sizes = `${formatBytes(total)} (limit ${formatBytes(limit.maxUncompressedBytes)})`;
    const sizesEs = `${bytesEs(total)} (límite ${bytesEs(limit.maxUncompressedBytes)})`;
    const message = {
      en: `The workbook would expand to ${sizes}: ${BOMB.en}`,
      es: `El libro se expandiría a ${sizesEs}: ${BOMB.es}`,
    };
    throw fail('UNSAFE_FILE', message, { uncompressedBytes: total, limit: limit.maxUncompressedBytes });
  }
  for (const entry of entries) {
    checkEntryKind(entry, limit);
    entry.dataOffset = checkLocalHeader(view, bytes, entry, dir);
  }
  checkNoOverlap(entries);
  return entries.map(({ name, compressedBytes, uncompressedBytes, method, dataOffset }) => {
    return { name, compressedBytes, uncompressedBytes, method, dataOffset };
  });
}

async function feedChunks(stream: DecompressionStream, data: Uint8Array): Promise<void> {
  const writer = stream.writable.getWriter();
  for (let pos = 0; pos < data.length; pos += CHUNK_BYTES) {
    await writer.write(data.slice(pos, pos + CHUNK_BYTES)); // a copy: streams may refuse views of shared memory
  }
  await writer.close();
}

/** Inflates `data`, counting output bytes; stops as soon as the count passes `stopAfter` and returns it. */
async function countInflated(data: Uint8Array, name: string, stopAfter: number, cancel?: CancelToken): Promise<number> {
  let stream: DecompressionStream;
  try {
    stream = new DecompressionStream('deflate-raw');
  } catch {
    const message = {
      en: 'This browser cannot inflate ZIP data (DecompressionStream): update it.',
      es: 'Este navegador no puede descomprimir datos ZIP (DecompressionStream): actualízalo.',
    };
    throw fail('UNSUPPORTED_FORMAT', message);
  }
  const reader = stream.readable.getReader();
  const feeding = feedChunks(stream, data).catch(() => undefined); // errors resurface in read()
  let count = 0;
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      count += chunk.value.byteLength;
      if (count > stopAfter) break;
      throwIfCancelled(cancel);
    }
  } catch (error) {
    if (isCancelled(error)) throw error;
    const cause = error instanceof Error ? error.message : String(error);
    const message = {
      en: `Entry ${name}: its compressed data is damaged (${cause}).`,
      es: `Entrada ${name}: sus datos comprimidos están dañados (${cause}).`,
    };
    throw fail('CORRUPT_FILE', message, { entry: name, cause });
  } finally {
    await reader.cancel().catch(() => undefined);
    await feeding;
  }
  return count;
}

/**
 * Inflates every entry (as returned by {@link inspectZip}) through DecompressionStream('deflate-raw') in
 * 64 KiB input chunks, counting real output bytes; stored entries count their compressed size. Rejects as
 * soon as the running total passes maxUncompressedBytes or an entry's real size differs from its declared
 * size (UNSAFE_FILE), on undecodable data (CORRUPT_FILE), and with an AbortError once `cancel` is set
 * (checked between entries and output chunks). Memory: one 64 KiB input copy and one output chunk at a time.
 */
export async function verifyZipSizes(
  bytes: Uint8Array,
  entries: readonly ZipEntryInfo[],
  limits: Partial<ZipLimits> = {},
  cancel?: CancelToken,
): Promise<void> {
  const max = limits.maxUncompressedBytes ?? DEFAULT_ZIP_LIMITS.maxUncompressedBytes;
  let total = 0;
  for (const { name, dataOffset, compressedBytes, uncompressedBytes: declared, method } of entries) {
    throwIfCancelled(cancel);
    need(dataOffset, compressedBytes, bytes.length, dataOf(name));
    const data = bytes.subarray(dataOffset, dataOffset + compressedBytes);
    const budget = Math.max(0, Math.min(declared, max - total));
    const real = method === METHOD.stored ? compressedBytes : await countInflated(data, name, budget, cancel);
    if (real > budget && real <= declared) {
      const message = {
        en: `The workbook expands past its limit of ${formatBytes(max)} once inflated: ${BOMB.en}`,
        es: `Al descomprimirlo, el libro supera su límite de ${bytesEs(max)}: ${BOMB.es}`,
      };
      throw fail('UNSAFE_FILE', message, { entry: name, limit: max });
    }
    if (real !== declared) {
      const found = real > declared ? `more than ${formatCount(declared)}` : `only ${formatCount(real)}`;
      const foundEs = real > declared ? `más de ${countEs(declared)}` : `solo ${countEs(real)}`;
      const message = {
        en: `Entry ${name} expands to ${found} bytes but its headers say ${formatCount(declared)}: ${FORGED.en}`,
        es: `La entrada ${name} se expande a ${foundEs} bytes, pero sus cabeceras dicen ${countEs(declared)}: ${FORGED.es}`,
      };
      throw fail('UNSAFE_FILE', message, { entry: name, declaredBytes: declared, inflatedBytes: real });
    }
    total += real;
  }
}
