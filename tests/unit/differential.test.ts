/*
 * The bytes-level parser against papaparse (the oracle): random well-formed and malformed CSVs
 * must give identical tables and warnings through both paths.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestBytes, type IngestResult } from '../../src/ingest/ingest.ts';
import type { Delimiter, IngestOptions } from '../../src/ingest/options.ts';
import { DEFAULT_MISSING_TOKENS } from '../../src/ingest/options.ts';
import { sniffDialect } from '../../src/ingest/sniff.ts';
import { parseDelimitedBytes, parseRowRange } from '../../src/ingest/split-delimited.ts';
import { cells } from './helpers.ts';

function view(result: IngestResult): unknown {
  return {
    file: result.file,
    rows: result.table.rowCount,
    rowsSkipped: result.rowsSkipped,
    warnings: result.warnings,
    columns: result.table.columns.map((c) => ({
      name: c.name,
      kind: c.kind,
      cells: cells(c),
      numericCells: c.kind === 'string' ? c.numericCells : null,
    })),
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
    // Some files mix their line breaks (a file appended to another): then each row picks its own.
    mixed: fc.option(fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 26, maxLength: 26 })),
    width: fc.integer({ min: 1, max: 5 }),
    rows: fc.array(fc.array(cell, { minLength: 0, maxLength: 6 }), { minLength: 1, maxLength: 25 }),
    finalNewline: fc.boolean(),
  })
  .map(({ delimiter, newline, mixed, width, rows, finalNewline }) => {
    const header = Array.from({ length: width }, (_, i) => `c${i}`).join(delimiter);
    const body = rows.map((r) => r.map((v) => quote(v, delimiter)).join(delimiter));
    const lines = [header, ...body];
    const breakAfter = (i: number): string => mixed?.[i] ?? newline;
    const text = lines.map((line, i) => (i < lines.length - 1 ? line + breakAfter(i) : line)).join('');
    return { delimiter, text: text + (finalNewline ? breakAfter(lines.length - 1) : '') };
  });

const malformed = fc
  .array(fc.constantFrom('a', '1', ',', ';', '"', '""', '\n', '\r\n', ' ', '2,5', 'x"', '"y'), { maxLength: 60 })
  .map((parts) => `h1,h2\n${parts.join('')}`);

const NUMBER_PIECES = ['0', '7', '12', '007', '1234', '123456789012345', '1234567890123456', '-', '+', '.', ',', ' '];
const numberish = fc
  .record({
    delimiter: fc.constantFrom<Delimiter>(';', '\t', '|'),
    format: fc.constantFrom(
      { decimal: '.', thousands: '' },
      { decimal: ',', thousands: '' },
      { decimal: '.', thousands: ',' },
      { decimal: ',', thousands: '.' },
      { decimal: ',', thousands: ' ' },
    ),
    missingTokens: fc.constantFrom(undefined, ['-999', '0', ''], ['NA', '1.5'], ['x']),
    rows: fc.array(
      fc.array(fc.array(fc.constantFrom(...NUMBER_PIECES, 'e5', 'a', '-999', '1.5'), { maxLength: 4 }), {
        minLength: 1,
        maxLength: 3,
      }),
      { minLength: 1, maxLength: 20 },
    ),
  })
  .map(({ delimiter, format, missingTokens, rows }) => ({
    options: { delimiter, ...format, ...(missingTokens === undefined ? {} : { missingTokens }) },
    text: [
      'a;b;c'.replaceAll(';', delimiter),
      ...rows.map((r) => r.map((parts) => parts.join('')).join(delimiter)),
    ].join('\n'),
  }));

/** A file longer than the parser's row-count sample, with late text, ragged rows and quoted line breaks. */
function longCsv(rows: number): string {
  const lines = ['id,x,late,note'];
  for (let i = 0; i < rows; i++) {
    const late = i === rows - 100 ? 'text' : String((i * 7919) % 1000) + (i % 3 === 0 ? '.50' : '');
    const note = i % 500 === 0 ? `"line\nbreak ${i}"` : `n${i % 37}`;
    lines.push(i % 997 === 0 ? '' : i % 1009 === 0 ? `${i},1` : `${i},${(i % 13) - 6.5},${late},${note}`);
  }
  return lines.join('\n');
}

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
        const { fast, oracle, parser } = await both(new TextEncoder().encode(text));
        // Text after a closing quote: the bytes path reads it as pandas does, papaparse reads on to
        // the next quote (ingest-delimited.test.ts checks that case against Python's csv module).
        if (parser === 'bytes' && JSON.stringify(fast).includes('MALFORMED_QUOTES')) return;
        expect(fast).toEqual(oracle);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('agree on numbers in every number format, with numeric missing tokens', async () => {
    await fc.assert(
      fc.asyncProperty(numberish, async ({ options, text }) => {
        const { fast, oracle, parser } = await both(new TextEncoder().encode(text), options);
        expect(fast).toEqual(oracle);
        expect(['bytes', 'error']).toContain(parser);
      }),
      { numRuns: 300, seed: 1130 },
    );
  });

  it('agree on a file longer than the row-count sample', async () => {
    const { fast, oracle, parser } = await both(new TextEncoder().encode(longCsv(30_000)));
    expect(parser).toBe('bytes');
    expect(fast).toEqual(oracle);
  });

  it('agree when different invalid bytes, forced to UTF-8, decode to the same text', async () => {
    const bytes = Uint8Array.from([0x6b, 0x0a, 0x78, 0x0a, 0xff, 0x0a, 0xfe, 0x0a, 0xff, 0x0a, 0x31, 0x0a]);
    const { fast, oracle, parser } = await both(bytes, { encoding: 'utf-8' });
    expect(parser).toBe('bytes');
    expect(fast).toEqual(oracle);
    const { table } = await ingestBytes(bytes, 'x.csv', { encoding: 'utf-8' });
    expect(table.columns[0]).toMatchObject({ dictionary: ['x', '\ufffd', '1'], numericCells: 1 });
  });

  it('agree on Windows-1252 bytes', async () => {
    const text = 'Región;Importe\r\nMálaga;1,5\r\n€uro;2\r\n';
    const bytes = Uint8Array.from(text, (c) => (c === '€' ? 0x80 : c.charCodeAt(0)));
    const { fast, oracle, parser } = await both(bytes);
    expect(parser).toBe('bytes');
    expect(fast).toEqual(oracle);
  });
});

/** The table, warnings and refusals of one pass and of the two-part split, with whether the split ran. */
async function oneAndSplit(
  text: string,
  options: IngestOptions = {},
): Promise<{ one: unknown; split: unknown; ran: boolean; merged: boolean }> {
  const bytes = new TextEncoder().encode(text);
  const dialect = sniffDialect(text.slice(0, 65536), options);
  const limits = {
    missingTokens: new Set(options.missingTokens ?? DEFAULT_MISSING_TOKENS),
    maxColumns: 50,
    maxFieldChars: 200,
    headerRow: 1,
  };
  const settle = async (parse: () => Promise<unknown>): Promise<unknown> => {
    try {
      return await parse();
    } catch (error) {
      return { error: (error as { code?: string }).code, details: (error as { details?: unknown }).details };
    }
  };
  let ran = false;
  const runRange = (request: Parameters<typeof parseRowRange>[0]): ReturnType<typeof parseRowRange> => {
    ran = true;
    return parseRowRange(request);
  };
  const split = await settle(() =>
    parseDelimitedBytes(
      bytes,
      'utf-8',
      dialect,
      limits,
      {},
      {
        runRange: (r) => Promise.resolve(runRange(r)),
        minSplitBytes: 0,
        sampleBytes: 8,
      },
    ),
  );
  const one = await settle(() => parseDelimitedBytes(bytes, 'utf-8', dialect, limits));
  // `threads: 2` says the second half was merged; the table itself must be what one pass builds.
  const { threads, ...table } = (split ?? {}) as { threads?: number };
  return { one, split: split === undefined ? undefined : table, ran, merged: threads === 2 };
}

describe('two-part split vs one pass', () => {
  it('agree on random well-formed and malformed CSVs', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          wellFormed,
          malformed.map((text): { delimiter: Delimiter; text: string } => ({ delimiter: ',', text })),
        ),
        async ({ delimiter, text }) => {
          const { one, split } = await oneAndSplit(text, { delimiter });
          expect(split).toEqual(one);
        },
      ),
      { numRuns: 400, seed: 424242 },
    );
  });

  it('agree on number formats and numeric missing tokens', async () => {
    await fc.assert(
      fc.asyncProperty(numberish, async ({ options, text }) => {
        const { one, split } = await oneAndSplit(text, options);
        expect(split).toEqual(one);
      }),
      { numRuns: 200, seed: 99 },
    );
  });

  it('merge columns that turn text in either half, blank lines and ragged rows', async () => {
    const rows = (from: number, to: number, cell: (i: number) => string): string[] =>
      Array.from({ length: to - from }, (_, k) => cell(from + k));
    const first = rows(0, 200, (i) => `${i},${i % 50 === 0 ? 'early' : `${i}.50`},${i}.0,${i % 7 === 0 ? '' : 'x'}`);
    const second = rows(200, 400, (i) => `${i},${i}.50,${i === 300 ? 'late' : `${i}.0`},${i % 9 === 0 ? '\n' : '7'}`);
    const { one, split, ran } = await oneAndSplit(['id,a,b,c', ...first, ...second, 'x,1,2,3,4', ''].join('\n'));
    expect(ran).toBe(true);
    expect(split).toEqual(one);
  });

  it('merge a clean second half read by the runner (threads: 2)', async () => {
    const lines = Array.from(
      { length: 400 },
      (_, i) => `${i},${(i * 0.37).toFixed(2)},"q, ${i % 5}",${i % 3 === 0 ? '' : 'b'}`,
    );
    const { one, split, ran, merged } = await oneAndSplit(['id,x,q,c', ...lines, ''].join('\n'));
    expect(ran).toBe(true);
    expect(merged).toBe(true);
    expect(split).toEqual(one);
  });

  it('agree when the middle of the file lies inside a quoted field', async () => {
    const text = `id,note\n0,xxxxxxxxxx\n1,"${'a\n'.repeat(100)}"\n2,b\n`;
    const { one, split, ran } = await oneAndSplit(text);
    expect(ran).toBe(true);
    expect(split).toEqual(one);
  });
});
