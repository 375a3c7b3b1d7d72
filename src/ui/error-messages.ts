/*
 * The single map from error codes to what the user reads: a message and a next step, in both
 * languages. The `Record<ErrorCode, …>` type makes a missing code a compile error.
 */
import type { ErrorCode } from '../core/errors.ts';
import type { Language } from './i18n.ts';

interface UserMessage {
  readonly message: string;
  readonly action: string;
}

const MESSAGES: Record<Language, Record<ErrorCode, UserMessage>> = {
  en: {
    EMPTY_FILE: { message: 'The file is empty.', action: 'Check that you picked the right file.' },
    FILE_NOT_FOUND: { message: 'There is no such file.', action: 'Check the path and the file name.' },
    WRITE_FAILED: {
      message: 'The output could not be written.',
      action: 'Check that the folder exists and can be written to.',
    },
    UNSUPPORTED_FORMAT: {
      message: 'This is not a file the analyser can read.',
      action: 'Use a CSV, TSV, XLSX or XLS file.',
    },
    CORRUPT_FILE: {
      message: 'The file looks damaged or truncated.',
      action: 'Save it again from its program and retry.',
    },
    FILE_TOO_LARGE: {
      message: 'The file is larger than the limit.',
      action: 'Split it or keep only the columns you need.',
    },
    TOO_MANY_ROWS: {
      message: 'The file has more rows than can be analysed here.',
      action: 'Analyse a sample of the rows.',
    },
    TOO_MANY_COLUMNS: {
      message: 'The file has more columns than can be analysed here.',
      action: 'Keep only the columns you need.',
    },
    FIELD_TOO_LONG: {
      message: 'A single cell is far too long (often a quote that is never closed).',
      action: 'Check the quotes near the row named in the details.',
    },
    UNSAFE_FILE: {
      message: 'The file was refused for safety: it would expand to far more data than it holds (a "zip bomb").',
      action: 'Open it in Excel, save it again, and retry.',
    },
    NO_NUMERIC_COLUMNS: { message: 'There are no numeric columns to cluster.', action: 'Pick numeric features.' },
    K_OUT_OF_RANGE: { message: 'The number of clusters does not fit the data.', action: 'Choose a smaller k.' },
    WASM_UNAVAILABLE: {
      message: 'WebAssembly is unavailable: the slower CPU engine is used.',
      action: 'Nothing to do; results are the same.',
    },
    WORKER_CRASHED: {
      message: 'The analysis stopped unexpectedly (the browser may have run out of memory).',
      action: 'Try again; close other tabs if it repeats.',
    },
    WORKER_TIMEOUT: {
      message: 'The analysis stopped responding and was stopped after more than a minute without progress.',
      action: 'Try again; if it repeats with this file, report it with the file’s shape (rows, columns, format).',
    },
    WORKER_BLOCKED: {
      message: 'This page cannot start its analysis worker here (a sandboxed frame without allow-same-origin).',
      action: 'Open the analyser in its own tab, or ask the site to embed it with allow-same-origin.',
    },
    UNKNOWN_TABLE: { message: 'This table is no longer loaded.', action: 'Open the file again.' },
    INVALID_OPTION: { message: 'An option does not fit this file.', action: 'Check the options and retry.' },
    CANCELLED: { message: 'The analysis was cancelled.', action: 'Start it again when ready.' },
    INTERNAL: { message: 'Something went wrong inside the analyser.', action: 'Try again; report it if it repeats.' },
  },
  es: {
    EMPTY_FILE: { message: 'El archivo está vacío.', action: 'Comprueba que elegiste el archivo correcto.' },
    FILE_NOT_FOUND: { message: 'No existe ese archivo.', action: 'Comprueba la ruta y el nombre del archivo.' },
    WRITE_FAILED: {
      message: 'No se pudo escribir el resultado.',
      action: 'Comprueba que la carpeta existe y se puede escribir en ella.',
    },
    UNSUPPORTED_FORMAT: {
      message: 'El analizador no puede leer este tipo de archivo.',
      action: 'Usa un archivo CSV, TSV, XLSX o XLS.',
    },
    CORRUPT_FILE: {
      message: 'El archivo parece dañado o incompleto.',
      action: 'Guárdalo de nuevo desde su programa y reinténtalo.',
    },
    FILE_TOO_LARGE: {
      message: 'El archivo supera el tamaño máximo.',
      action: 'Divídelo o conserva solo las columnas que necesites.',
    },
    TOO_MANY_ROWS: { message: 'El archivo tiene demasiadas filas.', action: 'Analiza una muestra de las filas.' },
    TOO_MANY_COLUMNS: {
      message: 'El archivo tiene demasiadas columnas.',
      action: 'Conserva solo las columnas que necesites.',
    },
    FIELD_TOO_LONG: {
      message: 'Una celda es demasiado larga (a menudo, una comilla que nunca se cierra).',
      action: 'Revisa las comillas cerca de la fila indicada en los detalles.',
    },
    UNSAFE_FILE: {
      message:
        'El archivo se rechazó por seguridad: se expandiría a muchos más datos de los que contiene («bomba zip»).',
      action: 'Ábrelo en Excel, guárdalo de nuevo y reinténtalo.',
    },
    NO_NUMERIC_COLUMNS: { message: 'No hay columnas numéricas para agrupar.', action: 'Elige variables numéricas.' },
    K_OUT_OF_RANGE: { message: 'El número de grupos no encaja con los datos.', action: 'Elige un k menor.' },
    WASM_UNAVAILABLE: {
      message: 'WebAssembly no está disponible: se usa el motor de CPU, más lento.',
      action: 'No hace falta hacer nada; los resultados son los mismos.',
    },
    WORKER_CRASHED: {
      message: 'El análisis se detuvo de forma inesperada (quizá el navegador se quedó sin memoria).',
      action: 'Reinténtalo; cierra otras pestañas si se repite.',
    },
    WORKER_TIMEOUT: {
      message: 'El análisis dejó de responder y se detuvo tras más de un minuto sin avanzar.',
      action: 'Reinténtalo; si se repite con este archivo, avísanos con su forma (filas, columnas, formato).',
    },
    WORKER_BLOCKED: {
      message: 'Esta página no puede iniciar aquí su proceso de análisis (un marco aislado sin allow-same-origin).',
      action: 'Abre el analizador en su propia pestaña o pide al sitio que lo inserte con allow-same-origin.',
    },
    UNKNOWN_TABLE: { message: 'Esta tabla ya no está cargada.', action: 'Abre el archivo de nuevo.' },
    INVALID_OPTION: { message: 'Una opción no encaja con este archivo.', action: 'Revisa las opciones y reinténtalo.' },
    CANCELLED: { message: 'Se canceló el análisis.', action: 'Vuelve a empezar cuando quieras.' },
    INTERNAL: { message: 'Algo falló dentro del analizador.', action: 'Reinténtalo; avísanos si se repite.' },
  },
};

/** The user-facing message and next step for an error code. */
export function messageFor(language: Language, code: ErrorCode): UserMessage {
  return MESSAGES[language][code];
}
