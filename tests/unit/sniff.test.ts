import { describe, expect, it } from 'vitest';
import { sniffDialect, sniffNumberFormat, splitSample } from '../../src/ingest/sniff.ts';
import { ingestText } from './helpers.ts';

describe('sniffDialect', () => {
  it('infers ; and the decimal comma jointly', () => {
    const dialect = sniffDialect('a;b\n1,5;2,25\n3,75;4\n');
    expect(dialect.delimiter).toBe(';');
    expect(dialect.format).toEqual({ decimal: ',', thousands: '' });
  });

  it('infers Spanish thousands and decimal separators', () => {
    const dialect = sniffDialect('x;y\n1.420,08;3\n788,80;4\n12.000,5;5\n');
    expect(dialect).toMatchObject({ delimiter: ';', format: { decimal: ',', thousands: '.' } });
  });

  it.each([
    ['a,b,c\n1,2,3\n4,5,6\n', ','],
    ['a\tb\tc\n1\t2\t3\n', '\t'],
    ['a|b|c\n1|2|3\n', '|'],
    ['name;city\n"Doe, John";Madrid\n"Roe, Jane";Sevilla\n', ';'],
    ['name,notes\nAna,"a; b; c"\nLuis,"d; e"\n', ','],
  ])('picks the delimiter of %j', (text, delimiter) => {
    expect(sniffDialect(text).delimiter).toBe(delimiter);
  });

  it('reads a single column of decimal commas as one column, not two', () => {
    const dialect = sniffDialect('valor\n1,5\n2,25\n3,75\n10,5\n');
    expect(dialect.delimiter).not.toBe(',');
    expect(dialect.format).toEqual({ decimal: ',', thousands: '' });
    // A title line above the header (its row given) does not rule the delimiter out.
    expect(sniffDialect('Sales 2024\na,b\n1,2\n3,4\n', { headerRow: 2 }).delimiter).toBe(',');
  });

  it("honours Excel's sep= line", () => {
    const dialect = sniffDialect('sep=;\r\na,b;c\r\n1,2;3\r\n');
    expect(dialect.delimiter).toBe(';');
    expect(dialect.hasSepLine).toBe(true);
  });

  it('keeps forced values', () => {
    const dialect = sniffDialect('a;b\n1,5;2,25\n', { delimiter: ',', decimal: '.' });
    expect(dialect.delimiter).toBe(',');
    expect(dialect.format.decimal).toBe('.');
  });

  it('reads quoted thousands in comma files', () => {
    const dialect = sniffDialect('id,amount\n1,"10,301"\n2,"1,200,000"\n3,5\n');
    expect(dialect.format).toEqual({ decimal: '.', thousands: ',' });
  });
});

describe('numbers that read two ways', () => {
  it('reads a quoted comma in a comma file as thousands, and says so', () => {
    const dialect = sniffDialect('customer,revenue\nA,"1,500"\nB,250\nC,"12,000"\nD,"3,750"\nE,980\n');
    expect(dialect.format).toEqual({ decimal: '.', thousands: ',' });
    expect(dialect.ambiguous).toEqual({ separator: ',', example: '1,500', readAs: 'thousands' });
  });

  it('reads a dot in a ;-delimited file as thousands (the European convention), and says so', () => {
    const dialect = sniffDialect('cliente;importe\nA;1.500\nB;2.250\nC;12.000\nD;3.750\n');
    expect(dialect.format).toEqual({ decimal: ',', thousands: '.' });
    expect(dialect.ambiguous).toMatchObject({ separator: '.', readAs: 'thousands' });
  });

  it('keeps the decimal reading when a 0 group settles it, or the delimiter gives no convention', () => {
    const settled = sniffDialect('a;b\nx;0.500\ny;1.250\n');
    expect(settled.format).toEqual({ decimal: '.', thousands: '' });
    expect(settled.ambiguous).toBeUndefined();
    expect(sniffDialect('a\tb\nx\t1,500\ny\t2,250\n')).toMatchObject({
      format: { decimal: ',', thousands: '' },
      ambiguous: { separator: ',', readAs: 'decimal' },
    });
  });

  it('finds nothing ambiguous when a cell settles it', () => {
    const dialect = sniffDialect('a;b\nx;1,5\ny;2,250\n');
    expect(dialect.format).toEqual({ decimal: ',', thousands: '' });
    expect(dialect.ambiguous).toBeUndefined();
  });
});

describe('a forced separator', () => {
  it('completes the format with the other mark', () => {
    const text = 'importe;x\n1.234;2\n5.678;3\n9.012;4\n';
    expect(sniffDialect(text, { thousands: '.' }).format).toEqual({ decimal: ',', thousands: '.' });
    expect(sniffDialect(text, { decimal: ',' }).format).toEqual({ decimal: ',', thousands: '.' });
    expect(sniffDialect(text, { decimal: '.' }).format).toEqual({ decimal: '.', thousands: '' });
    expect(sniffDialect(text, { thousands: '.' }).ambiguous).toBeUndefined();
  });
});

describe('sniffNumberFormat', () => {
  it('prefers the simplest format on a tie', () => {
    expect(sniffNumberFormat(['1', '2', 'x'])).toEqual({ decimal: '.', thousands: '' });
  });
});

describe('a ;-delimited file whose samples show no separator', () => {
  it('follows the European convention, so that a 3,5 past the samples reads as 3.5', async () => {
    expect(sniffNumberFormat(['1', '2', 'x'], ';')).toEqual({ decimal: ',', thousands: '.' });
    expect(sniffNumberFormat(['1', '2', 'x'], ',')).toEqual({ decimal: '.', thousands: '' });
    expect(sniffNumberFormat(['1.5', '2'], ';')).toEqual({ decimal: '.', thousands: '' });
    const rows = Array.from({ length: 20000 }, (_, i) => `${i % 500};${i}`);
    rows[17122] = '3,5;17122';
    const { table, file } = await ingestText(`importe;id\n${rows.join('\n')}\n`);
    expect(file.decimalSeparator).toBe(',');
    expect(table.columns[0]?.kind).toBe('number');
    expect(table.columns[0]?.kind === 'number' && table.columns[0].values[17122]).toBe(3.5);
  });
});

describe('splitSample', () => {
  it('honours quotes, doubled quotes and line breaks inside quotes', () => {
    expect(splitSample('a,b\n"x, y","say ""hi""\nthere"\n', ',')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
    ]);
  });
});
