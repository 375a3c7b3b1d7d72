/* Edge paths of the core that the dataset-level tests do not reach. */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeTable } from '../../src/core/analyze.ts';
import { clusterTable } from '../../src/core/cluster/cluster.ts';
import { augmentedTensor, lloyd } from '../../src/core/cluster/lloyd.ts';
import { silhouette } from '../../src/core/cluster/metrics.ts';
import { ALERT_TEXTS, type AlertCode } from '../../src/core/profile/alert-rules.ts';
import { profileTable } from '../../src/core/profile/profile.ts';
import { startTf } from '../../workers/tf-init.ts';
import { ingestText } from './helpers.ts';

beforeAll(async () => {
  await startTf();
});

const FORMAT = { decimal: '.', thousands: '' } as const;

async function columnsOf(text: string) {
  const ingested = await ingestText(text);
  return { columns: (await profileTable(ingested.table, { format: FORMAT })).columns, rows: ingested.table.rowCount };
}

describe('alert texts', () => {
  it.each(Object.keys(ALERT_TEXTS) as AlertCode[])('%s has a rule, message and action in both languages', (code) => {
    const evidence = { missing: 3, share: 0.25, value: 'x', distinct: 60, other: 'b', r: 0.95, skewness: 3, zeros: 9 };
    const texts = ALERT_TEXTS[code]({
      ...evidence,
      rows: 2,
      numeric: 5,
      count: 6,
      cells: 4,
      groups: 1,
      example: '"a"',
      low: 1,
      high: 2,
      type: 'numeric',
      decimal: '.',
    });
    for (const language of [texts.en, texts.es]) {
      expect(language.rule.length).toBeGreaterThan(3);
      expect(language.message).not.toContain('undefined');
      expect(language.action.length).toBeGreaterThan(3);
    }
    expect(texts.es.message).not.toBe(texts.en.message);
  });

  it('writes Spanish numbers with a decimal comma and grouped thousands', () => {
    const outliers = ALERT_TEXTS.OUTLIERS({ count: 1234, low: -353.175, high: 734.265, share: 0.025 });
    expect(outliers.es.message).toBe('1.234 valores fuera de [-353,175, 734,265] (Tukey 1,5×RIC).');
    expect(outliers.en.message).toContain('[-353.175, 734.265]');
    expect(ALERT_TEXTS.HIGH_CORRELATION({ other: 'b', r: 0.95 }).es.message).toContain('(r = 0,950)');
    expect(ALERT_TEXTS.MISSING_VALUES({ missing: 10, share: 0.025 }).es.message).toBe('10 valores vacíos (2,5%).');
  });
});

describe('k-means preprocessing', () => {
  const rows = Array.from({ length: 60 }, (_, i) => {
    const group = i % 3;
    const value = i % 10 === 0 ? '' : String(group * 10 + (i % 5) * 0.1);
    return `${value},${['red', 'green', 'blue'][group] ?? ''},${i}`;
  });
  const text = `v,colour,id\n${rows.join('\n')}\n`;

  it('one-hot encodes categories, imputes medians, and reports lift', async () => {
    const { columns, rows: n } = await columnsOf(text);
    const result = await clusterTable(tf, columns, n, { features: ['v'], oneHot: ['colour'], missing: 'median', k: 3 });
    expect(result.features).toEqual(['v', 'colour=red', 'colour=green', 'colour=blue']);
    expect(result.cellsImputed).toBe(6);
    expect(result.rowsUsed).toBe(60);
    expect(result.clusters.some((c) => c.lift.some((l) => l.lift > 1))).toBe(true);
  });

  it.each([
    [{ features: ['colour'] }, 'not numeric'],
    [{ oneHot: ['v'] }, 'cannot be one-hot'],
    [{ features: ['nope'] }, 'no column'],
  ])('refuses %j', async (options, message) => {
    const { columns, rows: n } = await columnsOf(text);
    await expect(clusterTable(tf, columns, n, { ...options, k: 2 })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringContaining(message) as string,
    });
  });

  it('rejects a k that is not a positive whole number', async () => {
    const { columns, rows: n } = await columnsOf(text);
    await expect(clusterTable(tf, columns, n, { k: 0 })).rejects.toMatchObject({ code: 'K_OUT_OF_RANGE' });
  });
});

describe('Lloyd iterations', () => {
  it('moves empty clusters to the farthest points, as scikit-learn does', async () => {
    const data = Float64Array.from([0, 0, 0.1, 0, 10, 10, 10.1, 10, 20, 0, 20.1, 0]);
    const x = augmentedTensor(tf, data, 6, 2);
    const init = Float64Array.from([0, 0, 0, 0, 0, 0]); // three identical centres: two start empty
    const result = await lloyd({ tf, x, data, rows: 6, dims: 2, k: 3 }, init, { maxIter: 50, tol: 1e-4 });
    tf.dispose(x);
    const sizes = [0, 0, 0];
    for (const label of result.labels) sizes[label] = (sizes[label] ?? 0) + 1;
    // The two empty centres take the two points farthest from (0, 0): (20.1, 0) and (20, 0); Lloyd
    // then settles in that local optimum, with no cluster empty.
    expect(sizes.sort()).toEqual([1, 1, 4]);
    expect(result.converged).toBe(true);
  });

  it('scores a point alone in its cluster 0 in the silhouette', () => {
    const data = Float64Array.from([0, 1, 10]);
    const s = silhouette(data, 1, Int32Array.from([0, 0, 1]), 2, Int32Array.from([0, 1, 2]));
    expect(s.perCluster[1]).toBe(0);
    // point 0: a = 1, b = 10 → 0.9; point 1: a = 1, b = 9 → 8/9; point 10 is alone → 0.
    expect(s.mean).toBeCloseTo((0.9 + 8 / 9 + 0) / 3, 12);
  });
});

describe('type overrides across kinds', () => {
  it('reads integer years as dates, dates as categories and text dates as numbers where possible', async () => {
    const ingested = await ingestText('year,day,code\n2020,2024-01-31,1\n2021,2024-02-29,x\n1999,,2\n');
    const report = await analyzeTable(
      ingested,
      { types: { year: 'datetime', day: 'categorical', code: 'numeric' }, cluster: false },
      { version: 't', timings: {} },
    );
    expect(report.columns[0]?.stats).toMatchObject({
      min: '1999-01-01T00:00:00.000Z',
      max: '2021-01-01T00:00:00.000Z',
      order: 'year',
    });
    expect(report.columns[1]?.top).toEqual([
      ['2024-01-31', 1],
      ['2024-02-29', 1],
    ]);
    expect(report.columns[2]).toMatchObject({ type: 'numeric', count: 2, unparseable: 1 });
  });

  it('reads a text column the user calls boolean, counting the other values', async () => {
    const ingested = await ingestText('ok\nyes\nno\nmaybe\n1\n');
    const report = await analyzeTable(ingested, { types: { ok: 'boolean' } }, { version: 't', timings: {} });
    expect(report.columns[0]?.stats).toMatchObject({ trueCount: 2, falseCount: 1, otherCount: 1 });
  });
});
