/*
 * Every tests/fixtures file with a `.expected.json` twin is ingested and profiled; the result must
 * match the twin exactly. The twins were written once with UPDATE_GOLDEN=1 and then checked by hand
 * against the fixture text (each value, type and count); regenerate only when a change is intended.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeTable } from '../../src/core/analyze.ts';
import { ingestBytes } from '../../src/ingest/ingest.ts';
import { cells } from './helpers.ts';
import { reportSchemaErrors } from './schema.ts';

const DIR = 'tests/fixtures';
const INPUTS = readdirSync(DIR).filter((f) => /\.(csv|tsv|txt|xlsx|xls)$/.test(f));

async function snapshot(name: string): Promise<unknown> {
  const ingest = await ingestBytes(new Uint8Array(readFileSync(join(DIR, name))), name);
  const report = await analyzeTable(ingest, {}, { version: 'test', timings: { parse: 1 } });
  expect(reportSchemaErrors(JSON.parse(JSON.stringify(report)))).toBe('');
  return {
    file: report.file,
    rows: report.rows,
    rowsSkipped: report.rowsSkipped,
    cells: report.cells,
    missingCells: report.missingCells,
    warnings: report.warnings.map((w) => ({ code: w.code, count: w.count ?? null })),
    columns: report.columns.map((c, i) => ({
      name: c.name,
      type: c.type,
      count: c.count,
      missing: c.missing,
      distinct: c.distinct,
      flags: c.flags,
      values: cells(ingest.table.columns[i]),
    })),
  };
}

describe('golden fixtures', () => {
  it('has fixtures', () => {
    expect(INPUTS.length).toBeGreaterThanOrEqual(7);
  });

  it.each(INPUTS)('%s matches its .expected.json', async (name) => {
    const expectedPath = join(DIR, `${name}.expected.json`);
    const actual = await snapshot(name);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
    expect(existsSync(expectedPath), `${expectedPath} is missing`).toBe(true);
    expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
  });
});

describe('the report schema', () => {
  it('rejects reports that break the contract', async () => {
    const ingest = await ingestBytes(new TextEncoder().encode('a\n1\n'), 'a.csv');
    const report = JSON.parse(JSON.stringify(await analyzeTable(ingest, {}, { version: 'x', timings: {} }))) as Record<
      string,
      unknown
    >;
    expect(reportSchemaErrors(report)).toBe('');
    expect(reportSchemaErrors({ ...report, schemaVersion: 2 })).not.toBe('');
    expect(reportSchemaErrors({ ...report, rows: -1 })).not.toBe('');
    expect(reportSchemaErrors({ ...report, columns: [{ name: 'a', type: 'float' }] })).not.toBe('');
    expect(reportSchemaErrors({ ...report, surprise: true })).not.toBe('');
  });
});
