import type { Column } from '../../src/core/table.ts';
import { ingestBytes, type IngestResult } from '../../src/ingest/ingest.ts';
import type { IngestOptions } from '../../src/ingest/options.ts';

/** Ingests a text as a UTF-8 file. */
export function ingestText(text: string, name = 'test.csv', options: IngestOptions = {}): Promise<IngestResult> {
  return ingestBytes(new TextEncoder().encode(text), name, options);
}

/** A column's cells as plain values: numbers, strings, or null for missing (dates as ISO strings). */
export function cells(column: Column | undefined): (number | string | null)[] {
  if (column === undefined) throw new Error('no such column');
  if (column.kind === 'string') return Array.from(column.codes, (c) => (c < 0 ? null : (column.dictionary[c] ?? null)));
  return Array.from(column.values, (v) =>
    Number.isNaN(v) ? null : column.kind === 'date' ? new Date(v).toISOString() : v,
  );
}

/** The error code an async call rejects with. */
export async function rejectionCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return 'resolved';
}
