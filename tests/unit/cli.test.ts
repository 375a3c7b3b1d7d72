import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { parseCliArgs } from '../../src/cli/args.ts';
import { reportSchemaErrors } from './schema.ts';
import type { Warning } from '../../src/core/warnings.ts';
import { warningText } from '../../src/ui/warning-messages.ts';

const run = promisify(execFile);
const BIN = 'src/cli/smartdata.mjs';

/** Runs the real bin in a child process, as `npx smartdata` would. */
async function smartdata(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [BIN, ...args], { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Runs main() in-process and captures its output. */
async function runMain(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isStderrTty: false,
    version: '9.9.9',
  });
  return { code, stdout, stderr };
}

function tempFile(name: string, content: string | Uint8Array): string {
  const path = join(mkdtempSync(join(tmpdir(), 'smartdata-cli-')), name);
  writeFileSync(path, content);
  return path;
}

describe('smartdata analyze (child process)', () => {
  it('prints a schema-valid report for a small CSV and exits 0', async () => {
    const { code, stdout, stderr } = await smartdata('analyze', 'tests/fixtures/small.csv');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Record<string, unknown>;
    expect(reportSchemaErrors(report)).toBe('');
    expect(report).toMatchObject({ schemaVersion: 1, rows: 4, engine: { backend: 'wasm' } });
  });

  it('exits 1 with a one-line specific message for a bad file', async () => {
    const pdf = tempFile('report.csv', '%PDF-1.7\n1 0 obj\n');
    const { code, stdout, stderr } = await smartdata('analyze', pdf);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/PDF document.*\[UNSUPPORTED_FORMAT\]/);
  });

  it('exits 2 with the usage on bad usage', async () => {
    const { code, stderr } = await smartdata('analyse', 'x.csv');
    expect(code).toBe(2);
    expect(stderr).toContain('unknown command "analyse"');
    expect(stderr).toContain('Usage: smartdata analyze FILE');
  });
});

describe('smartdata analyze (in process)', () => {
  it.each([
    ['an empty file', tempFile('empty.csv', ''), 'EMPTY_FILE'],
    ['a missing file', '/nonexistent/file.csv', 'FILE_NOT_FOUND'],
    ['a directory', tmpdir(), 'UNSUPPORTED_FORMAT'],
    [
      'random binary',
      tempFile(
        'junk.csv',
        new Uint8Array(2048).map((_, i) => (i * 131 + 7) % 256),
      ),
      'UNSUPPORTED_FORMAT',
    ],
  ])('exits 1 for %s', async (_, path, code) => {
    const result = await runMain(['analyze', path]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`[${code}]`);
  });

  it.each([
    ['--out', 'a missing folder', '/nonexistent/dir/report.json', 'its folder does not exist'],
    ['--out', 'a folder', tmpdir(), 'it is a folder'],
    ['--export-csv', 'a missing folder', '/nonexistent/dir/rows.csv', 'its folder does not exist'],
  ])('exits 1 with WRITE_FAILED when %s is %s', async (option, _, target, reason) => {
    const input = tempFile('w.csv', 'a,b\n1,2\n3,4\n5,7\n');
    const result = await runMain(['analyze', input, '--no-cluster', option, target]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`smartdata: cannot write ${target}: ${reason} [WRITE_FAILED]\n`);
  });

  it('says that --sheet does not apply to a CSV, and reads it', async () => {
    const input = tempFile('s.csv', 'a,b\n1,2\n3,4\n5,7\n');
    const result = await runMain(['analyze', input, '--sheet', '2', '--no-cluster']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { rows: number; warnings: { code: string }[] };
    expect(report.rows).toBe(3);
    expect(report.warnings.map((w) => w.code)).toEqual(['SHEET_IGNORED']);
  });

  it('refuses a file over --max-mb before reading it', async () => {
    const big = tempFile('big.csv', `a\n${'1\n'.repeat(600_000)}`);
    const result = await runMain(['analyze', big, '--max-mb', '1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('[FILE_TOO_LARGE]');
  });

  it('writes --out, indents with --pretty and honours ingest overrides', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'smartdata-out-')), 'report.json');
    const input = tempFile('x.csv', 'a;b\n1,5;2\n');
    const result = await runMain([
      'analyze',
      input,
      '--out',
      out,
      '--pretty',
      '--delimiter',
      'semicolon',
      '--decimal',
      '.',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('\n  "schemaVersion": 1');
    const report = JSON.parse(text) as { file: { delimiter: string; decimalSeparator: string }; generator: object };
    expect(report.file).toMatchObject({ delimiter: ';', decimalSeparator: '.' });
    expect(report.generator).toEqual({ name: 'smartdata-analyzer', version: '9.9.9' });
  });

  it('prints a readable text summary', async () => {
    const result = await runMain(['analyze', 'tests/fixtures/es-semicolon-cp1252.csv', '--format', 'text']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('4 rows × 4 columns');
    expect(result.stdout).toContain('encoding windows-1252, delimiter ;, decimal ,');
    expect(result.stdout).toMatch(/Importe \(€\)\s+numeric/);
    expect(result.stdout).toContain('thousands .');
    expect(result.stdout).toMatch(/\nClustering: k = \d+ \(best silhouette\)/);
  });

  it('prints the control characters of a file as escapes in the text summary, not to the terminal', async () => {
    const input = tempFile('ansi.csv', 'plain,"\u001b[31mred\u001b[0m"\n1,2\n3,4\n5,6\n');
    const result = await runMain(['analyze', input, '--format', 'text', '--no-cluster']);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('\u001b');
    expect(result.stdout).toContain('\\u001b[31mred');
  });

  it.each(readdirSync('tests/fixtures').filter((f) => /\.(csv|tsv|xlsx|xls)$/.test(f)))(
    'reads fixture %s into a schema-valid report',
    async (name) => {
      const result = await runMain(['analyze', `tests/fixtures/${name}`]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(reportSchemaErrors(JSON.parse(result.stdout))).toBe('');
    },
  );

  it('clusters with a fixed k and writes the labelled CSV', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'smartdata-csv-')), 'labelled.csv');
    const result = await runMain([
      'analyze',
      'tests/reference/blobs.csv',
      '--k',
      '4',
      '--features',
      'x1,x2,x3',
      '--export-csv',
      out,
    ]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { clustering: { k: number; kChosenBy: string; sizes: number[] } };
    expect(report.clustering).toMatchObject({ k: 4, kChosenBy: 'user' });
    expect(report.clustering.sizes.reduce((a, b) => a + b)).toBe(600);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('\uFEFFx1,x2,x3,true_label,cluster'); // the byte-order mark Excel needs
    expect(lines).toHaveLength(601);
  });

  it('exits 1 when an explicit k exceeds the distinct points', async () => {
    const input = tempFile('few.csv', 'a\n1\n1\n2\n');
    const result = await runMain(['analyze', input, '--k', '3']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('[K_OUT_OF_RANGE]');
  });

  it('skips automatic clustering with a warning when there is nothing numeric', async () => {
    const result = await runMain(['analyze', tempFile('t.csv', 'name\na\nb\n')]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { clustering: null; warnings: { code: string }[] };
    expect(report.clustering).toBeNull();
    expect(report.warnings.map((w) => w.code)).toContain('CLUSTERING_SKIPPED');
  });

  it('says that two rows are too few to choose k, not that two points are too few', async () => {
    const result = await runMain(['analyze', tempFile('two.csv', 'a,b\n1,2\n3,4\n')]);
    const report = JSON.parse(result.stdout) as { warnings: Warning[] };
    const skipped = report.warnings.find((w) => w.code === 'CLUSTERING_SKIPPED');
    expect(skipped?.message).toContain('at least 3 rows');
    expect(skipped?.cause?.details).toEqual({ rows: 2 });
  });

  it('says why clustering was skipped, in both languages, from the error behind it', async () => {
    const result = await runMain(['analyze', tempFile('c.csv', 'name,c\na,5\nb,5\nc,5\n')]);
    const report = JSON.parse(result.stdout) as { warnings: Warning[] };
    const skipped = report.warnings.find((w) => w.code === 'CLUSTERING_SKIPPED');
    expect(skipped?.cause).toEqual({
      code: 'NO_NUMERIC_COLUMNS',
      message: expect.stringContaining('c (constant)') as unknown,
      es: expect.stringContaining('c (constante)') as unknown,
      details: { c: 'constant' },
    });
    if (skipped === undefined) throw new Error('no warning');
    expect(warningText('en', skipped)).toContain('c (constant)');
    expect(warningText('es', skipped)).toBe(
      'No se hizo el clustering. Ninguna columna numérica se puede agrupar por defecto: c (constante). Elige variables o codifica una categoría (one-hot).',
    );
  });

  it('prints help and version', async () => {
    expect((await runMain(['--help'])).stdout).toContain('Exit codes');
    expect((await runMain(['--version'])).stdout).toBe('9.9.9\n');
  });
});

describe('parseCliArgs', () => {
  it.each([
    [['analyze'], 'missing FILE'],
    [[], 'missing command'],
    [['analyze', 'a.csv', 'b.csv'], 'unexpected argument'],
    [['analyze', 'a.csv', '--format', 'xml'], '--format must be json or text'],
    [['analyze', 'a.csv', '--delimiter', 'x'], '--delimiter must be'],
    [['analyze', 'a.csv', '--decimal', ';'], '--decimal must be'],
    [['analyze', 'a.csv', '--encoding', 'ebcdic'], '--encoding must be one of'],
    [['analyze', 'a.csv', '--header-row', '0'], '--header-row must be a positive whole number'],
    [['analyze', 'a.csv', '--bogus'], "Unknown option '--bogus'"],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it('reads thousands separators and missing tokens', () => {
    const args = parseCliArgs(['analyze', 'a.csv', '--thousands', 'space', '--missing=-,?']);
    expect(args.ingest).toEqual({ thousands: ' ', missingTokens: ['', '-', '?'] });
    expect(() => parseCliArgs(['analyze', 'a.csv', '--thousands', '_'])).toThrow('--thousands must be');
    expect(() => parseCliArgs(['analyze', 'a.csv', '--decimal', ',', '--thousands', ','])).toThrow('cannot both be');
    expect(parseCliArgs(['analyze', 'a.csv', '--encoding', 'Latin1']).ingest.encoding).toBe('windows-1252');
    expect(parseCliArgs(['analyze', 'a.csv', '--encoding', 'iso-8859-1']).ingest.encoding).toBe('windows-1252');
  });

  it('maps delimiter names and keeps the sheet', () => {
    const args = parseCliArgs(['analyze', 'a.xlsx', '--delimiter', 'tab', '--sheet', 'Ventas', '--header-row', '3']);
    expect(args.ingest).toEqual({ delimiter: '\t', sheet: 'Ventas', headerRow: 3 });
  });
});
