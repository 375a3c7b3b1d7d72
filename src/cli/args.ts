import { parseArgs } from 'node:util';
import type { ClusterOptions } from '../core/cluster/cluster.ts';
import { COLUMN_TYPES, type ColumnType } from '../core/profile/infer-type.ts';
import {
  DELIMITERS,
  TEXT_ENCODINGS,
  type Delimiter,
  type IngestOptions,
  type TextEncodingName,
} from '../ingest/options.ts';

export const USAGE = `Usage: smartdata analyze FILE [options]

Analyse a CSV, TSV, XLSX or XLS file and print the JSON report (schemaVersion 1).

Options:
  --out FILE             write the report to FILE instead of stdout
  --pretty               indent the JSON
  --format json|text     json (default) or a readable text summary
  --delimiter D          force the delimiter: comma, semicolon, tab, pipe (or , ; |)
  --decimal D            force the decimal separator: . or ,
  --thousands T          force the thousands separator: none, . , or space
  --missing LIST         comma-separated missing-value tokens (default: NA,N/A,n/a,NaN,nan,null,NULL,#N/A
                         and empty cells); an empty cell is always missing
  --encoding E           force the text encoding: utf-8, utf-16le, utf-16be, windows-1252 (or latin1)
  --sheet NAME|N         analyse this sheet (name, or 1-based index) of a workbook
  --header-row N         the header row: the N-th non-blank line of a text file, row N of a sheet
                         (default: the first line; in sheets, detected below title rows)
  --max-mb N             refuse files over N MB (default 100)
  --threads 1|2          read, profile and choose k for large files on 1 or 2 threads (default 2 on a multi-core machine)
  --k auto|N             number of k-means clusters (default auto: best silhouette for k = 2..10)
  --features A,B,...     k-means features (default: numeric columns that are not ids or constant)
  --one-hot A,B,...      also cluster on these categorical columns (≤ 10 levels), one-hot encoded
  --impute median        fill missing feature values with the median instead of dropping the rows
  --seed N               random seed of k-means (default 0)
  --no-cluster           skip clustering
  --export-csv FILE      write the rows with a "cluster" column as CSV (safe to open in Excel)
  --type COL=TYPE        set a column's type (integer, numeric, boolean, datetime, categorical,
                         text); repeat for several columns
  -h, --help             show this help
  -v, --version          print the version

Exit codes: 0 success, 1 the file could not be analysed (reason on stderr), 2 bad usage.`;

export interface CliArgs {
  readonly command: 'analyze' | 'help' | 'version';
  readonly file?: string;
  readonly out?: string;
  readonly pretty: boolean;
  readonly format: 'json' | 'text';
  readonly ingest: IngestOptions;
  readonly types: Readonly<Record<string, ColumnType>>;
  readonly cluster: ClusterOptions | false;
  readonly exportCsv?: string;
  /** Threads for reading large delimited files (undefined: as many as pay, at most 2). */
  readonly threads?: 1 | 2;
}

/** A usage mistake: the CLI prints it with the usage text and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const DELIMITER_NAMES: Readonly<Record<string, Delimiter>> = {
  comma: ',',
  semicolon: ';',
  tab: '\t',
  pipe: '|',
  '\\t': '\t',
};

function parseDelimiter(value: string): Delimiter {
  const named = DELIMITER_NAMES[value.toLowerCase()];
  if (named !== undefined) return named;
  if ((DELIMITERS as readonly string[]).includes(value)) return value as Delimiter;
  throw new UsageError(`--delimiter must be comma, semicolon, tab or pipe, not "${value}"`);
}

const THOUSANDS: Readonly<Record<string, IngestOptions['thousands']>> = {
  none: '',
  '': '',
  '.': '.',
  ',': ',',
  space: ' ',
  ' ': ' ',
};

function parseThousands(value: string): NonNullable<IngestOptions['thousands']> {
  const thousands = THOUSANDS[value.toLowerCase()];
  if (thousands === undefined) throw new UsageError(`--thousands must be none, ".", "," or space, not "${value}"`);
  return thousands;
}

function parsePositiveInt(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive whole number, not "${value}"`);
  return n;
}

/* Other names of the encodings read (Latin-1 files are read as Windows-1252, its superset in practice). */
const ENCODING_ALIASES: Readonly<Record<string, TextEncodingName>> = {
  utf8: 'utf-8',
  'utf-16': 'utf-16le',
  utf16le: 'utf-16le',
  utf16be: 'utf-16be',
  cp1252: 'windows-1252',
  windows1252: 'windows-1252',
  latin1: 'windows-1252',
  'latin-1': 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
};

function parseIngest(values: Record<string, string | boolean | string[] | undefined>): IngestOptions {
  const str = (key: string): string | undefined => {
    const v = values[key];
    return typeof v === 'string' ? v : undefined;
  };
  const options: { -readonly [K in keyof IngestOptions]: IngestOptions[K] } = {};
  const delimiter = str('delimiter');
  if (delimiter !== undefined) options.delimiter = parseDelimiter(delimiter);
  const decimal = str('decimal');
  if (decimal !== undefined) {
    if (decimal !== '.' && decimal !== ',') throw new UsageError(`--decimal must be . or , not "${decimal}"`);
    options.decimal = decimal;
  }
  const thousands = str('thousands');
  if (thousands !== undefined) options.thousands = parseThousands(thousands);
  if (options.decimal !== undefined && options.thousands === options.decimal)
    throw new UsageError(`--decimal and --thousands cannot both be "${options.decimal}"`);
  const missing = str('missing');
  if (missing !== undefined) options.missingTokens = ['', ...missing.split(',').filter((t) => t !== '')];
  const given = str('encoding')?.toLowerCase();
  const encoding = given === undefined ? undefined : (ENCODING_ALIASES[given] ?? given);
  if (encoding !== undefined) {
    if (!(TEXT_ENCODINGS as readonly string[]).includes(encoding)) {
      throw new UsageError(`--encoding must be one of ${TEXT_ENCODINGS.join(', ')}, not "${encoding}"`);
    }
    options.encoding = encoding as TextEncodingName;
  }
  const sheet = str('sheet');
  if (sheet !== undefined) options.sheet = sheet;
  const headerRow = str('header-row');
  if (headerRow !== undefined) options.headerRow = parsePositiveInt('--header-row', headerRow);
  const maxMb = str('max-mb');
  if (maxMb !== undefined) options.maxFileBytes = parsePositiveInt('--max-mb', maxMb) * 1024 * 1024;
  return options;
}

function parseCluster(values: Record<string, string | boolean | string[] | undefined>): ClusterOptions {
  const str = (key: string): string | undefined => (typeof values[key] === 'string' ? values[key] : undefined);
  const list = (key: string): string[] | undefined =>
    str(key)
      ?.split(',')
      .filter((n) => n !== '');
  const options: { -readonly [K in keyof ClusterOptions]: ClusterOptions[K] } = {};
  const k = str('k');
  if (k !== undefined && k !== 'auto') options.k = parsePositiveInt('--k', k);
  const features = list('features');
  if (features !== undefined) options.features = features;
  const oneHot = list('one-hot');
  if (oneHot !== undefined) options.oneHot = oneHot;
  const impute = str('impute');
  if (impute !== undefined) {
    if (impute !== 'median') throw new UsageError(`--impute takes "median", not "${impute}"`);
    options.missing = 'median';
  }
  const seed = str('seed');
  if (seed !== undefined) {
    if (!/^\d+$/.test(seed)) throw new UsageError(`--seed must be a whole number ≥ 0, not "${seed}"`);
    options.seed = Number(seed);
  }
  return options;
}

/* `--type "col=categorical"`, split at the last '=' so that column names may contain '='. */
function parseTypes(entries: readonly string[]): Record<string, ColumnType> {
  const types: Record<string, ColumnType> = Object.create(null) as Record<string, ColumnType>;
  for (const entry of entries) {
    const at = entry.lastIndexOf('=');
    const name = entry.slice(0, at);
    const type = entry.slice(at + 1);
    if (at <= 0 || !(COLUMN_TYPES as readonly string[]).includes(type)) {
      throw new UsageError(`--type takes COLUMN=TYPE with TYPE one of ${COLUMN_TYPES.join(', ')}, not "${entry}"`);
    }
    types[name] = type as ColumnType;
  }
  return types;
}

/** Parses the command line. Throws {@link UsageError} on any mistake. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string' },
        pretty: { type: 'boolean', default: false },
        format: { type: 'string', default: 'json' },
        delimiter: { type: 'string' },
        decimal: { type: 'string' },
        thousands: { type: 'string' },
        missing: { type: 'string' },
        encoding: { type: 'string' },
        sheet: { type: 'string' },
        'header-row': { type: 'string' },
        'max-mb': { type: 'string' },
        type: { type: 'string', multiple: true },
        k: { type: 'string' },
        features: { type: 'string' },
        'one-hot': { type: 'string' },
        impute: { type: 'string' },
        seed: { type: 'string' },
        'no-cluster': { type: 'boolean', default: false },
        'export-csv': { type: 'string' },
        threads: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const base = { pretty: values.pretty, format: 'json' as const, ingest: {}, types: {}, cluster: false as const };
  if (values.help) return { ...base, command: 'help' };
  if (values.version) return { ...base, command: 'version' };
  const [command, file, ...extra] = positionals;
  if (command !== 'analyze')
    throw new UsageError(command === undefined ? 'missing command' : `unknown command "${command}"`);
  if (file === undefined) throw new UsageError('missing FILE');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0] ?? ''}"`);
  if (values.format !== 'json' && values.format !== 'text') {
    throw new UsageError(`--format must be json or text, not "${values.format}"`);
  }
  return {
    command: 'analyze',
    file,
    out: values.out,
    pretty: values.pretty,
    format: values.format,
    ingest: parseIngest(values),
    types: parseTypes(values.type ?? []),
    cluster: values['no-cluster'] ? false : parseCluster(values),
    ...(values['export-csv'] === undefined ? {} : { exportCsv: values['export-csv'] }),
    ...(values.threads === undefined ? {} : { threads: parseThreads(values.threads) }),
  };
}

function parseThreads(value: string): 1 | 2 {
  if (value !== '1' && value !== '2') throw new UsageError(`--threads must be 1 or 2, not "${value}"`);
  return value === '1' ? 1 : 2;
}
