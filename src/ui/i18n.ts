/*
 * UI strings in English and Spanish. Every key must exist in both (the type enforces it).
 * Placeholders are {name}; `t()` fills them.
 */
const en = {
  appTitle: 'SmartData Analyzer',
  tagline: 'Drop a table and see what is in it. Your data never leaves this browser.',
  dropHere: 'Drop a CSV, TSV, XLSX or XLS file here',
  orChoose: 'or choose a file',
  chooseFile: 'Choose a file',
  accepted: 'Accepted: .csv, .tsv, .txt, .xlsx, .xls — up to {limit} MB',
  trySample: 'Try a sample',
  sampleSpanish: 'Spanish sales (; and decimal commas)',
  cancel: 'Cancel',
  stage_read: 'Reading',
  stage_parse: 'Parsing',
  stage_profile: 'Profiling',
  stage_cluster: 'Clustering',
  elapsed: '{seconds} s elapsed',
  overview: 'Overview',
  rows: 'Rows',
  columns: 'Columns',
  missingCells: 'Missing cells',
  format: 'Format',
  encoding: 'Encoding',
  delimiter: 'Delimiter',
  decimalSeparator: 'Decimal separator',
  sheet: 'Sheet',
  headerRow: 'Header row',
  engine: 'Engine',
  timings: 'Time per stage',
  columnName: 'Column',
  columnType: 'Type',
  nonMissing: 'Values',
  missing: 'Missing',
  distinct: 'Distinct',
  flags: 'Flags',
  warnings: 'Notices about the file',
  language: 'Language',
  errorTitle: 'This file could not be analysed',
  details: 'Details',
  dismiss: 'Dismiss',
  cpuNotice: 'WebAssembly is unavailable here: analysis runs on the slower CPU backend.',
  tab: 'tab',
  none: '—',
  clustering: 'Clustering (k-means)',
  clusterK: 'Clusters (k)',
  chosenBySilhouette: 'chosen by the best silhouette of k = 2…10',
  chosenByUser: 'chosen by you',
  silhouette: 'Silhouette',
  silhouetteSample: 'on {rows} sampled rows (seed {seed})',
  inertia: 'Inertia',
  rowsClustered: 'Rows clustered',
  rowsDropped: '{count} rows with missing values left out',
  clusterSize: 'Cluster {n}: {size} rows ({share})',
  candidatesCaption: 'Score of each k',
  features: 'Features',
  exports: 'Export',
  exportJson: 'Download the JSON report',
  exportCsv: 'Download the rows with their cluster (CSV)',
  alerts: 'Alerts',
  clusterProgress: 'k = {k}, restart {restart} of {restarts}, iteration {iteration}',
} as const;

export type MessageKey = keyof typeof en;
export type Language = 'en' | 'es';

const es: Record<MessageKey, string> = {
  appTitle: 'SmartData Analyzer',
  tagline: 'Suelta una tabla y descubre qué contiene. Tus datos nunca salen de este navegador.',
  dropHere: 'Suelta aquí un archivo CSV, TSV, XLSX o XLS',
  orChoose: 'o elige un archivo',
  chooseFile: 'Elegir un archivo',
  accepted: 'Se aceptan: .csv, .tsv, .txt, .xlsx, .xls — hasta {limit} MB',
  trySample: 'Probar con un ejemplo',
  sampleSpanish: 'Ventas en español (; y coma decimal)',
  cancel: 'Cancelar',
  stage_read: 'Leyendo',
  stage_parse: 'Interpretando',
  stage_profile: 'Perfilando',
  stage_cluster: 'Agrupando',
  elapsed: '{seconds} s transcurridos',
  overview: 'Resumen',
  rows: 'Filas',
  columns: 'Columnas',
  missingCells: 'Celdas vacías',
  format: 'Formato',
  encoding: 'Codificación',
  delimiter: 'Separador',
  decimalSeparator: 'Separador decimal',
  sheet: 'Hoja',
  headerRow: 'Fila de encabezado',
  engine: 'Motor',
  timings: 'Tiempo por etapa',
  columnName: 'Columna',
  columnType: 'Tipo',
  nonMissing: 'Valores',
  missing: 'Vacíos',
  distinct: 'Distintos',
  flags: 'Marcas',
  warnings: 'Avisos sobre el archivo',
  language: 'Idioma',
  errorTitle: 'No se pudo analizar este archivo',
  details: 'Detalles',
  dismiss: 'Cerrar',
  cpuNotice: 'WebAssembly no está disponible aquí: el análisis usa el motor de CPU, más lento.',
  tab: 'tabulador',
  none: '—',
  clustering: 'Agrupamiento (k-medias)',
  clusterK: 'Grupos (k)',
  chosenBySilhouette: 'elegido por la mejor silueta de k = 2…10',
  chosenByUser: 'elegido por ti',
  silhouette: 'Silueta',
  silhouetteSample: 'sobre {rows} filas de muestra (semilla {seed})',
  inertia: 'Inercia',
  rowsClustered: 'Filas agrupadas',
  rowsDropped: '{count} filas con valores vacíos quedaron fuera',
  clusterSize: 'Grupo {n}: {size} filas ({share})',
  candidatesCaption: 'Puntuación de cada k',
  features: 'Variables',
  exports: 'Exportar',
  exportJson: 'Descargar el informe JSON',
  exportCsv: 'Descargar las filas con su grupo (CSV)',
  alerts: 'Alertas',
  clusterProgress: 'k = {k}, reinicio {restart} de {restarts}, iteración {iteration}',
};

const CATALOGS: Record<Language, Record<MessageKey, string>> = { en, es };

/** Picks Spanish for any `es-*` browser language, English otherwise. */
export function detectLanguage(languages: readonly string[]): Language {
  return languages.some((l) => l.toLowerCase().startsWith('es')) ? 'es' : 'en';
}

/** Looks up a string and fills {placeholders}. */
export function translate(language: Language, key: MessageKey, values: Record<string, string | number> = {}): string {
  return CATALOGS[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/**
 * Formats a number for the language: 1,234.56 in English, 1.234,56 in Spanish. Grouping is forced
 * on, since Spanish CLDR data leaves four-digit numbers ungrouped (1234,56), which users misread.
 */
export function formatNumber(language: Language, value: number, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(language === 'es' ? 'es-ES' : 'en-US', {
    maximumFractionDigits,
    useGrouping: true,
  }).format(value);
}
