/*
 * Points for the scatter plot of two columns: the rows where both read as numbers (in the file's
 * number format; dates as epoch ms), at most PAIR_SAMPLE_MAX of them chosen with a fixed seed so
 * that the same file always draws the same picture. The counts say what was left out.
 */
import { AnalysisError, noColumn } from './errors.ts';
import type { NumberFormat } from './number-format.ts';
import { readNumeric } from './profile/column-reading.ts';
import { sampleIndices } from './stats/random.ts';
import type { Table } from './table.ts';

export const PAIR_SAMPLE_MAX = 5_000;
export const PAIR_SAMPLE_SEED = 42;

export interface PairSample {
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Rows where both columns hold a number (the population the points are drawn from). */
  readonly complete: number;
  /** The seed of the sample, or null when every complete row is drawn. */
  readonly seed: number | null;
}

function columnValues(table: Table, name: string, format: NumberFormat): Float64Array {
  const column = table.columns.find((c) => c.name === name);
  if (column === undefined) throw new AnalysisError('INVALID_OPTION', noColumn(name), { column: name });
  const reading = readNumeric(column, format, undefined, true); // a text column here was chosen numeric
  if (reading.kind !== 'numeric') {
    const message = { en: `"${name}" is not numeric.`, es: `«${name}» no es numérica.` };
    throw new AnalysisError('INVALID_OPTION', message, { column: name });
  }
  return reading.values;
}

/** Up to `max` rows (seeded) where both columns are numbers. O(n). */
export function samplePair(
  table: Table,
  xName: string,
  yName: string,
  format: NumberFormat,
  max = PAIR_SAMPLE_MAX,
  seed = PAIR_SAMPLE_SEED,
): PairSample {
  const xs = columnValues(table, xName, format);
  const ys = columnValues(table, yName, format);
  const complete = new Int32Array(table.rowCount);
  let n = 0;
  for (let i = 0; i < table.rowCount; i++) {
    if (Number.isFinite(xs[i]) && Number.isFinite(ys[i])) complete[n++] = i;
  }
  const chosen = sampleIndices(n, max, seed);
  const x = new Float64Array(chosen.length);
  const y = new Float64Array(chosen.length);
  chosen.forEach((j, k) => {
    const row = complete[j] as number;
    x[k] = xs[row] as number;
    y[k] = ys[row] as number;
  });
  return { x, y, complete: n, seed: n > max ? seed : null };
}
