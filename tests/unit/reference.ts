/* Loads the pandas / scikit-learn reference values in tests/reference (see its README). */
import { readFileSync } from 'node:fs';
import { ingestBytes, type IngestResult } from '../../src/ingest/ingest.ts';

export type Json = Record<string, unknown>;

export function loadReference(name: string): Json {
  return JSON.parse(readFileSync(`tests/reference/${name}.reference.json`, 'utf8')) as Json;
}

export function ingestReferenceCsv(name: string): Promise<IngestResult> {
  return ingestBytes(new Uint8Array(readFileSync(`tests/reference/${name}.csv`)), `${name}.csv`);
}

/** |actual − expected| ≤ tolerance · max(|expected|, tiny): relative closeness. */
export function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), Number.MIN_VALUE);
}
