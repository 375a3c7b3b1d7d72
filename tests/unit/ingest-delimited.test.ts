import { describe, expect, it } from 'vitest';
import { ByteDictionary, CROWDED, hashSpan } from '../../src/ingest/byte-dictionary.ts';
import { ingestBytes } from '../../src/ingest/ingest.ts';
import { cells, ingestText, rejectionCode } from './helpers.ts';

describe('ingest of delimited text', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks', async () => {
    const { table } = await ingestText('name,notes\n"Doe, John","said ""hi""\nthen left"\nAna,plain\n');
    expect(table.rowCount).toBe(2);
    expect(cells(table.columns[0])).toEqual(['Doe, John', 'Ana']);
    expect(cells(table.columns[1])).toEqual(['said "hi"\nthen left', 'plain']);
  });

  it.each([
    ['CRLF', 'a,b\r\n1,2\r\n3,4\r\n'],
    ['LF', 'a,b\n1,2\n3,4\n'],
    ['CR', 'a,b\r1,2\r3,4\r'],
    ['no final newline', 'a,b\n1,2\n3,4'],
  ])('reads %s line endings', async (_, text) => {
    const { table, warnings } = await ingestText(text);
    expect(table.rowCount).toBe(2);
    expect(cells(table.columns[1])).toEqual([2, 4]);
    expect(warnings).toEqual([]);
  });

  it('reads the Spanish dialect without being told', async () => {
    const { table, file } = await ingestText('importe;cantidad\n1,5;2\n1.234,75;3\n-0,25;4\n');
    expect(file).toMatchObject({ delimiter: ';', decimalSeparator: ',', thousandsSeparator: '.' });
    expect(cells(table.columns[0])).toEqual([1.5, 1234.75, -0.25]);
  });

  it('reads quoted "1,500" in a comma file as 1500, and says how to read it the other way', async () => {
    const text = 'customer,revenue\nA,"1,500"\nB,250\nC,"12,000"\n';
    const { table, warnings } = await ingestText(text);
    expect(cells(table.columns[1])).toEqual([1500, 250, 12000]);
    expect(warnings).toEqual([
      {
        code: 'AMBIGUOUS_NUMBERS',
        message:
          'Numbers such as "1,500" can be read two ways: "," was read as the thousands separator; if it is the decimal separator, read the file again with decimal separator ",".',
        examples: ['1,500'],
      },
    ]);
    const asDecimals = await ingestText(text, 'test.csv', { decimal: ',' });
    expect(cells(asDecimals.table.columns[1])).toEqual([1.5, 250, 12]);
    expect(asDecimals.warnings).toEqual([]);
  });

  it('says so when a UTF-8 byte-order mark opens bytes that are not UTF-8', async () => {
    // "José;Núñez" in Windows-1252 after a UTF-8 BOM: read as UTF-8 (the BOM wins), with a notice.
    const bytes = Uint8Array.of(
      0xef,
      0xbb,
      0xbf,
      ...Buffer.from('a;b\nJos'),
      0xe9,
      0x3b,
      0x4e,
      0xfa,
      0xf1,
      0x65,
      0x7a,
      0x0a,
    );
    const { file, warnings } = await ingestBytes(bytes, 'x.csv', {});
    expect(file.encoding).toBe('utf-8');
    expect(warnings.map((w) => w.code)).toEqual(['INVALID_UTF8']);
    const forced = await ingestBytes(Uint8Array.from(Buffer.from('a\nJos\xe9\n', 'latin1')), 'y.csv', {
      encoding: 'utf-8',
    });
    expect(forced.warnings.map((w) => w.code)).toEqual(['INVALID_UTF8']);
    const clean = await ingestBytes(Uint8Array.of(0xef, 0xbb, 0xbf, ...Buffer.from('a\nJosé\n')), 'z.csv', {});
    expect(clean.warnings).toEqual([]);
  });

  it('takes the number format from further into the file than its head', async () => {
    // ~110 KB of amounts below 1,000, then larger ones with thousands dots.
    const small = Array.from({ length: 9000 }, (_, i) => `f${i};${(i % 997) + 1},${String(i % 100).padStart(2, '0')}`);
    const large = Array.from({ length: 300 }, (_, i) => `g${i};${12 + (i % 80)}.345,67`);
    const { table, file } = await ingestText(['id;importe', ...small, ...large].join('\n'));
    expect(file).toMatchObject({ decimalSeparator: ',', thousandsSeparator: '.' });
    expect(table.columns[1]?.kind).toBe('number');
    expect(cells(table.columns[1]).at(-1)).toBe(71345.67);
    // Whole numbers for ~90 KB, then decimal commas: one number column, not text.
    const whole = Array.from({ length: 12000 }, (_, i) => `${i};${i % 100}`);
    const later = Array.from({ length: 300 }, (_, i) => `${12000 + i};${i % 100},5`);
    const second = await ingestText(['n;peso', ...whole, ...later].join('\n'));
    expect(second.file.decimalSeparator).toBe(',');
    expect(second.table.columns[1]?.kind).toBe('number');
    expect(cells(second.table.columns[1]).at(-1)).toBe(99.5);
    // A smaller file (its whole text in the head), decimal commas only in its last rows.
    const short = Array.from({ length: 6000 }, (_, i) => `${i};${i % 100}`);
    const tail = Array.from({ length: 50 }, (_, i) => `${6000 + i};${i},5`);
    const third = await ingestText(['n;peso', ...short, ...tail].join('\n'));
    expect(third.table.columns[1]?.kind).toBe('number');
    expect(cells(third.table.columns[1]).at(-1)).toBe(49.5);
  });

  it.each([
    ['CRLF, then LF', 'a,b\r\n1,2\n3,4\n5,6\n'],
    ['LF, then CRLF', 'a,b\n1,2\r\n3,4\n5,6\r\n'],
    ['CR, LF and CRLF', 'a,b\r1,2\n3,4\r\n5,6'],
  ])('ends rows at every kind of line break, mixed as %s', async (_, text) => {
    for (const forcePapaparse of [false, true]) {
      const { table, warnings } = await ingestText(text, 'mixed.csv', { forcePapaparse });
      expect(table.rowCount).toBe(3);
      expect(cells(table.columns[0])).toEqual([1, 3, 5]);
      expect(cells(table.columns[1])).toEqual([2, 4, 6]);
      expect(warnings).toEqual([]);
    }
    // A quoted field keeps its own line breaks.
    const quoted = await ingestText('a,b\r\n"x\ny",2\n"p\r\nq",4\r\n', 'q.csv');
    expect(cells(quoted.table.columns[0])).toEqual(['x\ny', 'p\r\nq']);
  });

  it('reads a one-column file of decimal commas as that column', async () => {
    const { table } = await ingestText('valor\n1,5\n2,25\n3,75\n10,5\n');
    expect(table.columns.map((c) => c.name)).toEqual(['valor']);
    expect(cells(table.columns[0])).toEqual([1.5, 2.25, 3.75, 10.5]);
  });

  it('skips and counts blank lines; keeps rows of empty fields as missing cells', async () => {
    const { table, warnings, rowsSkipped } = await ingestText('a,b\n1,2\n\n\n,\n3,4\n');
    expect(table.rowCount).toBe(3);
    expect(cells(table.columns[0])).toEqual([1, null, 3]);
    expect(rowsSkipped).toBe(2);
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'BLANK_LINES_SKIPPED', count: 2 }));
  });

  it('pads short rows and cuts long ones, never silently', async () => {
    const { table, warnings } = await ingestText('a,b,c\n1,2,3\n4,5\n6,7,8,9,10\n');
    expect(table.rowCount).toBe(3);
    expect(cells(table.columns[2])).toEqual([3, null, 8]);
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'RAGGED_ROWS_PADDED', count: 1, examples: [2] }));
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'RAGGED_ROWS_CUT', count: 2, examples: [3] }));
  });

  it('makes empty, duplicate and hostile header names unique and keeps them', async () => {
    const { table, warnings } = await ingestText('a,,a,__proto__,<b>x</b>,a.1\n1,2,3,4,5,6\n');
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'column_2', 'a.2', '__proto__', '<b>x</b>', 'a.1']);
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'HEADER_RENAMED', count: 2 }));
  });

  it('treats the default missing tokens as missing', async () => {
    const { table } = await ingestText('x\n1\nNA\nN/A\nn/a\nNaN\nnan\nnull\nNULL\n#N/A\n\n 2 \n');
    expect(cells(table.columns[0])).toEqual([1, null, null, null, null, null, null, null, null, 2]);
  });

  it('accepts custom missing tokens', async () => {
    const { table } = await ingestText('x\n1\n-\n2\n', 'x.csv', { missingTokens: ['', '-'] });
    expect(cells(table.columns[0])).toEqual([1, null, 2]);
  });

  it('keeps zero-padded codes and long identifiers as text', async () => {
    const { table } = await ingestText('code,id\n007,12345678901234567890\n010,12345678901234567891\n');
    expect(table.columns[0]?.kind).toBe('string');
    expect(cells(table.columns[0])).toEqual(['007', '010']);
    expect(cells(table.columns[1])).toEqual(['12345678901234567890', '12345678901234567891']);
  });

  it('reads a header-only file as zero rows', async () => {
    const { table } = await ingestText('a,b,c\n');
    expect(table.rowCount).toBe(0);
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
  });

  it('refuses files with nothing in them', async () => {
    expect(await rejectionCode(ingestText(''))).toBe('EMPTY_FILE');
    expect(await rejectionCode(ingestText('\n\n\n'))).toBe('EMPTY_FILE');
  });

  it('refuses more columns than the limit', async () => {
    const header = Array.from({ length: 11 }, (_, i) => `c${i}`).join(',');
    expect(await rejectionCode(ingestText(`${header}\n`, 'w.csv', { maxColumns: 10 }))).toBe('TOO_MANY_COLUMNS');
  });

  it('refuses files over the size limit', async () => {
    expect(await rejectionCode(ingestText('a\n1\n', 'x.csv', { maxFileBytes: 3 }))).toBe('FILE_TOO_LARGE');
  });

  it('skips rows above a chosen header row', async () => {
    const { table, warnings } = await ingestText('Report 2025\na,b\n1,2\n', 'r.csv', { headerRow: 2 });
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'ROWS_BEFORE_HEADER_SKIPPED', count: 1 }));
  });

  it('reports an unclosed quote', async () => {
    const { warnings } = await ingestText('a,b\n1,"oops\n2,3\n');
    expect(warnings).toContainEqual(expect.objectContaining({ code: 'UNCLOSED_QUOTE' }));
  });

  it('notes a file whose name says xlsx but whose content is CSV', async () => {
    const { file, warnings } = await ingestText('a,b\n1,2\n', 'data.xlsx');
    expect(file.format).toBe('csv');
    expect(warnings[0]?.code).toBe('EXTENSION_MISMATCH');
  });

  it('calls a tab-delimited file TSV', async () => {
    const { file } = await ingestText('a\tb\n1\t2\n', 'x.txt');
    expect(file).toMatchObject({ format: 'tsv', delimiter: '\t' });
  });

  it('stops at a cancel request between chunks', async () => {
    const text = `a,b\n${'1,2\n'.repeat(2_000_000)}`;
    const { ingestBytes } = await import('../../src/ingest/ingest.ts');
    const cancel = { aborted: false };
    let chunks = 0;
    const run = ingestBytes(
      new TextEncoder().encode(text),
      'big.csv',
      {},
      {
        cancel,
        yieldNow: () => new Promise((resolve) => setTimeout(resolve, 0)),
        onProgress: () => {
          chunks++;
          cancel.aborted = true;
        },
      },
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(chunks).toBe(1);
  });

  it.each([false, true])('refuses a field over the length cap (forcePapaparse: %s)', async (forcePapaparse) => {
    const text = `a,b\n1,${'x'.repeat(2_000_001)}\n2,3\n`;
    const error = await ingestText(text, 'long.csv', { forcePapaparse }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FIELD_TOO_LONG', details: { row: 1 } });
  });

  it('refuses a quote opened early and never closed in a long file, naming the row', async () => {
    const text = `a,b\n1,2\n3,"never closed\n${'4,5\n'.repeat(400_000)}`;
    const error = await ingestText(text, 'broken.csv').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FIELD_TOO_LONG', details: { row: 2 } });
  });

  it('refuses 10,000 columns with the default cap', async () => {
    const header = Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',');
    expect(await rejectionCode(ingestText(`${header}\n`))).toBe('TOO_MANY_COLUMNS');
  });

  it('keeps HTML, bidi and control characters in cells as plain text', async () => {
    const { table } = await ingestText('name,note\n<script>alert(1)</script>,\u202Eevil\u0007\n');
    expect(cells(table.columns[0])).toEqual(['<script>alert(1)</script>']);
    expect(cells(table.columns[1])).toEqual(['\u202Eevil\u0007']);
  });

  it('stops probing the byte dictionary after a bounded run of equal hashes (hash flooding)', () => {
    const bytes = new TextEncoder().encode(Array.from({ length: 200 }, (_, i) => String(i).padStart(3, '0')).join(''));
    const dictionary = new ByteDictionary(bytes);
    const found: number[] = [];
    for (let i = 0; i < 200; i++) {
      const entry = dictionary.find(3 * i, 3 * i + 3, 42);
      found.push(entry);
      if (entry === -1) dictionary.add(3 * i, 3 * i + 3, 42, i, false);
    }
    expect(found.slice(0, 65)).toEqual(Array<number>(65).fill(-1));
    expect(found.slice(65)).toEqual(Array<number>(135).fill(CROWDED));
    expect(dictionary.code(dictionary.find(3 * 10, 3 * 10 + 3, 42))).toBe(10);
  });

  it('finds entries copied to its arena and, past the budget, those left in the file', () => {
    // 1,000 distinct 7-byte spans: the budget holds a first 4 KiB arena (585 copies), not a second.
    const text = Array.from({ length: 1000 }, (_, i) => `v${String(i).padStart(6, '0')}\n`).join('');
    const bytes = new TextEncoder().encode(`${text}${text}`);
    const second = bytes.length / 2;
    const budget = { left: 5000 };
    const dictionary = new ByteDictionary(bytes, budget);
    for (let i = 0; i < 1000; i++) {
      const [start, end] = [8 * i, 8 * i + 7];
      expect(dictionary.find(start, end, hashSpan(bytes, start, end))).toBe(-1);
      dictionary.add(start, end, hashSpan(bytes, start, end), i, false);
    }
    expect(budget.left).toBe(5000 - 4096);
    for (let i = 0; i < 1000; i++) {
      // The same text at its second occurrence, and a span of another length with the same hash.
      const [start, end] = [second + 8 * i, second + 8 * i + 7];
      expect(dictionary.code(dictionary.find(start, end, hashSpan(bytes, start, end)))).toBe(i);
      expect(dictionary.find(start, end - 1, hashSpan(bytes, start, end))).toBe(-1);
    }
  });
});

describe('numbers before the first text of a column keep their own text', () => {
  it.each([false, true])(
    '1.10, 1.0 and 2.00E3 are not rewritten as 1.1, 1 and 2000 (papaparse: %s)',
    async (forcePapaparse) => {
      const text = 'code,n\n1.10,1\n1.1,2\n1.0,3\n1,4\n2.00E3,5\nabc,6\n';
      const { table, parser } = await ingestText(text, 't.csv', { forcePapaparse });
      expect(parser).toBe(forcePapaparse ? 'papaparse' : 'bytes');
      const [code, n] = table.columns;
      expect(cells(code)).toEqual(['1.10', '1.1', '1.0', '1', '2.00E3', 'abc']);
      expect(code?.kind === 'string' && code.dictionary.length).toBe(6);
      expect(code?.kind === 'string' && code.numericCells).toBe(5);
      expect(cells(n)).toEqual([1, 2, 3, 4, 5, 6]);
    },
  );

  it('a European number stays as written when text follows far down the column', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i % 7 === 0 ? '1.234,50' : `${i},25`};${i}`);
    const { table, file } = await ingestText(`importe;id\n${rows.join('\n')}\nfoo;5000\n`);
    expect(file.decimalSeparator).toBe(',');
    const importe = cells(table.columns[0]);
    expect(importe[0]).toBe('1.234,50');
    expect(importe[1]).toBe('1,25');
    expect(importe[5000]).toBe('foo');
    expect(cells(table.columns[1])[4999]).toBe(4999);
  });
});

describe('UTF-16 text', () => {
  it('is read by the same reader as UTF-8: text after a closing quote as pandas reads it, the encoding reported', async () => {
    const text = '\uFEFFh1\th2\n"Oferta" especial\t5\nCoruña\t6\n';
    const utf16 = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) utf16[2 * i] = text.charCodeAt(i) & 0xff;
    for (let i = 0; i < text.length; i++) utf16[2 * i + 1] = text.charCodeAt(i) >> 8;
    const { table, file, parser } = await ingestBytes(utf16, 'unicode.txt', {});
    expect([file.encoding, file.delimiter, parser]).toEqual(['utf-16le', '\t', 'bytes']);
    expect(cells(table.columns[0])).toEqual(['Oferta especial', 'Coruña']);
    expect(cells(table.columns[1])).toEqual([5, 6]);
  });
});

describe('text after a closing quote', () => {
  it('is read as pandas and Python’s csv module read it, and counted, not the rest of the file swallowed', async () => {
    // /usr/bin/python3: list(csv.reader(io.StringIO(text))) gives these rows (pandas read_csv too).
    const text = 'h1,h2\n"Oferta" especial,5\n"abc"def,x\n"q",y\n"a""b"c,"1"2\n';
    const { table, warnings, parser } = await ingestText(text);
    expect(parser).toBe('bytes');
    expect(table.rowCount).toBe(4);
    expect(cells(table.columns[0])).toEqual(['Oferta especial', 'abcdef', 'q', 'a"bc']);
    expect(cells(table.columns[1])).toEqual(['5', 'x', 'y', '12']);
    expect(warnings.find((w) => w.code === 'MALFORMED_QUOTES')).toMatchObject({ count: 4, examples: [1, 2, 4] });
  });
});

describe('a file of blanks', () => {
  it('spaces, tabs and line breaks only are an empty file, in any encoding', async () => {
    expect(await rejectionCode(ingestText(' \t \r\n\n  \n'))).toBe('EMPTY_FILE');
    const utf16 = new Uint8Array([0xff, 0xfe, 0x20, 0, 0x0a, 0, 0x09, 0]);
    expect(await rejectionCode(ingestBytes(utf16, 'b.csv', {}))).toBe('EMPTY_FILE');
    expect((await ingestText('\n\nx\n1\n')).table.rowCount).toBe(1);
  });
});

describe('NUL bytes', () => {
  it('are removed and counted, so that "2\\0" is the number 2', async () => {
    const { table, warnings, file } = await ingestText('a,b\n1,2\u0000\n3,4\n');
    expect(cells(table.columns[1])).toEqual([2, 4]);
    expect(warnings.find((w) => w.code === 'NUL_REMOVED')?.count).toBe(1);
    expect(file.bytes).toBe(13); // the file's own size, its NUL included
  });
});
