import { describe, expect, it } from 'vitest';
import { analyzeTable } from '../../src/core/analyze.ts';
import { samplePair } from '../../src/core/pair-sample.ts';
import { ALERT_TEXTS } from '../../src/core/profile/alert-rules.ts';
import { readDateColumn } from '../../src/core/profile/datetime-text.ts';
import type { Report } from '../../src/core/report.ts';
import { ingestText } from './helpers.ts';
import { ingestReferenceCsv, loadReference, relativeError, type Json } from './reference.ts';
import { reportSchemaErrors } from './schema.ts';

async function reportOf(dataset: string): Promise<Report> {
  return analyzeTable(await ingestReferenceCsv(dataset), {}, { version: 'test', timings: {} });
}

function matrixOf(m: Json): { columns: string[]; matrix: (number | null)[][] } {
  return m as unknown as { columns: string[]; matrix: (number | null)[][] };
}

describe.each(['stats-small', 'stats-mixed'])('table profile against pandas on %s', (dataset) => {
  const reference = loadReference(dataset);

  it('is schema-valid and counts duplicates as pandas duplicated().sum()', async () => {
    const report = await reportOf(dataset);
    expect(reportSchemaErrors(JSON.parse(JSON.stringify(report)))).toBe('');
    expect(report.duplicateRows).toBe(reference.duplicateRows);
    expect(report.rows).toBe(reference.rows);
  });

  it('counts categories like value_counts', async () => {
    const report = await reportOf(dataset);
    const columns = reference.columns as Record<string, Json>;
    for (const [name, expected] of Object.entries(columns).filter(([, c]) => c.kind === 'categorical')) {
      const column = report.columns.find((c) => c.name === name);
      expect(column?.count, name).toBe(expected.count);
      expect(column?.missing, name).toBe(expected.missing);
      expect(column?.distinct, name).toBe(expected.distinct);
      expect(column?.top, name).toEqual(expected.top);
    }
  });

  it('matches pandas Pearson (two-pass) and Spearman on pairwise-complete rows', async () => {
    const report = await reportOf(dataset);
    const pearsonRef = reference.pearson as Json;
    for (const [method, ref] of [
      ['pearson', { columns: pearsonRef.columns, matrix: pearsonRef.matrixTwoPass }],
      ['spearman', reference.spearman],
    ] as const) {
      const { columns, matrix } = matrixOf(ref as Json);
      columns.forEach((a, i) => {
        columns.forEach((b, j) => {
          const ai = report.correlations.columns.indexOf(a);
          const bj = report.correlations.columns.indexOf(b);
          const actual = report.correlations[method][ai]?.[bj];
          const expected = matrix[i]?.[j];
          if (expected == null) expect(actual ?? null, `${method} ${a}~${b}`).toBeNull();
          else expect(Math.abs((actual ?? NaN) - expected), `${method} ${a}~${b}`).toBeLessThan(1e-12);
        });
      });
    }
  });

  it('matches bias-corrected Cramér V and η', async () => {
    const report = await reportOf(dataset);
    for (const ref of reference.cramersV as Json[]) {
      const [a, b] = ref.columns as [string, string];
      const { columns, cramersV } = report.correlations.categorical;
      const value = cramersV[columns.indexOf(a)]?.[columns.indexOf(b)];
      expect(relativeError(value ?? NaN, ref.value as number), `${a}~${b}`).toBeLessThan(1e-9);
    }
    for (const ref of reference.eta as Json[]) {
      const found = report.correlations.eta.find((e) => e.categorical === ref.category && e.numeric === ref.numeric);
      expect(
        relativeError(found?.value ?? NaN, ref.value as number),
        `${String(ref.category)}→${String(ref.numeric)}`,
      ).toBeLessThan(1e-9);
    }
  });

  it('counts Tukey and robust-z outliers like the reference', async () => {
    const report = await reportOf(dataset);
    for (const [name, ref] of Object.entries(reference.outliers as Record<string, Json>)) {
      const column = report.columns.find((c) => c.name === name);
      expect(column?.outliers?.tukeyCount, name).toBe(ref.tukeyCount);
      expect(column?.outliers?.robustZCount ?? null, name).toBe(ref.robustZCount);
      expect(column?.outliers?.tukeyLow, name).toBe(ref.tukeyLow);
      expect(column?.outliers?.tukeyHigh, name).toBe(ref.tukeyHigh);
    }
  });
});

describe('type inference and overrides', () => {
  it('reads dates day-first or month-first from the data and flags ambiguity', () => {
    expect(readDateColumn(['13/01/2024', '02/03/2024'])?.order).toBe('dayFirst');
    expect(readDateColumn(['01/13/2024', '02/03/2024'])?.order).toBe('monthFirst');
    const ambiguous = readDateColumn(['01/02/2024', '03/04/2024']);
    expect(ambiguous).toMatchObject({ order: 'dayFirst', isAmbiguous: true });
    expect(new Date(ambiguous?.values[0] ?? NaN).toISOString()).toBe('2024-02-01T00:00:00.000Z');
    expect(readDateColumn(['2024-01-31', '2024-02-29T10:30:00Z'])?.order).toBe('iso');
    expect(readDateColumn(['31/02/2024'])).toBeUndefined(); // no such day
  });

  it('flags a column of all-distinct names as an id and finds no association in it', async () => {
    const names = ['Ana', 'Luis', 'Marta', 'Jorge', 'Lucía', 'Pablo', 'Sara', 'Diego', 'Elena', 'Raúl'];
    const rows = names.map((n, i) => `${n};${(i * 37) % 11},${i}`).join('\n');
    const report = await analyzeTable(
      await ingestText(`cliente;importe\n${rows}\n`),
      {},
      { version: 't', timings: {} },
    );
    expect(report.columns[0]).toMatchObject({ type: 'categorical', flags: ['id'] });
    expect(report.correlations.eta).toEqual([]);
    expect(report.correlations.strongest.filter((p) => p.columns.includes('cliente'))).toEqual([]);
  });

  it('drops the numbers-as-text alert once the column is read as numbers', async () => {
    const text = `n\n${Array.from({ length: 19 }, (_, i) => String(i)).join('\n')}\nx\n`;
    const codes = async (types: Record<string, 'integer'>): Promise<string[]> =>
      (await analyzeTable(await ingestText(text), { types }, { version: 't', timings: {} })).alerts.map((a) => a.code);
    expect(await codes({})).toContain('NUMBERS_AS_TEXT');
    expect(await codes({ n: 'integer' })).not.toContain('NUMBERS_AS_TEXT');
  });

  it('counts ±Infinity as a value, not as missing, in the table as in its columns', async () => {
    const report = await analyzeTable(
      await ingestText('a,b\n1,2\ninf,3\n3,-inf\n4,\n'),
      {},
      { version: 't', timings: {} },
    );
    expect(report.columns.map((c) => [c.missing, c.stats.infinite])).toEqual([
      [0, 1],
      [1, 1],
    ]);
    expect(report.missingCells).toBe(1);
    expect(report.missing.rowsWithMissing).toBe(1);
  });

  it('keeps years and small codes as integers, offering the other readings', async () => {
    const years = Array.from({ length: 30 }, (_, i) => `${1990 + (i % 25)},${i % 4}`).join('\n');
    const report = await analyzeTable(await ingestText(`year,code\n${years}\n`), {}, { version: 't', timings: {} });
    expect(report.columns[0]).toMatchObject({ type: 'integer', alternatives: ['datetime'] });
    expect(report.columns[1]).toMatchObject({ type: 'integer', alternatives: ['categorical'] });
  });

  it('recomputes everything for a user-chosen type', async () => {
    const ingested = await ingestText('year,score\n2020,1\n2021,2\n2021,3\n2022,x\n');
    const report = await analyzeTable(
      ingested,
      { types: { year: 'categorical', score: 'numeric' } },
      { version: 't', timings: {} },
    );
    expect(report.columns[0]).toMatchObject({
      type: 'categorical',
      inferredType: 'integer',
      top: [
        ['2021', 2],
        ['2020', 1],
        ['2022', 1],
      ],
    });
    expect(report.columns[1]).toMatchObject({ type: 'numeric', count: 3, unparseable: 1, missing: 1 });
    expect(report.alerts.map((a) => a.code)).toContain('UNREADABLE_VALUES');
  });

  it('refuses a type for a column that does not exist', async () => {
    const ingested = await ingestText('a\n1\n');
    await expect(analyzeTable(ingested, { types: { b: 'text' } }, { version: 't', timings: {} })).rejects.toMatchObject(
      {
        code: 'INVALID_OPTION',
      },
    );
  });
});

describe('alerts', () => {
  it('fires the data-quality rules with evidence, in English and Spanish', async () => {
    const rows = Array.from({ length: 40 }, (_, i) =>
      [
        i % 2 === 0 ? 'Madrid' : i % 3 === 0 ? 'madrid' : 'Málaga ',
        i < 30 ? -999 : i,
        0,
        i % 5 === 0 ? '' : 'x',
        i * 2,
        i * 2 + 1,
      ].join(','),
    );
    const text = `city,value,zero,sparse,a,b\n${rows.join('\n')}\n${rows[0] ?? ''}\n`;
    const report = await analyzeTable(await ingestText(text), {}, { version: 't', timings: {} });
    const codes = report.alerts.map((a) => `${a.code}:${a.column ?? ''}`);
    for (const expected of [
      'DUPLICATE_ROWS:',
      'CASE_VARIANTS:city',
      'SURROUNDING_SPACES:city',
      'SENTINEL_VALUES:value',
      'CONSTANT_COLUMN:zero',
      'MISSING_VALUES:sparse',
      'HIGH_CORRELATION:a',
    ]) {
      expect(codes).toContain(expected);
    }
    const sentinel = report.alerts.find((a) => a.code === 'SENTINEL_VALUES');
    expect(sentinel?.evidence).toEqual({ cells: 31, value: -999 });
    expect(sentinel?.es.message).toContain('comodín');
    // Spanish texts write their numbers the Spanish way, and name types in Spanish.
    expect(sentinel?.es.message).toBe('31 celdas contienen -999, un comodín típico de «desconocido».');
    const spanish = ALERT_TEXTS.OUTLIERS({ count: 1234, low: -353.175, high: 734.265 }).es.message;
    expect(spanish).toBe('1.234 valores fuera de [-353,175, 734,265] (Tukey 1,5×RIC).');
    expect(ALERT_TEXTS.CONSTANT_COLUMN({ value: 1.5 }).es.message).toBe('Todos los valores son «1,5».');
    expect(ALERT_TEXTS.UNREADABLE_VALUES({ cells: 2, type: 'integer' }).es.message).toContain('como entero');
    expect(report.alerts[0]?.severity).not.toBe('info');
  });
});

describe('correlations of columns at the ends of the double range', () => {
  it.each([
    ['1e300', 'e300'],
    ['1e-300', 'e-300'],
  ])('%s-sized values keep their Pearson r (numpy: np.corrcoef of the values / 1e±300)', async (_, exponent) => {
    const x = ['1.5', '-2.5', '3.25', '0.5'].map((m) => `${m}${exponent}`);
    const text = `x,y,g\n${x.map((v, i) => `${v},${[1, 3, 2, 5][i]},${i % 2 === 0 ? 'a' : 'b'}`).join('\n')}\n`;
    const report = await analyzeTable(await ingestText(text), {}, { version: 't', timings: {} });
    const r = report.correlations.pearson[0]?.[1];
    expect(Math.abs((r ?? NaN) - -0.36953144839336427)).toBeLessThan(1e-12);
    // η of g against x: groups {1.5, 3.25} and {-2.5, 0.5} (× 1e±300), by hand in the unscaled numbers.
    const eta = report.correlations.eta.find((e) => e.numeric === 'x')?.value;
    expect(eta).toBeCloseTo(etaByHand([1.5, 3.25], [-2.5, 0.5]), 12);
  });
});

/* √(SS_between / SS_total) of two groups, in the numbers' own scale. */
function etaByHand(a: number[], b: number[]): number {
  const all = [...a, ...b];
  const mean = (v: number[]): number => v.reduce((s, x) => s + x, 0) / v.length;
  const m = mean(all);
  const ssTotal = all.reduce((s, x) => s + (x - m) ** 2, 0);
  const ssBetween = a.length * (mean(a) - m) ** 2 + b.length * (mean(b) - m) ** 2;
  return Math.sqrt(ssBetween / ssTotal);
}

describe('a number type chosen for a text column', () => {
  it('reads zero-padded codes and 16-digit integers as numbers, not as unreadable', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${1700000000000000 + i * 7919},0${i % 9}.25`);
    const ingest = await ingestText(`us,z\n${rows.join('\n')}\n`);
    const guessed = await analyzeTable(ingest, {}, { version: 't', timings: {} });
    expect(guessed.columns.map((c) => c.type)).toEqual(['categorical', 'categorical']);
    const chosen = await analyzeTable(
      ingest,
      { types: { us: 'integer', z: 'numeric' } },
      { version: 't', timings: {} },
    );
    const [us, z] = chosen.columns;
    expect([us?.count, us?.unparseable, z?.count, z?.unparseable]).toEqual([20, 0, 20, 0]);
    expect(us?.stats).toMatchObject({ min: 1700000000000000, max: 1700000000000000 + 19 * 7919 });
    expect(z?.stats).toMatchObject({ min: 0.25, max: 8.25 });
  });
});

describe('numbers written with the other decimal sign', () => {
  const text = 'ciudad;lat;importe\nMadrid;40.4168;1.234,5\nSevilla;37.3891;99,9\nBilbao;43.263;5\n';

  it('are pointed out in a decimal-comma file, and read with their own sign once numeric is chosen', async () => {
    const ingest = await ingestText(text);
    expect(ingest.file.decimalSeparator).toBe(',');
    const guessed = await analyzeTable(ingest, {}, { version: 't', timings: {} });
    const codes = guessed.alerts.filter((a) => a.column === 'lat').map((a) => a.code);
    expect(codes).toEqual(['OTHER_DECIMAL_SIGN']); // not "mixed": 43.263 also reads as 43263
    expect(guessed.alerts.find((a) => a.code === 'OTHER_DECIMAL_SIGN')?.evidence).toEqual({ share: 1, decimal: '.' });
    const chosen = await analyzeTable(ingest, { types: { lat: 'numeric' } }, { version: 't', timings: {} });
    expect(chosen.columns[1]?.stats).toMatchObject({ count: 3, min: 37.3891, max: 43.263 });
    expect(samplePair(ingest.table, 'lat', 'importe', { decimal: ',', thousands: '.' }).complete).toBe(3);
  });

  it('are not claimed for a text column that merely holds a few such numbers', async () => {
    const ingest = await ingestText('nota;v\nabc;1,5\n1.5;2,5\nxyz;3,5\n');
    const report = await analyzeTable(ingest, {}, { version: 't', timings: {} });
    expect(report.alerts.map((a) => a.code)).not.toContain('OTHER_DECIMAL_SIGN');
  });
});
