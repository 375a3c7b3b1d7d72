/*
 * Every case of the csv-spectrum corpus, through both delimited parsers. Empty strings in the JSON
 * are missing cells in our model; numbers compare by value. Where the corpus's JSON is itself
 * wrong, the correction is spelled out below.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../src/core/number-format.ts';
import { ingestBytes } from '../../src/ingest/ingest.ts';
import { cells } from './helpers.ts';

const root = dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json'));
const CASES = readdirSync(join(root, 'csvs')).map((f) => f.replace(/\.csv$/, ''));

/*
 * location_coordinates.json is wrong twice: it is a bare object rather than an array of rows, and
 * its "Contact Phone Number" (1234567890) is not the one in the CSV (2095257564). We expect what
 * the CSV says.
 */
function expectedRows(name: string): Record<string, string>[] {
  const json = JSON.parse(readFileSync(join(root, 'json', `${name}.json`), 'utf8')) as
    Record<string, string>[] | Record<string, string>;
  const rows = Array.isArray(json) ? json : [json];
  if (name === 'location_coordinates') return rows.map((r) => ({ ...r, 'Contact Phone Number': '2095257564' }));
  return rows;
}

describe.each([false, true])('csv-spectrum (forcePapaparse: %s)', (forcePapaparse) => {
  it('has all 12 cases', () => {
    expect(CASES).toHaveLength(12);
  });

  it.each(CASES)('%s', async (name) => {
    const bytes = new Uint8Array(readFileSync(join(root, 'csvs', `${name}.csv`)));
    const { table, parser } = await ingestBytes(bytes, `${name}.csv`, { forcePapaparse });
    expect(parser).toBe(forcePapaparse ? 'papaparse' : 'bytes');
    const rows = expectedRows(name);
    expect(table.columns.map((c) => c.name)).toEqual(Object.keys(rows[0] ?? {}));
    expect(table.rowCount).toBe(rows.length);
    table.columns.forEach((column) => {
      const actual = cells(column);
      rows.forEach((row, r) => {
        const want = row[column.name] ?? '';
        const got = actual[r];
        if (want === '') expect(got).toBeNull();
        else if (typeof got === 'number') expect(got).toBe(parseNumber(want));
        else expect(got).toBe(want);
      });
    });
  });
});
