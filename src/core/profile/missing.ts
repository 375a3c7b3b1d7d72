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

/* 1 where the reading has no usable value (missing code, NaN or ±Infinity), else 0. */
function missingMask(reading: ColumnReading, rows: number): Uint8Array {
  const mask = new Uint8Array(rows);
  if (reading.kind === 'coded') {
    const { codes } = reading;
    for (let r = 0; r < rows; r++) mask[r] = (codes[r] as number) < 0 ? 1 : 0;
  } else {
    const { values } = reading;
    for (let r = 0; r < rows; r++) mask[r] = Number.isFinite(values[r]) ? 0 : 1;
  }
  return mask;
}

/* Marks the reading's missing rows in `any` and returns how many there are. */
function markMissing(reading: ColumnReading, any: Uint8Array): number {
  let count = 0;
  if (reading.kind === 'coded') {
    const { codes } = reading;
    for (let r = 0; r < any.length; r++) {
      if ((codes[r] as number) < 0) {
        any[r] = 1;
        count++;
      }
    }
  } else {
    const { values } = reading;
    for (let r = 0; r < any.length; r++) {
      if (!Number.isFinite(values[r])) {
        any[r] = 1;
        count++;
      }
    }
  }
  return count;
}

/**
 * Missing-value structure of a table seen through its column readings. O(rows · columns); row
 * masks are built only for the columns compared for co-missingness. `isComplete[i]`, when true,
 * vouches that column i has no missing cell (known from its profile), so it is not scanned.
 */
export function summarizeMissing(
  names: readonly string[],
  readings: readonly ColumnReading[],
  rows: number,
  isComplete: readonly boolean[] = [],
): MissingSummary {
  const any = new Uint8Array(rows);
  const counts = readings.map((reading, i) => (isComplete[i] === true ? 0 : markMissing(reading, any)));
  let rowsWithMissing = 0;
  for (let r = 0; r < rows; r++) rowsWithMissing += any[r] as number;
  const cells = counts.reduce((a, b) => a + b, 0);
  return { rowsWithMissing, cells, together: missingTogether(names, readings, counts, rows) };
}

function missingTogether(
  names: readonly string[],
  readings: readonly ColumnReading[],
  counts: readonly number[],
  rows: number,
): MissingSummary['together'] {
  const candidates = readings.map((_, i) => i).filter((i) => (counts[i] as number) > 0 && (counts[i] as number) < rows);
  const chosen = candidates.slice(0, MAX_MISSING_PAIR_COLUMNS);
  const masks: Uint8Array[] = [];
  for (const i of chosen) masks[i] = missingMask(readings[i] as ColumnReading, rows);
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
