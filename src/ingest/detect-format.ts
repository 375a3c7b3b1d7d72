import { AnalysisError } from '../core/errors.ts';

import type { FileFormat } from '../core/file-facts.ts';

/** What the first bytes say a file is. `text` is refined to csv or tsv once the delimiter is known. */
export type Container = 'text' | 'xlsx' | 'xls';

const SIGNATURES: readonly { bytes: readonly number[]; what: string; es: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document', es: 'un documento PDF' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image', es: 'una imagen PNG' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image', es: 'una imagen JPEG' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image', es: 'una imagen GIF' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive', es: 'un archivo comprimido gzip' },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: 'a RAR archive', es: 'un archivo comprimido RAR' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: 'a 7-Zip archive', es: 'un archivo comprimido 7-Zip' },
];

/** EMPTY_FILE's message, shared with the ingest's own size check. */
export const EMPTY_FILE = { en: 'The file is empty (0 bytes).', es: 'El archivo está vacío (0 bytes).' };

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function containsAscii(bytes: Uint8Array, text: string, limit: number): boolean {
  const end = Math.min(bytes.length, limit) - text.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < text.length; j++) {
      if (bytes[i + j] !== text.charCodeAt(j)) continue outer;
    }
    return true;
  }
  return false;
}

/**
 * Decides the container from content, never from the name. Throws UNSUPPORTED_FORMAT for known
 * non-tabular files (PDF, images, archives, OpenDocument, other ZIPs). Binary junk that is not
 * recognised here is refused later by the text decoder. Reads at most the first 64 KiB.
 */
export function detectContainer(bytes: Uint8Array): Container {
  if (bytes.length === 0) throw new AnalysisError('EMPTY_FILE', EMPTY_FILE);
  for (const { bytes: magic, what, es } of SIGNATURES) {
    if (startsWith(bytes, magic)) {
      const message = {
        en: `This file is ${what}, not a table (CSV, TSV, XLSX or XLS).`,
        es: `Este archivo es ${es}, no una tabla (CSV, TSV, XLSX o XLS).`,
      };
      throw new AnalysisError('UNSUPPORTED_FORMAT', message, { detected: what });
    }
  }
  if (startsWith(bytes, CFB_MAGIC)) return 'xls';
  if (startsWith(bytes, ZIP_MAGIC)) return classifyZip(bytes);
  return classifyMarkup(bytes);
}

/*
 * Old web applications "export to Excel" as an HTML table or an Excel 2003 XML spreadsheet saved
 * as .xls. The XML one has typed cells and is read as a workbook; the HTML one is refused, since
 * its numbers are display text that SheetJS reads its own way (1.234,5 became 1.2345).
 */
function classifyMarkup(bytes: Uint8Array): Container {
  let start = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (start < bytes.length && start < 4096 && (bytes[start] as number) <= 0x20) start++;
  if (bytes[start] !== 0x3c) return 'text'; // '<'
  const head = new TextDecoder('latin1').decode(bytes.subarray(start, start + 64 * 1024)).toLowerCase();
  if (head.startsWith('<?xml') && head.includes('urn:schemas-microsoft-com:office:spreadsheet')) return 'xls';
  if (/^<(!doctype html|html|table|head|body|meta)[\s>]/.test(head) || head.includes('<table')) {
    const message = {
      en: 'This is a web page (an HTML table) saved under a spreadsheet name, not a table file: open it in Excel and save it as .xlsx or .csv.',
      es: 'Es una página web (una tabla HTML) guardada con nombre de hoja de cálculo, no un archivo de tabla: ábrela en Excel y guárdala como .xlsx o .csv.',
    };
    throw new AnalysisError('UNSUPPORTED_FORMAT', message, { detected: 'html' });
  }
  return 'text';
}

function classifyZip(bytes: Uint8Array): Container {
  const window = 64 * 1024;
  if (containsAscii(bytes, 'application/vnd.oasis.opendocument', window)) {
    throw new AnalysisError(
      'UNSUPPORTED_FORMAT',
      {
        en: 'OpenDocument spreadsheets (.ods) are not supported: save the file as .xlsx or .csv and try again.',
        es: 'Las hojas de cálculo OpenDocument (.ods) no se admiten: guarda el archivo como .xlsx o .csv y vuelve a intentarlo.',
      },
      { detected: 'ods' },
    );
  }
  if (containsAscii(bytes, 'xl/', bytes.length) || containsAscii(bytes, '[Content_Types].xml', window)) {
    if (containsAscii(bytes, 'word/', window) || containsAscii(bytes, 'ppt/', window)) {
      const message = {
        en: 'This is a Word or PowerPoint file, not a spreadsheet.',
        es: 'Es un archivo de Word o PowerPoint, no una hoja de cálculo.',
      };
      throw new AnalysisError('UNSUPPORTED_FORMAT', message, { detected: 'office' });
    }
    return 'xlsx';
  }
  const message = {
    en: 'This is a ZIP archive that holds no Excel workbook.',
    es: 'Es un archivo ZIP que no contiene ningún libro de Excel.',
  };
  throw new AnalysisError('UNSUPPORTED_FORMAT', message, { detected: 'zip' });
}

const EXTENSIONS: Readonly<Record<string, readonly FileFormat[]>> = {
  csv: ['csv', 'tsv'],
  txt: ['csv', 'tsv'],
  tsv: ['tsv', 'csv'],
  tab: ['tsv', 'csv'],
  xlsx: ['xlsx'],
  xlsm: ['xlsx'],
  xls: ['xls'],
};

/** True when the file name's extension is known and does not fit the detected format. */
export function isExtensionMismatch(fileName: string, format: FileFormat): boolean {
  const dot = fileName.lastIndexOf('.');
  if (dot < 0) return false;
  const expected = EXTENSIONS[fileName.slice(dot + 1).toLowerCase()];
  return expected !== undefined && !expected.includes(format);
}
