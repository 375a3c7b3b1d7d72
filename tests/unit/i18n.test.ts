import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/core/errors.ts';
import { messageFor } from '../../src/ui/error-messages.ts';
import { detectLanguage, formatNumber, numberCellText, translate } from '../../src/ui/i18n.ts';
import { warningText } from '../../src/ui/warning-messages.ts';

describe('i18n', () => {
  it('picks Spanish for any es-* browser language', () => {
    expect(detectLanguage(['es-MX', 'en'])).toBe('es');
    expect(detectLanguage(['en-GB', 'es'])).toBe('es');
    expect(detectLanguage(['fr-FR'])).toBe('en');
    expect(detectLanguage([])).toBe('en');
  });

  it('fills placeholders', () => {
    expect(translate('en', 'accepted', { limit: 100 })).toBe('Accepted: .csv, .tsv, .txt, .xlsx, .xls — up to 100 MB');
    expect(translate('es', 'elapsed', { seconds: '1,5' })).toBe('1,5 s transcurridos');
  });

  it('formats numbers per language, grouping four-digit Spanish numbers too', () => {
    expect(formatNumber('en', 1234.56)).toBe('1,234.56');
    expect(formatNumber('es', 1234.56)).toBe('1.234,56');
    expect(formatNumber('es', 1234567.891)).toBe('1.234.567,89');
  });

  it('has a distinct message and next step for every error code in both languages', () => {
    for (const code of ERROR_CODES) {
      const en = messageFor('en', code);
      const es = messageFor('es', code);
      expect(en.message.length).toBeGreaterThan(0);
      expect(en.action.length).toBeGreaterThan(0);
      expect(es.message).not.toBe(en.message);
    }
  });
});

describe('notices in the page language', () => {
  it('words each notice in Spanish from its count, and keeps the report’s English message in English', () => {
    const padded = { code: 'RAGGED_ROWS_PADDED', message: '1234 row(s) had too few fields.', count: 1234 } as const;
    expect(warningText('en', padded)).toBe('1234 row(s) had too few fields.');
    expect(warningText('es', padded)).toBe('1.234 fila(s) tenían menos campos: se completaron con celdas vacías.');
    const fallback = { code: 'ENCODING_FALLBACK', message: 'The file is not valid UTF-8.' } as const;
    expect(warningText('es', fallback)).toMatch(/^El archivo no es UTF-8 válido/);
  });
});

describe('numberCellText', () => {
  it('keeps every digit of a Data-tab number, with the decimal sign of the language', () => {
    expect(numberCellText('es', String(1234.5678901))).toBe('1234,5678901');
    expect(numberCellText('en', String(1234.5678901))).toBe('1234.5678901');
    expect(numberCellText('es', String(-1.5e-7))).toBe('-1,5e-7');
    expect(numberCellText('es', String(-Infinity))).toBe('-∞');
    expect(numberCellText('en', String(Infinity))).toBe('∞');
    expect(numberCellText('es', '42')).toBe('42');
  });
});

describe('formatNumber', () => {
  it('shows no sign on a zero, and groups thousands in both languages', () => {
    expect(formatNumber('en', -0)).toBe('0');
    expect(formatNumber('es', -0.001)).toBe('0');
    expect(formatNumber('en', -0.004, 2)).toBe('0');
    expect(formatNumber('en', -0.006, 2)).toBe('-0.01');
    expect(formatNumber('es', 5000)).toBe('5.000');
    expect(formatNumber('en', -1427.58)).toBe('-1,427.58');
  });
});
