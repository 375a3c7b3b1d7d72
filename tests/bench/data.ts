/* Deterministic benchmark inputs: the same bytes on every run and machine. */
import { createRandom } from '../../src/core/stats/random.ts';

const CATEGORIES = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta'];

/**
 * A mixed CSV: 12 columns (id, 6 numeric with missing cells, a quoted text with commas, a
 * category, a date, a boolean, a mostly-numeric code), `rows` rows, about 100 bytes a row.
 * With `decimalComma` it is the European dialect: `;` and decimal commas.
 */
export function mixedCsv(rows: number, decimalComma = false): Uint8Array {
  const random = createRandom(20261129);
  const sep = decimalComma ? ';' : ',';
  const num = (v: number, digits: number): string =>
    decimalComma ? v.toFixed(digits).replace('.', ',') : v.toFixed(digits);
  const lines = [['id', 'a', 'b', 'c', 'd', 'e', 'f', 'note', 'category', 'day', 'flag', 'code'].join(sep)];
  for (let i = 0; i < rows; i++) {
    const missing = random() < 0.03;
    lines.push(
      [
        i,
        missing ? '' : num(random() * 100, 3),
        Math.floor(random() * 1000),
        num((random() - 0.5) * 1e4, 2),
        num(random() ** 3 * 50, 4),
        missing ? 'NA' : num(random(), 6),
        Math.floor(random() * 7),
        `"text ${i % 997}, part ${Math.floor(random() * 9)}"`,
        CATEGORIES[i % 7],
        `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
        random() < 0.5 ? 'true' : 'false',
        random() < 0.99 ? String(10000 + (i % 5000)) : 'n/a-code',
      ].join(sep),
    );
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

/** Gaussian-ish blobs: `rows` × `dims` points around `k` centres 3 apart (row i belongs to i mod k). */
export function blobs(rows: number, dims: number, k: number): Float64Array {
  const random = createRandom(2026);
  const data = new Float64Array(rows * dims);
  for (let i = 0; i < rows; i++) for (let j = 0; j < dims; j++) data[i * dims + j] = (i % k) * 3 + random() * 2;
  return data;
}

/**
 * A one-sheet workbook with the mixed CSV's 12 columns as typed cells (numbers, text, booleans,
 * dates, blanks), written by SheetJS as XLSX; the same bytes for the same `rows`.
 */
export async function mixedWorkbook(rows: number): Promise<Uint8Array> {
  const XLSX = await import('xlsx');
  const random = createRandom(20261130);
  const aoa: unknown[][] = [['id', 'a', 'b', 'c', 'd', 'e', 'f', 'note', 'category', 'day', 'flag', 'code']];
  for (let i = 0; i < rows; i++) {
    const missing = random() < 0.03;
    aoa.push([
      i,
      missing ? null : Math.round(random() * 1e5) / 1e3,
      Math.floor(random() * 1000),
      Math.round((random() - 0.5) * 1e6) / 100,
      Math.round(random() ** 3 * 5e5) / 1e4,
      missing ? 'NA' : Math.round(random() * 1e6) / 1e6,
      Math.floor(random() * 7),
      `text ${i % 997}, part ${Math.floor(random() * 9)}`,
      CATEGORIES[i % 7],
      new Date(Date.UTC(2024, i % 12, (i % 28) + 1)),
      random() < 0.5,
      random() < 0.99 ? String(10000 + (i % 5000)) : 'n/a-code',
    ]);
  }
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(aoa, { cellDates: false }), 'data');
  // A fixed modification date keeps the zip bytes identical from run to run.
  book.Props = { ModifiedDate: new Date(Date.UTC(2026, 0, 1)), CreatedDate: new Date(Date.UTC(2026, 0, 1)) };
  return new Uint8Array(XLSX.write(book, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}
