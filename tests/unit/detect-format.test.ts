import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../../src/core/errors.ts';
import { detectContainer, isExtensionMismatch } from '../../src/ingest/detect-format.ts';

function bytes(...parts: (number[] | string)[]): Uint8Array {
  const out: number[] = [];
  for (const part of parts) {
    if (typeof part === 'string') for (const ch of part) out.push(ch.charCodeAt(0));
    else out.push(...part);
  }
  return new Uint8Array(out);
}

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AnalysisError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('detectContainer', () => {
  it('recognises workbooks by their bytes', () => {
    expect(detectContainer(bytes([0x50, 0x4b, 0x03, 0x04], '....[Content_Types].xml....xl/workbook.xml'))).toBe('xlsx');
    expect(detectContainer(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], '....'))).toBe('xls');
    expect(detectContainer(bytes('a,b\n1,2\n'))).toBe('text');
  });

  it.each([
    ['PDF', bytes('%PDF-1.7\n')],
    ['PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])],
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0])],
    ['gzip', bytes([0x1f, 0x8b, 0x08])],
    ['ODS', bytes([0x50, 0x4b, 0x03, 0x04], '....mimetypeapplication/vnd.oasis.opendocument.spreadsheet')],
    ['a plain ZIP', bytes([0x50, 0x4b, 0x03, 0x04], '....notes.txt')],
    ['a Word file', bytes([0x50, 0x4b, 0x03, 0x04], '[Content_Types].xml....word/document.xml')],
  ])('refuses %s', (_, input) => {
    expect(codeOf(() => detectContainer(input))).toBe('UNSUPPORTED_FORMAT');
  });

  it('refuses an empty file', () => {
    expect(codeOf(() => detectContainer(new Uint8Array(0)))).toBe('EMPTY_FILE');
  });
});

describe('isExtensionMismatch', () => {
  it('flags known extensions that disagree with the content', () => {
    expect(isExtensionMismatch('data.xlsx', 'csv')).toBe(true);
    expect(isExtensionMismatch('data.csv', 'xlsx')).toBe(true);
    expect(isExtensionMismatch('data.csv', 'tsv')).toBe(false);
    expect(isExtensionMismatch('data.txt', 'csv')).toBe(false);
    expect(isExtensionMismatch('data', 'csv')).toBe(false);
    expect(isExtensionMismatch('data.XLS', 'xls')).toBe(false);
  });
});
