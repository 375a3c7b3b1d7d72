import { describe, expect, it } from 'vitest';
import { exportCsv, neutraliseFormula, UTF8_BOM } from '../../src/core/export-csv.ts';
import { cells, ingestText } from './helpers.ts';

describe('CSV export', () => {
  it.each(['=1+2', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx', '\0x', '=HYPERLINK("http://x")\nsecond line'])(
    'neutralises the text cell %j',
    (text) => {
      expect(neutraliseFormula(text)).toBe(`'${text}`);
    },
  );

  it('keeps real numbers as numbers, negative ones included, and quotes per RFC 4180', async () => {
    const { table } = await ingestText('name,value\n=cmd|x,-5\n"a, ""b""",1.5\n-x,\n');
    const csv = exportCsv(table, { labels: Int32Array.from([0, 1, -1]) });
    expect(csv).toBe(`${UTF8_BOM}name,value,cluster\r\n'=cmd|x,-5,0\r\n"a, ""b""",1.5,1\r\n'-x,,\r\n`);
  });

  it('writes the source dialect: semicolons and decimal commas', async () => {
    const { table } = await ingestText('a;b\n1,5;x\n2;y\n');
    expect(exportCsv(table, { delimiter: ';', decimal: ',' })).toBe(`${UTF8_BOM}a;b\r\n1,5;x\r\n2;y\r\n`);
    expect(exportCsv(table, { delimiter: ',', decimal: ',' })).toBe(`${UTF8_BOM}a,b\r\n"1,5",x\r\n2,y\r\n`);
  });

  it('opens with a byte-order mark, so that Excel reads the UTF-8 accents', async () => {
    const { table } = await ingestText('región;año\nAndalucía;2024\n');
    const bytes = new TextEncoder().encode(exportCsv(table, { delimiter: ';' }));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('re-imports to the same cells, apart from the neutralised text', async () => {
    const source =
      'id,note,amount,day\n1,"line one\nline two",-0.5,2024-01-31\n2,plain,1e-7,\n3,,12345678,2024-02-29\n';
    const first = await ingestText(source);
    const again = await ingestText(exportCsv(first.table));
    expect(again.table.columns.map((c) => c.name)).toEqual(first.table.columns.map((c) => c.name));
    first.table.columns.forEach((column, i) => expect(cells(again.table.columns[i])).toEqual(cells(column)));
  });
});
