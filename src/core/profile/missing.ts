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

/* Rows per word of a row bitset. */
const WORD_BITS = 32;

/* Set bits of a 32-bit word. */
function bitCount(word: number): number {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/* Σ bitCount(a[w] & b[w]), or of a alone: rows set in both bitsets (in `a`). */
function commonBits(a: Int32Array, b?: Int32Array): number {
  let count = 0;
  for (let w = 0; w < a.length; w++)
    count += bitCount(b === undefined ? (a[w] as number) : (a[w] as number) & (b[w] as number));
  return count;
}

/* markMissing of values read through codes: a row is missing when its code is, or its entry's value is NaN. */
function markUnreadCodes(codes: Int32Array, entryValues: Float64Array, bits: Int32Array): number {
  let count = 0;
  for (let r = 0; r < codes.length; r++) {
    const code = codes[r] as number;
    if (code >= 0 && !Number.isNaN(entryValues[code])) continue;
    bits[r >>> 5] = (bits[r >>> 5] as number) | (1 << (r & 31));
    count++;
  }
  return count;
}

/*
 * Sets the bit of each row where the reading has no value (a missing code, or NaN: missing or not
 * readable as the column's type); returns how many. ±Infinity is a value, as in the columns' counts.
 */
function markMissing(reading: ColumnReading, rows: number, bits: Int32Array): number {
  let count = 0;
  if (reading.kind === 'coded') {
    const { codes } = reading;
    for (let r = 0; r < rows; r++) {
      if ((codes[r] as number) >= 0) continue;
      bits[r >>> 5] = (bits[r >>> 5] as number) | (1 << (r & 31));
      count++;
    }
  } else if (reading.coded !== undefined) {
    count = markUnreadCodes(reading.coded.codes, reading.coded.entryValues, bits);
  } else {
    const { values } = reading;
    for (let r = 0; r < rows; r++) {
      if (!Number.isNaN(values[r])) continue;
      bits[r >>> 5] = (bits[r >>> 5] as number) | (1 << (r & 31));
      count++;
    }
  }
  return count;
}

/**
 * Missing-value structure of a table seen through its column readings: one pass per column that
 * may miss cells, into a bitset of its missing rows (a bit per row); the rest is word-wise on the
 * bitsets. O(rows · columns / 32) beyond those passes. `isComplete[i]`, when true, vouches that
 * column i has no missing cell (known from its profile), so it is not scanned.
 */
export function summarizeMissing(
  names: readonly string[],
  readings: readonly ColumnReading[],
  rows: number,
  isComplete: readonly boolean[] = [],
): MissingSummary {
  const words = Math.ceil(rows / WORD_BITS);
  const any = new Int32Array(words);
  const counts: number[] = [];
  const bitsets: (Int32Array | undefined)[] = [];
  let compared = 0;
  readings.forEach((reading, i) => {
    if (isComplete[i] === true) return counts.push(0);
    const bits = new Int32Array(words);
    const count = markMissing(reading, rows, bits);
    for (let w = 0; w < words; w++) any[w] = (any[w] as number) | (bits[w] as number);
    // Only the first columns that miss some rows but not all are compared pair by pair.
    if (count > 0 && count < rows && compared < MAX_MISSING_PAIR_COLUMNS) {
      bitsets[i] = bits;
      compared++;
    }
    return counts.push(count);
  });
  const cells = counts.reduce((a, b) => a + b, 0);
  return { rowsWithMissing: commonBits(any), cells, together: missingTogether(names, bitsets, counts) };
}

function missingTogether(
  names: readonly string[],
  bitsets: readonly (Int32Array | undefined)[],
  counts: readonly number[],
): MissingSummary['together'] {
  const chosen = bitsets.flatMap((bits, i) => (bits === undefined ? [] : [i]));
  const pairs: { columns: readonly [string, string]; rows: number; jaccard: number }[] = [];
  for (let a = 0; a < chosen.length; a++) {
    for (let b = a + 1; b < chosen.length; b++) {
      const i = chosen[a] as number;
      const j = chosen[b] as number;
      const both = commonBits(bitsets[i] as Int32Array, bitsets[j]);
      const jaccard = both / ((counts[i] as number) + (counts[j] as number) - both);
      if (jaccard >= MISSING_TOGETHER_JACCARD)
        pairs.push({ columns: [names[i] ?? '', names[j] ?? ''], rows: both, jaccard });
    }
  }
  return pairs.sort((x, y) => y.jaccard - x.jaccard).slice(0, 20);
}
