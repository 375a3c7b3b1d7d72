/*
 * Notices in the page's language. The report's own `message` is English (the CLI prints it, and it
 * carries the details); in Spanish the page words each code from the notice's count and examples.
 */
import type { Warning, WarningCode } from '../core/warnings.ts';
import { messageFor } from './error-messages.ts';
import { formatNumber, type Language } from './i18n.ts';

type Spanish = (count: string, example: string, warning: Warning) => string;

const SPANISH: Record<WarningCode, Spanish> = {
  EXTENSION_MISMATCH: () => 'La extensión del archivo no corresponde a su contenido: se leyó según su contenido.',
  ENCODING_FALLBACK: () => 'El archivo no es UTF-8 válido: se leyó como Windows-1252 (Europa occidental).',
  INVALID_UTF8: (count, _example, warning) =>
    warning.count !== undefined
      ? `El archivo es UTF-8 salvo ${count} byte(s) sueltos (un carácter de otra codificación, pegado): se muestran como «\uFFFD». Si la mayoría de los acentos se ven mal, vuelve a leerlo como Windows-1252.`
      : 'El archivo se lee como UTF-8 (lo dice su marca de orden de bytes o la codificación elegida), pero no es UTF-8 válido: los bytes que no lo son se muestran como «\uFFFD». Si los acentos se ven mal, vuelve a leerlo como Windows-1252.',
  RAGGED_ROWS_PADDED: (count) => `${count} fila(s) tenían menos campos: se completaron con celdas vacías.`,
  RAGGED_ROWS_CUT: (count) => `Se recortaron ${count} campo(s) de más, fuera del ancho de la cabecera.`,
  HEADER_RENAMED: (count) => `${count} nombre(s) de columna estaban vacíos o repetidos y se hicieron únicos.`,
  BLANK_LINES_SKIPPED: (count) => `Se omitieron ${count} línea(s) en blanco.`,
  ROWS_BEFORE_HEADER_SKIPPED: (count) => `Se omitieron ${count} fila(s) por encima de la cabecera.`,
  UNCLOSED_QUOTE: () => 'Un campo entre comillas no se cierra: el resto del archivo se leyó dentro de él.',
  MALFORMED_QUOTES: (count) => `${count} campo(s) tienen comillas sueltas.`,
  MERGED_CELLS: (count) =>
    `La hoja tiene ${count} rango(s) de celdas combinadas: solo su celda superior izquierda tiene valor.`,
  EXCEL_ERROR_CELLS: (count) => `${count} celda(s) contienen errores de Excel (#DIV/0!, #REF!…) y cuentan como vacías.`,
  FORMULAS_NOT_COMPUTED: (count) =>
    `${count} celda(s) con fórmula se guardaron sin su resultado y cuentan como vacías: abre y guarda el archivo en Excel o LibreOffice para calcularlas.`,
  NUL_REMOVED: (count) =>
    `Se quitaron ${count} carácter(es) nulo(s) (NUL), restos de una exportación defectuosa: con ellos, «2» se leía como texto.`,
  SHEET_IGNORED: () => 'Se pidió una hoja, pero este archivo de texto no tiene hojas: se leyó entero.',
  WASM_UNAVAILABLE: () => 'WebAssembly no está disponible: los cálculos se hacen en la CPU, más despacio.',
  CLUSTERING_SKIPPED: (_count, _example, { cause }) =>
    `No se hizo el clustering. ${cause?.es ?? (cause === undefined ? '' : messageFor('es', cause.code).message)}`.trim(),
  AMBIGUOUS_NUMBERS: (_count, example) =>
    `Números como «${example}» se pueden leer de dos maneras: comprueba el separador decimal en las opciones de lectura y vuelve a leer el archivo si hace falta.`,
};

/** The notice as the page shows it in `language`. */
export function warningText(language: Language, warning: Warning): string {
  if (language === 'en') return warning.message;
  const count = formatNumber(language, warning.count ?? 0);
  return SPANISH[warning.code](count, String(warning.examples?.[0] ?? ''), warning);
}
