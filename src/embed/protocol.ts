/*
 * The versioned postMessage protocol between a host page and the embedded app (v: 1). Every
 * incoming message is validated field by field; anything else is ignored, never trusted.
 */
import type { AnalysisOptions } from '../core/analyze.ts';
import { COLUMN_TYPES, type ColumnType } from '../core/profile/infer-type.ts';
import type { Report } from '../core/report.ts';
import type { IngestOptions } from '../ingest/options.ts';

export const PROTOCOL_VERSION = 1;

export interface EmbedOptions {
  readonly ingest: IngestOptions;
  readonly analysis: AnalysisOptions;
  readonly language?: 'en' | 'es';
}

export type HostMessage =
  | {
      readonly type: 'smartdata:analyze';
      readonly v: 1;
      /** As the host sent it (a string, or a safe integer), so that replies compare equal. */
      readonly id: RequestId;
      readonly name: string;
      readonly data: Blob;
      readonly options: EmbedOptions;
    }
  | {
      readonly type: 'smartdata:configure';
      readonly v: 1;
      readonly language?: 'en' | 'es';
      readonly theme?: 'light' | 'dark' | 'system';
      readonly panels?: readonly string[];
    };

export type RequestId = string | number;

export type AppMessage =
  | { readonly type: 'smartdata:ready'; readonly v: 1 }
  | {
      readonly type: 'smartdata:progress';
      readonly v: 1;
      readonly id: RequestId;
      readonly stage: string;
      readonly fraction: number;
    }
  | { readonly type: 'smartdata:result'; readonly v: 1; readonly id: RequestId; readonly report: Report }
  | {
      readonly type: 'smartdata:error';
      readonly v: 1;
      readonly id: RequestId;
      readonly code: string;
      readonly message: string;
    }
  | { readonly type: 'smartdata:resize'; readonly v: 1; readonly height: number };

const MAX_ID_LENGTH = 128;
const MAX_NAME_LENGTH = 255;

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const oneOf = <T extends string>(v: unknown, values: readonly T[]): v is T =>
  typeof v === 'string' && (values as readonly string[]).includes(v);

function parseId(v: unknown): RequestId | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_ID_LENGTH ? v : undefined;
}

function parseTypes(v: unknown): Record<string, ColumnType> | undefined {
  if (v === undefined) return {};
  if (!isObject(v)) return undefined;
  const types: Record<string, ColumnType> = Object.create(null) as Record<string, ColumnType>;
  for (const [name, type] of Object.entries(v)) {
    if (!oneOf(type, COLUMN_TYPES)) return undefined;
    types[name] = type;
  }
  return types;
}

/** Options as in the CLI: delimiter, decimal, sheet, k, types, language. Undefined when invalid. */
export function parseEmbedOptions(v: unknown): EmbedOptions | undefined {
  const read = readEmbedOptions(v);
  return typeof read === 'string' ? undefined : read;
}

/* The options, or what is wrong with them (for the INVALID_REQUEST answer). */
function readEmbedOptions(v: unknown): EmbedOptions | string {
  const o = v === undefined ? {} : v;
  if (!isObject(o)) return 'options must be an object';
  const delimiter = o.delimiter;
  const decimal = o.decimal;
  const sheet = o.sheet;
  const k = o.k;
  if (delimiter !== undefined && !oneOf(delimiter, [',', ';', '\t', '|'] as const))
    return 'options.delimiter must be ",", ";", "\\t" or "|"';
  if (decimal !== undefined && !oneOf(decimal, ['.', ','] as const)) return 'options.decimal must be "." or ","';
  if (sheet !== undefined && typeof sheet !== 'string' && !(typeof sheet === 'number' && Number.isInteger(sheet)))
    return 'options.sheet must be a sheet name or a whole number';
  if (k !== undefined && k !== 'auto' && !(typeof k === 'number' && Number.isInteger(k) && k >= 1 && k <= 50))
    return 'options.k must be "auto" or a whole number from 1 to 50';
  if (o.language !== undefined && !oneOf(o.language, ['en', 'es'] as const))
    return 'options.language must be "en" or "es"';
  const types = parseTypes(o.types);
  if (types === undefined) return `options.types must map column names to ${COLUMN_TYPES.join(', ')}`;
  return {
    ingest: {
      ...(delimiter === undefined ? {} : { delimiter }),
      ...(decimal === undefined ? {} : { decimal }),
      ...(sheet === undefined ? {} : { sheet: String(sheet) }),
    },
    analysis: { types, cluster: { k: k === undefined ? 'auto' : k } },
    ...(o.language === undefined ? {} : { language: o.language }),
  };
}

/* The bytes of a request: an ArrayBuffer, a typed array or DataView over one, a Blob or a File. */
function dataOf(v: unknown): Blob | undefined {
  if (v instanceof Blob) return v;
  if (v instanceof ArrayBuffer) return new Blob([v]);
  if (ArrayBuffer.isView(v)) return new Blob([new Uint8Array(v.buffer, v.byteOffset, v.byteLength).slice()]);
  return undefined;
}

/* An analyze request, or what is wrong with it. */
function readAnalyze(m: Obj, id: RequestId): HostMessage | string {
  const name = m.name;
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH)
    return `name must be a file name of 1 to ${MAX_NAME_LENGTH} characters`;
  const data = dataOf(m.data);
  if (data === undefined) return 'data must be an ArrayBuffer, a typed array, a Blob or a File';
  const options = readEmbedOptions(m.options);
  if (typeof options === 'string') return options;
  return { type: 'smartdata:analyze', v: 1, id, name, data, options };
}

function parseAnalyze(m: Obj): HostMessage | undefined {
  const id = parseId(m.id);
  const read = id === undefined ? undefined : readAnalyze(m, id);
  return typeof read === 'string' ? undefined : read;
}

/**
 * For a version-1 analyze request with a usable id that is not valid otherwise: the id and what is
 * wrong, so that the host gets an INVALID_REQUEST answer instead of silence. Undefined otherwise.
 */
export function invalidRequest(data: unknown): { readonly id: RequestId; readonly reason: string } | undefined {
  if (!isObject(data) || data.v !== PROTOCOL_VERSION || data.type !== 'smartdata:analyze') return undefined;
  const id = parseId(data.id);
  if (id === undefined) return undefined;
  const read = readAnalyze(data, id);
  return typeof read === 'string' ? { id, reason: read } : undefined;
}

function parseConfigure(m: Obj): HostMessage | undefined {
  if (m.language !== undefined && !oneOf(m.language, ['en', 'es'] as const)) return undefined;
  if (m.theme !== undefined && !oneOf(m.theme, ['light', 'dark', 'system'] as const)) return undefined;
  if (m.panels !== undefined && !(Array.isArray(m.panels) && m.panels.every((p) => typeof p === 'string')))
    return undefined;
  return {
    type: 'smartdata:configure',
    v: 1,
    ...(m.language === undefined ? {} : { language: m.language }),
    ...(m.theme === undefined ? {} : { theme: m.theme }),
    ...(m.panels === undefined ? {} : { panels: m.panels }),
  };
}

/** A host message, validated, or undefined for anything that is not exactly one (ignored). */
export function parseHostMessage(data: unknown): HostMessage | undefined {
  if (!isObject(data) || data.v !== PROTOCOL_VERSION) return undefined;
  if (data.type === 'smartdata:analyze') return parseAnalyze(data);
  if (data.type === 'smartdata:configure') return parseConfigure(data);
  return undefined;
}

/**
 * The deployer's allowlist from `embed.config.json` beside index.html:
 * `{"allowedOrigins": ["https://example.org"]}`. Exact origins only; anything malformed → none.
 */
export function parseAllowedOrigins(config: unknown): ReadonlySet<string> {
  if (!isObject(config) || !Array.isArray(config.allowedOrigins)) return new Set();
  const origins = config.allowedOrigins.filter((o): o is string => {
    if (typeof o !== 'string') return false;
    try {
      return new URL(o).origin === o;
    } catch {
      return false;
    }
  });
  return new Set(origins);
}
