import { readFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { ingestBytes } from '../../src/ingest/ingest.ts';
import { cells, rejectionCode } from './helpers.ts';

type Cell = XLSX.CellObject;
const date = (serial: number): Cell => ({ t: 'n', v: serial, z: 'yyyy-mm-dd' });

/** A two-sheet workbook with a title row, a date column, an error cell and a merged title. */
function makeWorkbook(bookType: XLSX.BookType, is1904 = false): Uint8Array {
  const sales: (Cell | string | number | boolean | null)[][] = [
    ['Sales report 2024', null, null, null],
    [],
    ['Fecha', 'Región', 'Importe', 'Pagado'],
    [date(is1904 ? 43860 : 45322), 'Málaga', 1234.5, true],
    [date(is1904 ? 43861 : 45323), 'Sevilla', { t: 'e', v: 7 }, false],
    [null, 'Madrid', 10, null],
  ];
  const workbook = XLSX.utils.book_new();
  const first = XLSX.utils.aoa_to_sheet(sales);
  first['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 3 } }];
  XLSX.utils.book_append_sheet(workbook, first, 'Ventas');
  XLSX.utils.book_append_sheet(
    workbook,
    XLSX.utils.aoa_to_sheet([
      ['a', 'b'],
      [1, 2],
      [3, 4],
    ]),
    'Otra',
  );
  if (is1904) workbook.Workbook = { WBProps: { date1904: true } };
  return new Uint8Array(XLSX.write(workbook, { type: 'array', bookType }) as ArrayBuffer);
}

describe.each([
  ['xlsx', 'xlsx'],
  ['xls', 'biff8'],
] as const)('ingest of %s workbooks', (format, bookType) => {
  it('lists every sheet, finds the header under the title and reads dates as UTC dates', async () => {
    const result = await ingestBytes(makeWorkbook(bookType), `book.${format}`);
    expect(result.file).toMatchObject({ format, sheet: 'Ventas', headerRow: 3, encoding: null });
    expect(result.file.sheets).toEqual([
      { name: 'Ventas', rows: 6, columns: 4 },
      { name: 'Otra', rows: 3, columns: 2 },
    ]);
    const { table } = result;
    expect(table.columns.map((c) => c.name)).toEqual(['Fecha', 'Región', 'Importe', 'Pagado']);
    expect(table.rowCount).toBe(3);
    expect(cells(table.columns[0])).toEqual(['2024-01-31T00:00:00.000Z', '2024-02-01T00:00:00.000Z', null]);
    expect(cells(table.columns[1])).toEqual(['Málaga', 'Sevilla', 'Madrid']);
    expect(cells(table.columns[2])).toEqual([1234.5, null, 10]);
    expect(cells(table.columns[3])).toEqual(['TRUE', 'FALSE', null]);
    const codes = result.warnings.map((w) => w.code);
    expect(codes).toContain('ROWS_BEFORE_HEADER_SKIPPED');
    expect(codes).toContain('EXCEL_ERROR_CELLS');
  });

  it('reads another sheet by name or by 1-based index', async () => {
    const bytes = makeWorkbook(bookType);
    for (const sheet of ['Otra', '2']) {
      const { table, file } = await ingestBytes(bytes, `book.${format}`, { sheet });
      expect(file.sheet).toBe('Otra');
      expect(cells(table.columns[1])).toEqual([2, 4]);
    }
    expect(await rejectionCode(ingestBytes(bytes, `book.${format}`, { sheet: 'Nope' }))).toBe('INVALID_OPTION');
  });
});

describe('formulas saved without their result', () => {
  it('count as missing, and a notice says how to compute them', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([
      ['a', 'b'],
      [1, 2],
      [3, 6],
    ]);
    // As some generators write them: a formula and no cached value.
    sheet.B2 = { t: 'n', f: 'A2*2' } as XLSX.CellObject;
    sheet.B3 = { t: 'n', f: 'A3*2' } as XLSX.CellObject;
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, sheet, 'S');
    const bytes = new Uint8Array(XLSX.write(workbook, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const { table, warnings } = await ingestBytes(bytes, 'f.xlsx', {});
    expect(cells(table.columns[1])).toEqual([null, null]);
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'FORMULAS_NOT_COMPUTED', count: 2 }));
  });
});

describe('workbook dates', () => {
  it('honours the 1904 date system', async () => {
    const { table } = await ingestBytes(makeWorkbook('xlsx', true), 'mac.xlsx');
    expect(cells(table.columns[0])).toEqual(['2024-01-31T00:00:00.000Z', '2024-02-01T00:00:00.000Z', null]);
  });
});

describe('damaged workbooks', () => {
  it('reports a truncated XLSX as corrupt', async () => {
    const bytes = makeWorkbook('xlsx');
    expect(await rejectionCode(ingestBytes(bytes.subarray(0, Math.floor(bytes.length / 2)), 'cut.xlsx'))).toMatch(
      /CORRUPT_FILE|UNSUPPORTED_FORMAT/,
    );
  });
});

describe('hostile and unusual workbooks', () => {
  it('refuses an encrypted (password-protected) workbook with a specific message', async () => {
    const CFB = (XLSX as unknown as { CFB: CfbApi }).CFB;
    const container = CFB.utils.cfb_new();
    CFB.utils.cfb_add(container, 'EncryptionInfo', new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0]));
    CFB.utils.cfb_add(container, 'EncryptedPackage', new Uint8Array(64));
    const bytes = new Uint8Array(CFB.write(container, { type: 'array' }));
    const error = await ingestBytes(bytes, 'secret.xlsx').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UNSUPPORTED_FORMAT', message: expect.stringContaining('password') as string });
  });

  it('ignores a declared dimension of a million rows and reads the real ones', async () => {
    const workbook = XLSX.utils.book_new();
    const sheet = XLSX.utils.aoa_to_sheet([['a', 'b'], ...Array.from({ length: 10 }, (_, i) => [i, i * 2])]);
    sheet['!ref'] = 'A1:C1048576';
    XLSX.utils.book_append_sheet(workbook, sheet, 'Big');
    const bytes = new Uint8Array(XLSX.write(workbook, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const { table, file } = await ingestBytes(bytes, 'big.xlsx');
    expect(table.rowCount).toBe(10);
    expect(file.sheets).toEqual([{ name: 'Big', rows: 11, columns: 2 }]);
  });

  it('uses cached formula values and never evaluates formulas', async () => {
    const workbook = XLSX.utils.book_new();
    const sheet = XLSX.utils.aoa_to_sheet([
      ['x', 'twice'],
      [2, { t: 'n', v: 4, f: 'A2*2' }],
      [5, { t: 'n', v: 999, f: 'A3*2' }], // a stale cache: we report what the file says
    ]);
    XLSX.utils.book_append_sheet(workbook, sheet, 'F');
    const bytes = new Uint8Array(XLSX.write(workbook, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const { table } = await ingestBytes(bytes, 'f.xlsx');
    expect(cells(table.columns[1])).toEqual([4, 999]);
  });

  it('notes merged cells', async () => {
    const { warnings } = await ingestBytes(makeWorkbook('xlsx'), 'book.xlsx');
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'MERGED_CELLS', count: 1 }));
  });
});

interface CfbApi {
  utils: { cfb_new: () => object; cfb_add: (container: object, name: string, data: Uint8Array) => void };
  write: (container: object, options: { type: 'array' }) => ArrayBuffer;
}

describe('zip guards before SheetJS', () => {
  it('refuses a workbook that would expand past the cap, before reading it', async () => {
    const bytes = makeWorkbook('xlsx');
    const error = await ingestBytes(bytes, 'book.xlsx', { zipLimits: { maxUncompressedBytes: 1000 } }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'UNSAFE_FILE', message: expect.stringContaining('zip bomb') as string });
  });
});

describe('a chosen header row in a sheet', () => {
  it('is the sheet row number the report gives back', async () => {
    const bytes = new Uint8Array(readFileSync('tests/fixtures/libreoffice-two-sheets.xlsx'));
    const detected = await ingestBytes(bytes, 'book.xlsx');
    const again = await ingestBytes(bytes, 'book.xlsx', { headerRow: detected.file.headerRow });
    expect(again.table.columns.map((c) => c.name)).toEqual(detected.table.columns.map((c) => c.name));
    const lower = await ingestBytes(bytes, 'book.xlsx', { headerRow: 4 });
    expect(lower.table.columns[1]?.name).toBe('Málaga');
  });
});

describe('which sheet, and which header row', () => {
  const book = (sheets: [string, unknown[][]][], hidden: number[] = []): Uint8Array => {
    const workbook = XLSX.utils.book_new();
    for (const [name, rows] of sheets) XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(rows), name);
    workbook.Workbook = { Sheets: sheets.map((_, i) => ({ Hidden: hidden.includes(i) ? 1 : 0 })) };
    return new Uint8Array(XLSX.write(workbook, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
  };
  const data: unknown[][] = [
    ['a', 'b'],
    [1, 2],
    [3, 4],
  ];

  it('reads the first visible sheet by default, not a hidden one before it', async () => {
    const bytes = book(
      [
        ['Oculta', [['secret'], [42]]],
        ['Datos', data],
      ],
      [0],
    );
    const { file, table } = await ingestBytes(bytes, 'b.xlsx', {});
    expect(file.sheet).toBe('Datos');
    expect(table.rowCount).toBe(2);
    expect((await ingestBytes(bytes, 'b.xlsx', { sheet: 'Oculta' })).file.sheet).toBe('Oculta');
  });

  it('refuses an empty sheet that was asked for, and a header row past the last row', async () => {
    const bytes = book([
      ['Vacía', []],
      ['Datos', data],
    ]);
    expect((await ingestBytes(bytes, 'b.xlsx', {})).file.sheet).toBe('Datos');
    expect(await rejectionCode(ingestBytes(bytes, 'b.xlsx', { sheet: 'Vacía' }))).toBe('EMPTY_FILE');
    expect(await rejectionCode(ingestBytes(bytes, 'b.xlsx', { headerRow: 99 }))).toBe('INVALID_OPTION');
    expect((await ingestBytes(bytes, 'b.xlsx', { headerRow: 2 })).table.rowCount).toBe(1);
  });

  it('finds the header below an ERP title block whose first line is two thirds as wide as the table', async () => {
    const bytes = book([
      [
        'S',
        [
          ['Empresa S.A.', null, 'Fecha: 2024-01-01'],
          ['Informe de ventas'],
          ['id', 'nombre', 'importe'],
          [1, 'a', 10.5],
          [2, 'b', 20.25],
          [3, 'c', 30],
        ],
      ],
    ]);
    const { table, file } = await ingestBytes(bytes, 'erp.xlsx', {});
    const { headerRow } = file;
    expect(headerRow).toBe(3);
    expect(table.columns.map((c) => c.name)).toEqual(['id', 'nombre', 'importe']);
    expect(cells(table.columns[2])).toEqual([10.5, 20.25, 30]);
  });

  it('keeps a header narrower than its data rows (an unnamed last column)', async () => {
    const bytes = book([
      [
        'S',
        [
          ['id', 'v'],
          [1, 2, 'nota'],
          [2, 3, 'nota'],
        ],
      ],
    ]);
    const { table, file } = await ingestBytes(bytes, 'n.xlsx', {});
    const { headerRow } = file;
    expect(headerRow).toBe(1);
    expect(table.rowCount).toBe(2);
  });

  it('a CSV header row past the last row names the option, not an empty file', async () => {
    const text = new TextEncoder().encode('a;b\n1;2\n');
    expect(await rejectionCode(ingestBytes(text, 'e.csv', { headerRow: 99 }))).toBe('INVALID_OPTION');
  });
});

describe('"Excel" exports of old web applications', () => {
  it('reads an Excel 2003 XML spreadsheet saved as .xls, typed cells and all', async () => {
    const workbook = XLSX.utils.book_new();
    const rows = [
      ['id', 'nombre', 'importe'],
      [1, 'Málaga', 1234.5],
      [2, 'Coruña', 99.9],
    ];
    XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(rows), 'Datos');
    const xml = new Uint8Array(XLSX.write(workbook, { type: 'array', bookType: 'xlml' }) as ArrayBuffer);
    const { table, file } = await ingestBytes(xml, 'export.xls', {});
    expect(file).toMatchObject({ format: 'xls', sheet: 'Datos' });
    expect(cells(table.columns[1])).toEqual(['Málaga', 'Coruña']);
    expect(cells(table.columns[2])).toEqual([1234.5, 99.9]);
  });

  it('refuses an HTML table saved as .xls: its numbers are display text', async () => {
    const html = '<html><body><table><tr><th>importe</th></tr><tr><td>1.234,5</td></tr></table></body></html>';
    expect(await rejectionCode(ingestBytes(new TextEncoder().encode(html), 'export.xls', {}))).toBe(
      'UNSUPPORTED_FORMAT',
    );
    // A CSV whose first cell happens to start with "<" is still a CSV.
    const csv = new TextEncoder().encode('<id>,name\n1,a\n');
    expect((await ingestBytes(csv, 'a.csv', {})).table.rowCount).toBe(1);
  });
});

describe('times of day', () => {
  it('read as their time ("08:30"), not as a date on 1899-12-31; date-times stay dates', async () => {
    const time = (v: number, z: string): Cell => ({ t: 'n', v, z });
    const rows = [
      ['hora', 'exacta', 'cuando'],
      [time(8.5 / 24, 'h:mm'), time((8.5 * 3600 + 15) / 86400, 'hh:mm:ss'), time(45322.5, 'yyyy-mm-dd h:mm')],
      [time(23 / 24, 'h:mm AM/PM'), time(0, 'hh:mm:ss'), time(45323.25, 'yyyy-mm-dd h:mm')],
    ];
    const workbook = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(rows), 'S');
    const bytes = new Uint8Array(XLSX.write(workbook, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const { table } = await ingestBytes(bytes, 't.xlsx', {});
    expect(cells(table.columns[0])).toEqual(['08:30', '23:00']);
    expect(cells(table.columns[1])).toEqual(['08:30:15', '00:00:00']);
    expect(cells(table.columns[2])).toEqual(['2024-01-31T12:00:00.000Z', '2024-02-01T06:00:00.000Z']);
  });
});
