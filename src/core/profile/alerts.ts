import { ALERT_TEXTS, ALERT_THRESHOLDS as T } from './alert-rules.ts';
import type { AlertCode, Evidence, Severity } from './alert-rules.ts';
import type { ColumnProfile } from './column-profile.ts';
import type { CorrelationSummary } from './correlations.ts';

/** An observation worth acting on: the rule that fired, its evidence and a next step, in two languages. */
export interface Alert {
  readonly code: AlertCode;
  readonly severity: Severity;
  readonly column?: string;
  readonly rule: string;
  readonly message: string;
  readonly action: string;
  readonly evidence: Evidence;
  readonly es: { readonly rule: string; readonly message: string; readonly action: string };
}

function alert(code: AlertCode, severity: Severity, column: string | undefined, evidence: Evidence): Alert {
  const { en, es } = ALERT_TEXTS[code](evidence);
  return { code, severity, ...(column === undefined ? {} : { column }), ...en, evidence, es };
}

function coded(p: ColumnProfile): { codes: Int32Array; dictionary: readonly string[] } | undefined {
  return p.reading.kind === 'coded' ? p.reading : undefined;
}

function spacesAlert(p: ColumnProfile): Alert | undefined {
  const c = coded(p);
  if (c === undefined || (p.type !== 'categorical' && p.type !== 'text')) return undefined;
  const padded = Uint8Array.from(c.dictionary, (v) => (v !== v.trim() ? 1 : 0));
  if (!padded.includes(1)) return undefined;
  let cells = 0;
  const { codes } = c;
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i] as number;
    if (code >= 0) cells += padded[code] as number;
  }
  return cells > 0 ? alert('SURROUNDING_SPACES', 'info', p.name, { cells }) : undefined;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * Lower case without accents, trimmed: the key under which spelling variants collide. ASCII text
 * has no marks and is its own NFD form, so it skips the normalisation (most dictionaries are
 * ASCII, and a long one was folded entry by entry through a Unicode regex).
 */
export function foldText(text: string): string {
  const plain = isAscii(text) ? text : text.normalize('NFD').replace(/\p{M}/gu, '');
  return plain.trim().toLowerCase();
}

function caseVariantsAlert(p: ColumnProfile): Alert | undefined {
  const c = coded(p);
  if (c === undefined || p.type !== 'categorical') return undefined;
  const groups = new Map<string, string[]>();
  for (const value of c.dictionary) {
    const key = foldText(value);
    groups.set(key, [...(groups.get(key) ?? []), value]);
  }
  const variants = [...groups.values()].filter((g) => g.length > 1);
  if (variants.length === 0) return undefined;
  const example = (variants[0] ?? [])
    .slice(0, 3)
    .map((v) => `"${v}"`)
    .join(' / ');
  return alert('CASE_VARIANTS', 'warning', p.name, { groups: variants.length, example });
}

function sentinelAlert(p: ColumnProfile): Alert | undefined {
  if (p.placeholder === undefined) return undefined;
  const { value, cells } = p.placeholder;
  const shown = p.reading.kind === 'datetime' ? new Date(value).toISOString().slice(0, 10) : value;
  return alert('SENTINEL_VALUES', 'warning', p.name, { cells, value: shown });
}

function completenessAlerts(p: ColumnProfile, rows: number): Alert[] {
  const out: Alert[] = [];
  const share = rows === 0 ? 0 : p.missing / rows;
  if (p.flags.includes('empty')) out.push(alert('EMPTY_COLUMN', 'warning', p.name, {}));
  else if (share > T.missingShare) {
    const severity = share > T.missingCritical ? 'critical' : 'warning';
    out.push(alert('MISSING_VALUES', severity, p.name, { missing: p.missing, share }));
  }
  if (p.unparseable > 0)
    out.push(alert('UNREADABLE_VALUES', 'warning', p.name, { cells: p.unparseable, type: p.type }));
  if (p.flags.includes('constant')) {
    const value = p.categories?.top[0]?.[0] ?? p.numeric?.min ?? p.datetime?.min ?? '';
    out.push(alert('CONSTANT_COLUMN', 'warning', p.name, { value }));
  }
  if (p.flags.includes('id')) out.push(alert('ID_COLUMN', 'info', p.name, {}));
  return out;
}

function textAlerts(p: ColumnProfile, column: { numericCells: number } | undefined): Alert[] {
  const out: Alert[] = [];
  const numeric = column?.numericCells ?? 0;
  // Once the column is read as numbers (the user chose it), its advice is taken: no alert.
  const isReadAsNumbers = p.type === 'integer' || p.type === 'numeric';
  if (p.flags.includes('numbersAsText') && !isReadAsNumbers)
    out.push(alert('NUMBERS_AS_TEXT', 'warning', p.name, { numeric, count: p.count }));
  if (p.flags.includes('mixed')) out.push(alert('MIXED_TYPES', 'warning', p.name, { numeric, count: p.count }));
  if (p.flags.includes('ambiguousDate')) out.push(alert('AMBIGUOUS_DATES', 'warning', p.name, {}));
  if (p.type === 'categorical' && p.distinct > T.highCardinality) {
    out.push(alert('HIGH_CARDINALITY', 'warning', p.name, { distinct: p.distinct }));
  }
  const c = p.categories;
  if (c !== undefined && p.distinct >= 2 && c.topShare >= T.imbalanceTopShare) {
    out.push(alert('IMBALANCED', 'info', p.name, { value: c.top[0]?.[0] ?? '', share: c.topShare }));
  }
  return [...out, ...[spacesAlert(p), caseVariantsAlert(p)].filter((a) => a !== undefined)];
}

/* A text column of numbers written with the other decimal sign (40.4168 in a decimal-comma file). */
function otherDecimalAlerts(
  p: ColumnProfile,
  otherDecimal: (p: ColumnProfile) => { share: number; decimal: string } | undefined,
): Alert[] {
  if (p.type !== 'categorical' && p.type !== 'text') return [];
  const found = otherDecimal(p);
  return found === undefined ? [] : [alert('OTHER_DECIMAL_SIGN', 'warning', p.name, found)];
}

function distributionAlerts(p: ColumnProfile): Alert[] {
  const s = p.numeric;
  if (s === undefined || s.count === 0) return [];
  const out: Alert[] = [];
  if (Math.abs(s.skewness) > T.skewness) out.push(alert('SKEWED', 'info', p.name, { skewness: s.skewness }));
  if (s.zeros / s.count > T.zerosShare)
    out.push(alert('MANY_ZEROS', 'info', p.name, { zeros: s.zeros, share: s.zeros / s.count }));
  const o = p.outliers;
  if (o !== undefined && o.tukeyCount / s.count > T.outlierShare) {
    const round = (v: number): number => Number(v.toPrecision(12)); // numbers, for each language's own format
    out.push(
      alert('OUTLIERS', 'info', p.name, { count: o.tukeyCount, low: round(o.tukeyLow), high: round(o.tukeyHigh) }),
    );
  }
  return out;
}

function correlationAlerts(correlations: CorrelationSummary): Alert[] {
  const out: Alert[] = [];
  const names = correlations.columns;
  names.forEach((a, i) => {
    names.forEach((b, j) => {
      const r = correlations.pearson[i]?.[j];
      if (j > i && r != null && Math.abs(r) >= T.highCorrelation)
        out.push(alert('HIGH_CORRELATION', 'warning', a, { other: b, r }));
    });
  });
  return out;
}

/**
 * All alerts of a profiled table, most severe first, then in column order. `numericCells` gives,
 * per column index, how many text cells read as numbers (for the text alerts).
 */
export function collectAlerts(
  profiles: readonly ColumnProfile[],
  rows: number,
  duplicateRows: number,
  correlations: CorrelationSummary,
  numericCells: readonly number[],
  otherDecimal: (p: ColumnProfile) => { share: number; decimal: string } | undefined = () => undefined,
): Alert[] {
  const perColumn = profiles.flatMap((p) => {
    const sign = otherDecimalAlerts(p, otherDecimal);
    // Numbers with the other decimal sign are not "text" or "mixed": that alert says what they are.
    const text = textAlerts(p, { numericCells: numericCells[p.index] ?? 0 }).filter(
      (a) => sign.length === 0 || (a.code !== 'MIXED_TYPES' && a.code !== 'NUMBERS_AS_TEXT'),
    );
    return [
      ...completenessAlerts(p, rows),
      ...text,
      ...sign,
      ...distributionAlerts(p),
      ...[sentinelAlert(p)].filter((a) => a !== undefined),
    ];
  });
  const table = duplicateRows > 0 ? [alert('DUPLICATE_ROWS', 'warning', undefined, { rows: duplicateRows })] : [];
  const rank: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
  return [...table, ...perColumn, ...correlationAlerts(correlations)].sort(
    (a, b) => rank[a.severity] - rank[b.severity],
  );
}
