/* Deterministic benchmark inputs: the same bytes on every run and machine. */
import { createRandom } from '../../src/core/stats/random.ts';

const CATEGORIES = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta'];

/**
 * A mixed CSV: 12 columns (id, 6 numeric with missing cells, a quoted text with commas, a
 * category, a date, a boolean, a mostly-numeric code), `rows` rows, about 100 bytes a row.
 * With `decimalComma` it is the European dialect: `;` and decimal commas.
 */
export function mixedCsv(rows: number, decimalComma = false): Uint8Array {
  const random = createRandom(20261129);
  const sep = decimalComma ? ';' : ',';
  const num = (v: number, digits: number): string =>
    decimalComma ? v.toFixed(digits).replace('.', ',') : v.toFixed(digits);
  const lines = [['id', 'a', 'b', 'c', 'd', 'e', 'f', 'note', 'category', 'day', 'flag', 'code'].join(sep)];
  for (let i = 0; i < rows; i++) {
    const missing = random() < 0.03;
    lines.push(
      [
        i,
        missing ? '' : num(random() * 100, 3),
        Math.floor(random() * 1000),
        num((random() - 0.5) * 1e4, 2),
        num(random() ** 3 * 50, 4),
        missing ? 'NA' : num(random(), 6),
        Math.floor(random() * 7),
        `"text ${i % 997}, part ${Math.floor(random() * 9)}"`,
        CATEGORIES[i % 7],
        `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
        random() < 0.5 ? 'true' : 'false',
        random() < 0.99 ? String(10000 + (i % 5000)) : 'n/a-code',
      ].join(sep),
    );
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}
