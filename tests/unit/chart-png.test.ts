import { describe, expect, it } from 'vitest';
import { xmlSafe } from '../../src/ui/export/chart-png.ts';

describe('xmlSafe', () => {
  it('replaces the characters XML 1.0 forbids, keeping tabs, line breaks and the rest', () => {
    expect(xmlSafe('<text>a\u0000b\u0001c\td\ne\rf\uFFFEñ€</text>')).toBe(
      '<text>a\uFFFDb\uFFFDc\td\ne\rf\uFFFDñ€</text>',
    );
  });
});
