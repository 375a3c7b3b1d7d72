/*
 * Every alert threshold, in one place. Changing one changes the rule text the report shows too.
 */
export const ALERT_THRESHOLDS = {
  /** Missing share above which a column is flagged (critical above `missingCritical`). */
  missingShare: 0.01,
  missingCritical: 0.5,
  /** Categorical columns with more distinct values than this have high cardinality. */
  highCardinality: 50,
  /** |Pearson r| at or above this makes a pair "highly correlated". */
  highCorrelation: 0.9,
  /** |skewness| above this is a skewed distribution. */
  skewness: 2,
  /** The most frequent level holding at least this share makes a column imbalanced. */
  imbalanceTopShare: 0.9,
  /** Zeros above this share of values. */
  zerosShare: 0.5,
  /** Tukey outliers above this share of values. */
  outlierShare: 0.01,
} as const;

/** Numbers that data-entry systems use for "unknown". */
export const SENTINEL_NUMBERS: readonly number[] = [-999, -9999, -99999, 999, 9999, 99999, 999999];
/** Dates that stand for "unknown" (epoch-zero and spreadsheet-zero dates). */
export const SENTINEL_DATES: readonly string[] = ['1900-01-01', '1899-12-30', '1970-01-01'];

export type AlertCode =
  | 'MISSING_VALUES'
  | 'EMPTY_COLUMN'
  | 'CONSTANT_COLUMN'
  | 'ID_COLUMN'
  | 'HIGH_CARDINALITY'
  | 'HIGH_CORRELATION'
  | 'SKEWED'
  | 'IMBALANCED'
  | 'MANY_ZEROS'
  | 'DUPLICATE_ROWS'
  | 'NUMBERS_AS_TEXT'
  | 'OTHER_DECIMAL_SIGN'
  | 'MIXED_TYPES'
  | 'SURROUNDING_SPACES'
  | 'CASE_VARIANTS'
  | 'SENTINEL_VALUES'
  | 'OUTLIERS'
  | 'AMBIGUOUS_DATES'
  | 'UNREADABLE_VALUES';

export type Severity = 'info' | 'warning' | 'critical';
export type Evidence = Readonly<Record<string, number | string>>;

interface Texts {
  readonly rule: string;
  readonly message: string;
  readonly action: string;
}

const pct = (share: number | string | undefined): string => `${(Number(share) * 100).toFixed(1)}%`;

/* Spanish numbers: decimal comma and grouped thousands (1.234,5), never an English "1.5" a reader takes for 15. */
const spanish = (digits?: number): Intl.NumberFormat =>
  new Intl.NumberFormat('es-ES', {
    useGrouping: true,
    ...(digits === undefined
      ? { maximumFractionDigits: 6 }
      : { minimumFractionDigits: digits, maximumFractionDigits: digits }),
  });
const esNum = (value: number | string | undefined): string =>
  typeof value === 'number' ? spanish().format(value) : String(value);
const esFixed = (value: number | string | undefined, digits: number): string => spanish(digits).format(Number(value));
const esPct = (share: number | string | undefined): string => `${esFixed(Number(share) * 100, 1)}%`;
const t = ALERT_THRESHOLDS;
/* Column types as the Spanish texts name them. */
const TYPE_NAMES_ES: Readonly<Record<string, string>> = {
  integer: 'entero',
  numeric: 'numérico',
  categorical: 'categórico',
  boolean: 'booleano',
  datetime: 'fecha',
  text: 'texto',
};

/** English and Spanish texts of each alert, filled from its evidence. */
export const ALERT_TEXTS: Record<AlertCode, (e: Evidence) => { en: Texts; es: Texts }> = {
  MISSING_VALUES: (e) => ({
    en: {
      rule: `missing share > ${pct(t.missingShare)}`,
      message: `${e.missing} missing values (${pct(e.share)}).`,
      action: 'Check why values are missing; impute or drop them before modelling.',
    },
    es: {
      rule: `proporción de vacíos > ${esPct(t.missingShare)}`,
      message: `${esNum(e.missing)} valores vacíos (${esPct(e.share)}).`,
      action: 'Averigua por qué faltan; imputa o descarta esos valores antes de modelar.',
    },
  }),
  EMPTY_COLUMN: () => ({
    en: { rule: 'no value at all', message: 'The column is empty.', action: 'Drop it.' },
    es: { rule: 'ningún valor', message: 'La columna está vacía.', action: 'Elimínala.' },
  }),
  CONSTANT_COLUMN: (e) => ({
    en: {
      rule: 'one distinct value',
      message: `Every value is "${e.value}".`,
      action: 'It carries no information: drop it.',
    },
    es: {
      rule: 'un único valor distinto',
      message: `Todos los valores son «${esNum(e.value)}».`,
      action: 'No aporta información: elimínala.',
    },
  }),
  ID_COLUMN: () => ({
    en: {
      rule: 'all values unique, none missing',
      message: 'Looks like an identifier.',
      action: 'Use it as a key, not as a feature.',
    },
    es: {
      rule: 'todos los valores únicos, ninguno vacío',
      message: 'Parece un identificador.',
      action: 'Úsala como clave, no como variable.',
    },
  }),
  HIGH_CARDINALITY: (e) => ({
    en: {
      rule: `categorical with > ${t.highCardinality} distinct values`,
      message: `${e.distinct} distinct categories.`,
      action: 'Group rare levels or treat the column as text.',
    },
    es: {
      rule: `categórica con > ${esNum(t.highCardinality)} valores distintos`,
      message: `${esNum(e.distinct)} categorías distintas.`,
      action: 'Agrupa los niveles raros o trátala como texto.',
    },
  }),
  HIGH_CORRELATION: (e) => ({
    en: {
      rule: `|Pearson r| ≥ ${t.highCorrelation}`,
      message: `"${e.other}" is highly correlated (r = ${Number(e.r).toFixed(3)}).`,
      action: 'Keep one of the pair for modelling.',
    },
    es: {
      rule: `|r de Pearson| ≥ ${esNum(t.highCorrelation)}`,
      message: `Muy correlacionada con «${e.other}» (r = ${esFixed(e.r, 3)}).`,
      action: 'Conserva solo una de las dos para modelar.',
    },
  }),
  SKEWED: (e) => ({
    en: {
      rule: `|skewness| > ${t.skewness}`,
      message: `Skewed distribution (skewness ${Number(e.skewness).toFixed(2)}).`,
      action: 'Consider a log or rank transform.',
    },
    es: {
      rule: `|asimetría| > ${esNum(t.skewness)}`,
      message: `Distribución asimétrica (asimetría ${esFixed(e.skewness, 2)}).`,
      action: 'Considera una transformación logarítmica o por rangos.',
    },
  }),
  IMBALANCED: (e) => ({
    en: {
      rule: `top level ≥ ${pct(t.imbalanceTopShare)} of values`,
      message: `"${e.value}" holds ${pct(e.share)} of the values.`,
      action: 'Beware of the imbalance when comparing groups or training models.',
    },
    es: {
      rule: `nivel principal ≥ ${esPct(t.imbalanceTopShare)} de los valores`,
      message: `«${e.value}» acumula el ${esPct(e.share)} de los valores.`,
      action: 'Ten en cuenta el desequilibrio al comparar grupos o entrenar modelos.',
    },
  }),
  MANY_ZEROS: (e) => ({
    en: {
      rule: `zeros > ${pct(t.zerosShare)}`,
      message: `${e.zeros} zeros (${pct(e.share)}).`,
      action: 'Check whether zero means "none" or "unknown".',
    },
    es: {
      rule: `ceros > ${esPct(t.zerosShare)}`,
      message: `${esNum(e.zeros)} ceros (${esPct(e.share)}).`,
      action: 'Comprueba si cero significa «nada» o «desconocido».',
    },
  }),
  DUPLICATE_ROWS: (e) => ({
    en: {
      rule: 'rows equal to an earlier row',
      message: `${e.rows} duplicate rows.`,
      action: 'Remove them if each row should be unique.',
    },
    es: {
      rule: 'filas iguales a una fila anterior',
      message: `${esNum(e.rows)} filas duplicadas.`,
      action: 'Elimínalas si cada fila debería ser única.',
    },
  }),
  NUMBERS_AS_TEXT: (e) => ({
    en: {
      rule: '≥ 90% of the text values are numbers',
      message: `${e.numeric} of ${e.count} values are numbers stored as text.`,
      action: 'Switch the type to numeric, or fix the non-numeric values.',
    },
    es: {
      rule: '≥ 90% de los textos son números',
      message: `${esNum(e.numeric)} de ${esNum(e.count)} valores son números guardados como texto.`,
      action: 'Cambia el tipo a numérico o corrige los valores no numéricos.',
    },
  }),
  OTHER_DECIMAL_SIGN: (e) => ({
    en: {
      rule: '≥ 90% of the values are numbers only with the other decimal sign',
      message: `${pct(e.share)} of the values are numbers written with "${e.decimal}" as the decimal sign, unlike the rest of the file.`,
      action: 'Switch the type to numeric: they are then read with their own decimal sign.',
    },
    es: {
      rule: '≥ 90% de los valores son números solo con el otro signo decimal',
      message: `El ${esPct(e.share)} de los valores son números escritos con «${e.decimal}» como signo decimal, a diferencia del resto del archivo.`,
      action: 'Cambia el tipo a numérico: se leerán con su propio signo decimal.',
    },
  }),
  MIXED_TYPES: (e) => ({
    en: {
      rule: 'numbers mixed with text',
      message: `${e.numeric} of ${e.count} values are numbers, the rest text.`,
      action: 'Separate the two kinds of value.',
    },
    es: {
      rule: 'números mezclados con texto',
      message: `${esNum(e.numeric)} de ${esNum(e.count)} valores son números y el resto texto.`,
      action: 'Separa los dos tipos de valor.',
    },
  }),
  SURROUNDING_SPACES: (e) => ({
    en: {
      rule: 'values with leading or trailing spaces',
      message: `${e.cells} values start or end with spaces.`,
      action: 'Trim them: "a" and "a " count as different values.',
    },
    es: {
      rule: 'valores con espacios al principio o al final',
      message: `${esNum(e.cells)} valores empiezan o terminan con espacios.`,
      action: 'Recórtalos: «a» y «a » cuentan como valores distintos.',
    },
  }),
  CASE_VARIANTS: (e) => ({
    en: {
      rule: 'categories equal but for case or accents',
      message: `${e.groups} groups of variants, e.g. ${e.example}.`,
      action: 'Normalise spelling so each category is written one way.',
    },
    es: {
      rule: 'categorías iguales salvo mayúsculas o acentos',
      message: `${esNum(e.groups)} grupos de variantes, p. ej. ${e.example}.`,
      action: 'Unifica la escritura para que cada categoría se escriba de una sola forma.',
    },
  }),
  SENTINEL_VALUES: (e) => ({
    en: {
      rule: `placeholder values (${SENTINEL_NUMBERS.join(', ')}; ${SENTINEL_DATES.join(', ')})`,
      message: `${e.cells} cells hold ${e.value}, a typical "unknown" placeholder.`,
      action: 'Treat them as missing if they mean "unknown".',
    },
    es: {
      rule: `valores comodín (${SENTINEL_NUMBERS.join(', ')}; ${SENTINEL_DATES.join(', ')})`,
      message: `${esNum(e.cells)} celdas contienen ${esNum(e.value)}, un comodín típico de «desconocido».`,
      action: 'Trátalas como vacías si significan «desconocido».',
    },
  }),
  OUTLIERS: (e) => ({
    en: {
      rule: `Tukey outliers > ${pct(t.outlierShare)}`,
      message: `${e.count} values outside [${e.low}, ${e.high}] (Tukey 1.5×IQR).`,
      action: 'Check them for errors before using means or k-means.',
    },
    es: {
      rule: `atípicos de Tukey > ${esPct(t.outlierShare)}`,
      message: `${esNum(e.count)} valores fuera de [${esNum(e.low)}, ${esNum(e.high)}] (Tukey 1,5×RIC).`,
      action: 'Revísalos antes de usar medias o k-means.',
    },
  }),
  AMBIGUOUS_DATES: () => ({
    en: {
      rule: 'no day or month above 12',
      message: 'Dates could be day-first or month-first; read as day-first.',
      action: 'Confirm the order; switch it if the dates are American.',
    },
    es: {
      rule: 'ningún día ni mes mayor que 12',
      message: 'Las fechas podrían ser día/mes o mes/día; se leyeron como día/mes.',
      action: 'Confirma el orden; cámbialo si las fechas son estadounidenses.',
    },
  }),
  UNREADABLE_VALUES: (e) => ({
    en: {
      rule: 'values that do not fit the chosen type',
      message: `${e.cells} values could not be read as ${e.type} and count as missing.`,
      action: 'Choose another type or fix those values.',
    },
    es: {
      rule: 'valores que no encajan en el tipo elegido',
      message: `${esNum(e.cells)} valores no se pudieron leer como ${TYPE_NAMES_ES[String(e.type)] ?? e.type} y cuentan como vacíos.`,
      action: 'Elige otro tipo o corrige esos valores.',
    },
  }),
};
