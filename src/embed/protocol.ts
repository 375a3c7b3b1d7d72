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
      readonly id: string;
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

export type AppMessage =
  | { readonly type: 'smartdata:ready'; readonly v: 1 }
  | {
      readonly type: 'smartdata:progress';
      readonly v: 1;
      readonly id: string;
      readonly stage: string;
      readonly fraction: number;
    }
  | { readonly type: 'smartdata:result'; readonly v: 1; readonly id: string; readonly report: Report }
  | {
      readonly type: 'smartdata:error';
      readonly v: 1;
      readonly id: string;
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

function parseId(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
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
  const o = v === undefined ? {} : v;
  if (!isObject(o)) return undefined;
  const delimiter = o.delimiter;
  const decimal = o.decimal;
  const sheet = o.sheet;
  const k = o.k;
  if (delimiter !== undefined && !oneOf(delimiter, [',', ';', '\t', '|'] as const)) return undefined;
  if (decimal !== undefined && !oneOf(decimal, ['.', ','] as const)) return undefined;
  if (sheet !== undefined && typeof sheet !== 'string' && !(typeof sheet === 'number' && Number.isInteger(sheet)))
    return undefined;
  if (k !== undefined && k !== 'auto' && !(typeof k === 'number' && Number.isInteger(k) && k >= 1 && k <= 50))
    return undefined;
  if (o.language !== undefined && !oneOf(o.language, ['en', 'es'] as const)) return undefined;
  const types = parseTypes(o.types);
  if (types === undefined) return undefined;
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

function parseAnalyze(m: Obj): HostMessage | undefined {
  const id = parseId(m.id);
  const name = typeof m.name === 'string' && m.name.length <= MAX_NAME_LENGTH ? m.name : undefined;
  const data = m.data instanceof ArrayBuffer ? new Blob([m.data]) : m.data instanceof Blob ? m.data : undefined;
  const options = parseEmbedOptions(m.options);
  if (id === undefined || name === undefined || data === undefined || options === undefined) return undefined;
  return { type: 'smartdata:analyze', v: 1, id, name, data, options };
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
