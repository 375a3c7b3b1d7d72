/** Statistics of a coded (categorical, text or boolean) column. */
export interface CategoryStats {
  /** Up to 10 [value, count] pairs, by count descending, then value ascending. */
  readonly top: readonly (readonly [string, number])[];
  /** Share of the non-missing cells held by the most frequent value. */
  readonly topShare: number;
  /** Levels whose share is below RARE_LEVEL_SHARE, and how many cells they hold. */
  readonly rareLevels: number;
  readonly rareCells: number;
  /** Values seen exactly once. */
  readonly singletons: number;
  /** 1 − H/ln(k): 0 for perfectly balanced levels, towards 1 when one level dominates. */
  readonly imbalance: number;
  /** Length of the non-missing cells in characters (code points). */
  readonly length: { readonly min: number; readonly mean: number; readonly max: number };
}

export const TOP_VALUES = 10;
/** A level is rare below this share of the non-missing cells. */
export const RARE_LEVEL_SHARE = 0.01;

/** How often each code occurs; codes < 0 (missing) are skipped. O(n). */
export function countCodes(codes: Int32Array, levels: number): Float64Array {
  const counts = new Float64Array(levels);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as number;
    if (code >= 0) counts[code] = (counts[code] as number) + 1;
  }
  return counts;
}

function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++; // low surrogates continue a pair
  }
  return n;
}

/**
 * Top values, rare levels, imbalance and text lengths from per-level counts. O(k log k) for k
 * levels; never touches the rows.
 */
export function categoryStats(dictionary: readonly string[], counts: Float64Array): CategoryStats {
  const levels: number[] = [];
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    if ((counts[i] as number) > 0) levels.push(i);
    total += counts[i] as number;
  }
  levels.sort((a, b) => (counts[b] as number) - (counts[a] as number) || compareText(dictionary[a], dictionary[b]));
  let rareLevels = 0;
  let rareCells = 0;
  let singletons = 0;
  let entropy = 0;
  let minLength = Infinity;
  let maxLength = 0;
  let lengthSum = 0;
  for (const level of levels) {
    const count = counts[level] as number;
    const share = count / total;
    if (share < RARE_LEVEL_SHARE) {
      rareLevels++;
      rareCells += count;
    }
    if (count === 1) singletons++;
    entropy -= share * Math.log(share);
    const length = codePointLength(dictionary[level] ?? '');
    minLength = Math.min(minLength, length);
    maxLength = Math.max(maxLength, length);
    lengthSum += length * count;
  }
  const k = levels.length;
  return {
    top: levels.slice(0, TOP_VALUES).map((level) => [dictionary[level] ?? '', counts[level] as number] as const),
    topShare: k === 0 ? NaN : (counts[levels[0] ?? 0] as number) / total,
    rareLevels,
    rareCells,
    singletons,
    imbalance: k < 2 ? 0 : Math.max(0, 1 - entropy / Math.log(k)), // a uniform column's rounding gave -5.7e-14
    length: {
      min: k === 0 ? NaN : minLength,
      mean: total === 0 ? NaN : lengthSum / total,
      max: k === 0 ? NaN : maxLength,
    },
  };
}

function compareText(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}
