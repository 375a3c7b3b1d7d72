import type { ColumnReading } from './column-reading.ts';

export interface MissingSummary {
  /** Rows with at least one missing cell. */
  readonly rowsWithMissing: number;
  /** Missing cells in the whole table (unreadable cells of the chosen types included). */
  readonly cells: number;
  /** Pairs of columns that tend to be missing together: Jaccard of their missing rows ≥ 0.5. */
  readonly together: readonly {
    readonly columns: readonly [string, string];
    readonly rows: number;
    readonly jaccard: number;
  }[];
}

/** Columns compared for co-missingness at most (the pairs grow quadratically). */
export const MAX_MISSING_PAIR_COLUMNS = 60;
export const MISSING_TOGETHER_JACCARD = 0.5;

function isMissing(reading: ColumnReading, row: number): boolean {
  return reading.kind === 'coded' ? (reading.codes[row] as number) < 0 : !Number.isFinite(reading.values[row]);
}

/** Missing-value structure of a table seen through its column readings. O(rows · columns). */
export function summarizeMissing(
  names: readonly string[],
  readings: readonly ColumnReading[],
  rows: number,
): MissingSummary {
  const masks = readings.map((reading) => {
    const mask = new Uint8Array(rows);
    for (let r = 0; r < rows; r++) mask[r] = isMissing(reading, r) ? 1 : 0;
    return mask;
  });
  let rowsWithMissing = 0;
  let cells = 0;
  for (let r = 0; r < rows; r++) {
    let any = 0;
    for (const mask of masks) {
      any |= mask[r] as number;
      cells += mask[r] as number;
    }
    rowsWithMissing += any;
  }
  return { rowsWithMissing, cells, together: missingTogether(names, masks, rows) };
}

function missingTogether(
  names: readonly string[],
  masks: readonly Uint8Array[],
  rows: number,
): MissingSummary['together'] {
  const counts = masks.map((m) => m.reduce((a, b) => a + b, 0));
  const candidates = masks.map((_, i) => i).filter((i) => (counts[i] as number) > 0 && (counts[i] as number) < rows);
  const chosen = candidates.slice(0, MAX_MISSING_PAIR_COLUMNS);
  const pairs: { columns: readonly [string, string]; rows: number; jaccard: number }[] = [];
  for (let a = 0; a < chosen.length; a++) {
    for (let b = a + 1; b < chosen.length; b++) {
      const i = chosen[a] as number;
      const j = chosen[b] as number;
      const mi = masks[i] as Uint8Array;
      const mj = masks[j] as Uint8Array;
      let both = 0;
      for (let r = 0; r < rows; r++) both += (mi[r] as number) & (mj[r] as number);
      const jaccard = both / ((counts[i] as number) + (counts[j] as number) - both);
      if (jaccard >= MISSING_TOGETHER_JACCARD)
        pairs.push({ columns: [names[i] ?? '', names[j] ?? ''], rows: both, jaccard });
    }
  }
  return pairs.sort((x, y) => y.jaccard - x.jaccard).slice(0, 20);
}
