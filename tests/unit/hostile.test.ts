/*
 * A generated corpus of bad and odd inputs through the CLI's own entry point. Each input must end
 * in exit 1 with a specific code, or in a report whose row and cell counts reconcile with the
 * input. The suite prints a summary line: inputs tried, refused, analysed, and anything lost.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const dir = mkdtempSync(join(tmpdir(), 'smartdata-hostile-'));
const tally = { tried: 0, refused: 0, analysed: 0, lost: 0 };

async function run(name: string, content: string | Uint8Array, ...flags: string[]): Promise<Outcome> {
  const path = join(dir, name);
  writeFileSync(path, content);
  let stdout = '';
  let stderr = '';
  const code = await main(['analyze', path, ...flags], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isStderrTty: false,
    version: 'hostile',
  });
  tally.tried++;
  if (code === 1) tally.refused++;
  if (code === 0) tally.analysed++;
  return { code, stdout, stderr };
}

interface Report {
  rows: number;
  rowsSkipped: number;
  cells: number;
  columns: { name: string; flags: string[]; stats: Record<string, unknown> }[];
  warnings: { code: string; count?: number }[];
  duplicateRows: number;
  clustering: unknown;
  file: { format: string; encoding: string | null };
}

/** Analysed, and every data line of the input is a row or a counted skip: nothing silently lost. */
function analysed(outcome: Outcome, dataLines?: number): Report {
  expect(outcome.stderr).toBe('');
  expect(outcome.code).toBe(0);
  const report = JSON.parse(outcome.stdout) as Report;
  expect(report.cells).toBe(report.rows * report.columns.length);
  if (dataLines !== undefined && report.rows + report.rowsSkipped !== dataLines) tally.lost++;
  if (dataLines !== undefined) expect(report.rows + report.rowsSkipped).toBe(dataLines);
  return report;
}

function refused(outcome: Outcome, code: string): void {
  expect(outcome.code).toBe(1);
  expect(outcome.stdout).toBe('');
  expect(outcome.stderr).toMatch(new RegExp(`^smartdata: .+ \\[${code}\\]\\n$`));
}

const junk = Uint8Array.from({ length: 8192 }, (_, i) => (i * 2654435761) >>> 24);
const pdf = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >> endobj\n');
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

function workbook(rows: unknown[][], ref?: string): Uint8Array {
  const book = XLSX.utils.book_new();
  const sheet = XLSX.utils.aoa_to_sheet(rows);
  if (ref !== undefined) sheet['!ref'] = ref;
  XLSX.utils.book_append_sheet(book, sheet, 'S');
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

function zipBomb(): Uint8Array {
  const CFB = (XLSX as unknown as { CFB: ZipApi }).CFB;
  const zip = CFB.utils.cfb_new();
  CFB.utils.cfb_add(zip, '[Content_Types].xml', new TextEncoder().encode('<Types/>'));
  CFB.utils.cfb_add(zip, 'xl/worksheets/sheet1.xml', new Uint8Array(24 * 1024 * 1024));
  return new Uint8Array(CFB.write(zip, { type: 'array', fileType: 'zip', compression: true }));
}

interface ZipApi {
  utils: { cfb_new: () => object; cfb_add: (zip: object, name: string, data: Uint8Array) => void };
  write: (zip: object, options: { type: 'array'; fileType: 'zip'; compression: boolean }) => ArrayBuffer;
}

afterAll(() => {
  console.log(
    `hostile corpus: ${tally.tried} inputs tried, ${tally.refused} refused with a specific code, ${tally.analysed} analysed, ${tally.lost} lost`,
  );
  expect(tally.lost).toBe(0);
});

describe('refused, each with its own code', () => {
  it.each([
    ['empty.csv', new Uint8Array(0), 'EMPTY_FILE'],
    ['junk.csv', junk, 'UNSUPPORTED_FORMAT'],
    ['report.csv', pdf, 'UNSUPPORTED_FORMAT'],
    ['report.xlsx', pdf, 'UNSUPPORTED_FORMAT'],
    ['image.csv', png, 'UNSUPPORTED_FORMAT'],
    ['image.xlsx', png, 'UNSUPPORTED_FORMAT'],
  ])('%s', async (name, content, code) => {
    refused(await run(name, content), code);
  });

  it('a truncated workbook', async () => {
    const bytes = workbook([['a'], [1]]);
    const outcome = await run('cut.xlsx', bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/\[(CORRUPT_FILE|UNSAFE_FILE)\]/);
  });

  it('a real zip bomb', async () => {
    refused(await run('bomb.xlsx', zipBomb()), 'UNSAFE_FILE');
  });

  it('an unclosed quote early in a long file', async () => {
    refused(await run('quote.csv', `a,b\n1,"open\n${'2,3\n'.repeat(300_000)}`), 'FIELD_TOO_LONG');
  });

  it('10,000 columns', async () => {
    const header = Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',');
    refused(await run('wide.csv', `${header}\n${header}\n`), 'TOO_MANY_COLUMNS');
  });

  it('a k larger than the distinct points', async () => {
    refused(await run('few.csv', 'x\n1\n1\n2\n', '--k', '5'), 'K_OUT_OF_RANGE');
  });
});

describe('analysed, with counts that reconcile', () => {
  it('CSV named .xlsx and XLSX named .csv', async () => {
    const a = analysed(await run('text.xlsx', 'a,b\n1,2\n'), 1);
    expect(a.warnings.map((w) => w.code)).toContain('EXTENSION_MISMATCH');
    const b = analysed(await run('book.csv', workbook([['a'], [1], [2]])));
    expect(b.file.format).toBe('xlsx');
    expect(b.rows).toBe(2);
  });

  it('a sheet that declares a million rows and holds ten', async () => {
    const rows = [['n'], ...Array.from({ length: 10 }, (_, i) => [i])];
    expect(analysed(await run('dim.xlsx', workbook(rows, 'A1:A1048576'))).rows).toBe(10);
  });

  it('ragged rows, blank lines, invalid UTF-8 and UTF-16 without a BOM', async () => {
    const ragged = analysed(await run('ragged.csv', 'a,b,c\n1,2\n\n3,4,5,6\n7,8,9\n'), 4);
    expect(ragged.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(['RAGGED_ROWS_PADDED', 'RAGGED_ROWS_CUT', 'BLANK_LINES_SKIPPED']),
    );
    const latin = analysed(await run('latin.csv', Uint8Array.from([0x61, 0x0a, 0xe9, 0x0a])), 1);
    expect(latin.file.encoding).toBe('windows-1252');
    const utf16 = new Uint8Array(Buffer.from('a\tb\n1\t2\n', 'utf16le'));
    expect(analysed(await run('wide-chars.tsv', utf16), 1).file.encoding).toBe('utf-16le');
  });

  it('HTML, script, __proto__, bidi and control characters in headers and cells', async () => {
    const text =
      '<img src=x onerror=alert(1)>,__proto__,\u202Eevil\u202C,constructor\n<script>x</script>,a\u0007b,=1+1,\u0000\n';
    const report = analysed(await run('hostile-names.csv', text), 1);
    expect(report.columns.map((c) => c.name)).toEqual([
      '<img src=x onerror=alert(1)>',
      '__proto__',
      '\u202Eevil\u202C',
      'constructor',
    ]);
  });

  it('extreme and special numbers', async () => {
    const report = analysed(await run('numbers.csv', 'x\n1e308\n-0\nNaN\nInfinity\n-inf\n"1,234"\n5\n'), 7);
    const stats = report.columns[0]?.stats ?? {};
    expect(stats).toMatchObject({ infinite: 2, max: 1e308 });
  });

  it('an all-missing column, one row, identical rows, a header only', async () => {
    expect(analysed(await run('allmissing.csv', 'a,b\n1,\n2,NA\n'), 2).columns[1]?.flags).toContain('empty');
    expect(analysed(await run('one.csv', 'a,b\n1,2\n'), 1).rows).toBe(1);
    const same = analysed(await run('same.csv', `a,b\n${'1,2\n'.repeat(20)}`), 20);
    expect(same.duplicateRows).toBe(19);
    expect(same.clustering).toBeNull();
    expect(analysed(await run('header.csv', 'a,b,c\n'), 0).rows).toBe(0);
  });
});
