import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../../src/core/errors.ts';
import { decodeAll, decodeHead, decodeText, planEncoding, sniffUtf16 } from '../../src/ingest/decode-text.ts';
import { isValidUtf8, utf8Boundary } from '../../src/ingest/utf8.ts';
import { ingestBytes } from '../../src/ingest/ingest.ts';
import { cells } from './helpers.ts';

function utf16le(text: string, bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  let o = 0;
  if (bom) {
    out[o++] = 0xff;
    out[o++] = 0xfe;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[o++] = c & 0xff;
    out[o++] = c >> 8;
  }
  return out;
}

describe('decodeText', () => {
  it('strips a UTF-8 BOM', () => {
    const result = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x2c, 0x62]));
    expect(result).toMatchObject({ text: 'a,b', encoding: 'utf-8', bomLength: 3, isFallback: false });
  });

  it('decodes UTF-16LE with and without a BOM', () => {
    expect(decodeText(utf16le('año\tmes\n1\t2\n'))).toMatchObject({ text: 'año\tmes\n1\t2\n', encoding: 'utf-16le' });
    expect(decodeText(utf16le('a\tb\n1\t2\n', false))).toMatchObject({ text: 'a\tb\n1\t2\n', encoding: 'utf-16le' });
  });

  it('decodes UTF-16BE with a BOM', () => {
    const le = utf16le('x,y', false);
    const be = new Uint8Array(le.length + 2);
    be[0] = 0xfe;
    be[1] = 0xff;
    for (let i = 0; i < le.length; i += 2) {
      be[i + 2] = le[i + 1] ?? 0;
      be[i + 3] = le[i] ?? 0;
    }
    expect(decodeText(be)).toMatchObject({ text: 'x,y', encoding: 'utf-16be' });
  });

  it('keeps valid UTF-8 multi-byte characters', () => {
    const bytes = new TextEncoder().encode('Región;Año\nMálaga;2024 €\n');
    expect(decodeText(bytes)).toMatchObject({ text: 'Región;Año\nMálaga;2024 €\n', encoding: 'utf-8' });
  });

  it('falls back to Windows-1252 on invalid UTF-8', () => {
    // "Región;€" in Windows-1252: ó = 0xF3, € = 0x80
    const bytes = new Uint8Array([0x52, 0x65, 0x67, 0x69, 0xf3, 0x6e, 0x3b, 0x80]);
    expect(decodeText(bytes)).toMatchObject({ text: 'Región;€', encoding: 'windows-1252', isFallback: true });
  });

  it('refuses binary junk', () => {
    const junk = new Uint8Array(4096);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919 + 13) % 256;
    expect(() => decodeText(junk)).toThrow(AnalysisError);
    try {
      decodeText(junk);
    } catch (error) {
      expect((error as AnalysisError).code).toBe('UNSUPPORTED_FORMAT');
    }
  });

  it('does not mistake ASCII for UTF-16', () => {
    expect(sniffUtf16(new TextEncoder().encode('a,b,c\n1,2,3\n'))).toBeUndefined();
  });
});

describe('streaming decode', () => {
  const text = 'año;€;𝄞 música — «ñ»\n'.repeat(20);
  const bytes = new TextEncoder().encode(text);

  it.each([1, 2, 3, 5, 7, 64])('never corrupts a character split across %i-byte chunks', (chunk) => {
    expect(decodeAll(bytes, planEncoding(bytes), chunk)).toBe(text);
  });

  it('decodes UTF-16 in odd-sized chunks too', () => {
    const le = utf16le(text);
    expect(decodeAll(le, planEncoding(le), 3)).toBe(text);
  });

  it('decodes a head without splitting a character', () => {
    for (let max = 1; max < 40; max++) {
      const head = decodeHead(bytes, planEncoding(bytes), max);
      expect(text.startsWith(head)).toBe(true);
      expect(head).not.toContain('\uFFFD');
    }
  });
});

describe('isValidUtf8', () => {
  it.each([
    ['ASCII', [0x61, 0x62], true],
    ['two-byte', [0xc3, 0xb1], true],
    ['three-byte', [0xe2, 0x82, 0xac], true],
    ['four-byte', [0xf0, 0x9d, 0x84, 0x9e], true],
    ['lone continuation', [0x80], false],
    ['overlong', [0xc0, 0xaf], false],
    ['overlong three-byte', [0xe0, 0x80, 0xaf], false],
    ['surrogate', [0xed, 0xa0, 0x80], false],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], false],
    ['truncated at the end', [0x61, 0xe2, 0x82], false],
    ['Windows-1252 ó', [0x52, 0xf3, 0x6e], false],
  ])('%s', (_, input, valid) => {
    const bytes = new Uint8Array(input);
    expect(isValidUtf8(bytes)).toBe(valid);
    let decoderSaysValid = true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      decoderSaysValid = false;
    }
    expect(decoderSaysValid).toBe(valid); // the WHATWG decoder is the oracle
  });

  it('finds character boundaries', () => {
    const euro = new Uint8Array([0x61, 0xe2, 0x82, 0xac, 0x62]);
    expect([1, 2, 3, 4, 5].map((end) => utf8Boundary(euro, end))).toEqual([1, 1, 1, 4, 5]);
  });
});

describe('a UTF-8 file with a stray byte', () => {
  const bytes = (text: string, stray: number[]): Uint8Array =>
    new Uint8Array([...new TextEncoder().encode(text), ...stray, 0x0a]);

  it('stays UTF-8, the stray bytes counted, instead of every accent read as Windows-1252', async () => {
    const mixed = bytes('ciudad;v\nMálaga;1\nCoruña;2\nCaf', [0xe9, 0x3b, 0x33]); // "Café" in Windows-1252
    expect(planEncoding(mixed)).toMatchObject({ encoding: 'utf-8', isFallback: false, strayBytes: 1 });
    const { table, warnings } = await ingestBytes(mixed, 'm.csv', {});
    expect(cells(table.columns[0])).toEqual(['Málaga', 'Coruña', 'Caf\uFFFD']);
    expect(warnings.find((w) => w.code === 'INVALID_UTF8')?.count).toBe(1);
  });

  it('a Windows-1252 file (no well-formed multi-byte sequence) is still read as Windows-1252', () => {
    const latin = new Uint8Array([0x4d, 0xe1, 0x6c, 0x61, 0x67, 0x61, 0x0a, 0x43, 0x61, 0x66, 0xe9, 0x0a]);
    expect(planEncoding(latin)).toMatchObject({ encoding: 'windows-1252', isFallback: true });
  });
});
