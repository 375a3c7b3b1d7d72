/*
 * Parse and profile benchmarks in Node, side by side with papaparse's own typed parse of the same
 * bytes. Medians of several runs; throughput in MB/s of the file.
 */
import Papa from 'papaparse';
import { profileTable } from '../../src/core/profile/profile.ts';
import { ingestBytes } from '../../src/ingest/ingest.ts';
import { mixedCsv } from './data.ts';

export interface BenchRow {
  readonly name: string;
  readonly ms: number;
  readonly mbPerSecond?: number;
  readonly ratio?: number;
}

async function median(runs: number, run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] as number;
}

function papaTyped(bytes: Uint8Array, delimiter: string): number {
  const text = new TextDecoder().decode(bytes);
  let cells = 0;
  Papa.parse<unknown[]>(text, {
    delimiter,
    dynamicTyping: true,
    skipEmptyLines: true,
    chunk: (results: Papa.ParseResult<unknown[]>) => {
      for (const row of results.data) cells += row.length; // rows are consumed chunk by chunk
    },
    complete: () => undefined,
  });
  return cells;
}

/** Parse (bytes path and papaparse path) and profile of a mixed CSV of `rows` rows. */
export async function benchIngest(rows: number, runs: number): Promise<BenchRow[]> {
  const out: BenchRow[] = [];
  for (const decimalComma of [false, true]) {
    const bytes = mixedCsv(rows, decimalComma);
    const mb = bytes.length / 1e6;
    const label = decimalComma ? ' (; and decimal comma)' : '';
    const options = { maxFileBytes: 1e9 };
    const ours = await median(runs, () => ingestBytes(bytes, 'bench.csv', options));
    const papa = await median(runs, () => Promise.resolve(papaTyped(bytes, decimalComma ? ';' : ',')));
    out.push({
      name: `parse ${mb.toFixed(0)} MB${label}: papaparse dynamicTyping`,
      ms: papa,
      mbPerSecond: mb / (papa / 1000),
      ratio: 1,
    });
    out.push({
      name: `parse ${mb.toFixed(0)} MB${label}: SmartData bytes path`,
      ms: ours,
      mbPerSecond: mb / (ours / 1000),
      ratio: papa / ours,
    });
    if (!decimalComma) {
      const { table } = await ingestBytes(bytes, 'bench.csv', options);
      const profile = await median(runs, () => profileTable(table, { format: { decimal: '.', thousands: '' } }));
      out.push({
        name: `profile ${rows.toLocaleString('en')} rows × 12 (all statistics)`,
        ms: profile,
        ratio: ours / profile,
      });
    }
  }
  return out;
}
