/*
 * The bytes-level parser against papaparse (the oracle): random well-formed and malformed CSVs
 * must give identical tables and warnings through both paths.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestBytes, type IngestResult } from '../../src/ingest/ingest.ts';
import type { Delimiter, IngestOptions } from '../../src/ingest/options.ts';
import { cells } from './helpers.ts';

function view(result: IngestResult): unknown {
  return {
    file: result.file,
    rows: result.table.rowCount,
    rowsSkipped: result.rowsSkipped,
    warnings: result.warnings,
    columns: result.table.columns.map((c) => ({ name: c.name, kind: c.kind, cells: cells(c) })),
  };
}

async function both(
  bytes: Uint8Array,
  options: IngestOptions = {},
): Promise<{ fast: unknown; oracle: unknown; parser: string }> {
  const settle = async (forcePapaparse: boolean): Promise<unknown> => {
    try {
      return view(await ingestBytes(bytes, 'x.csv', { ...options, forcePapaparse }));
    } catch (error) {
      return { error: (error as { code?: string }).code ?? String(error) };
    }
  };
  let parser = 'error';
  try {
    parser = (await ingestBytes(bytes, 'x.csv', options)).parser;
  } catch {
    // compared below
  }
  return { fast: await settle(false), oracle: await settle(true), parser };
}

const CELL_PIECES = [
  '1',
  '0',
  '007',
  '-2',
  '+3',
  '.5',
  '1.5',
  '1,5',
  '1.234,5',
  '10,301',
  '1e3',
  'inf',
  '-0',
  '12345678901234567890',
  'NA',
  'n/a',
  'null',
  '',
  ' ',
  ' 7 ',
  'abc',
  'Málaga',
  '€',
  'x"y',
  '"',
  '""',
  ',',
  ';',
  '\t',
  '\n',
  '\r\n',
  '\r',
  'a b',
];
const cell = fc.array(fc.constantFrom(...CELL_PIECES), { maxLength: 3 }).map((parts) => parts.join(''));

function quote(value: string, delimiter: string): string {
  const needsQuotes = value.includes(delimiter) || /["\r\n]/.test(value) || value.startsWith(' ');
  return needsQuotes ? `"${value.replaceAll('"', '""')}"` : value;
}

const wellFormed = fc
  .record({
    delimiter: fc.constantFrom<Delimiter>(',', ';', '\t', '|'),
    newline: fc.constantFrom('\n', '\r\n', '\r'),
    width: fc.integer({ min: 1, max: 5 }),
    rows: fc.array(fc.array(cell, { minLength: 0, maxLength: 6 }), { minLength: 1, maxLength: 25 }),
    finalNewline: fc.boolean(),
  })
  .map(({ delimiter, newline, width, rows, finalNewline }) => {
    const header = Array.from({ length: width }, (_, i) => `c${i}`).join(delimiter);
    const body = rows.map((r) => r.map((v) => quote(v, delimiter)).join(delimiter));
    return { delimiter, text: [header, ...body].join(newline) + (finalNewline ? newline : '') };
  });

const malformed = fc
  .array(fc.constantFrom('a', '1', ',', ';', '"', '""', '\n', '\r\n', ' ', '2,5', 'x"', '"y'), { maxLength: 60 })
  .map((parts) => `h1,h2\n${parts.join('')}`);

describe('bytes parser vs papaparse', () => {
  it('agree on every fixture', async () => {
    for (const name of readdirSync('tests/fixtures').filter((f) => /\.(csv|tsv)$/.test(f))) {
      const { fast, oracle } = await both(new Uint8Array(readFileSync(`tests/fixtures/${name}`)));
      expect(fast, name).toEqual(oracle);
    }
  });

  it('agree on random well-formed CSVs, and the fast path takes them', async () => {
    await fc.assert(
      fc.asyncProperty(wellFormed, async ({ delimiter, text }) => {
        // The delimiter is given: tiny one-column samples are ambiguous, and sniffing is tested elsewhere.
        const { fast, oracle, parser } = await both(new TextEncoder().encode(text), { delimiter });
        expect(fast).toEqual(oracle);
        expect(['bytes', 'error']).toContain(parser);
      }),
      { numRuns: 300, seed: 20261129 },
    );
  });

  it('agree on random malformed quoting', async () => {
    await fc.assert(
      fc.asyncProperty(malformed, async (text) => {
        const { fast, oracle } = await both(new TextEncoder().encode(text));
        expect(fast).toEqual(oracle);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('agree on Windows-1252 bytes', async () => {
    const text = 'Región;Importe\r\nMálaga;1,5\r\n€uro;2\r\n';
    const bytes = Uint8Array.from(text, (c) => (c === '€' ? 0x80 : c.charCodeAt(0)));
    const { fast, oracle, parser } = await both(bytes);
    expect(parser).toBe('bytes');
    expect(fast).toEqual(oracle);
  });
});
