/*
 * Which columns the clustering form offers and what it starts from: numeric columns as features,
 * categories with 2 to 10 levels as one-hot features (the limits preprocess.ts enforces).
 */
import type { ClusterOptions } from '../../core/cluster/cluster.ts';
import { ONE_HOT_MAX_LEVELS } from '../../core/cluster/preprocess.ts';
import type { ClusteringReport, Report } from '../../core/report.ts';

export interface ClusterChoice {
  readonly k: number | 'auto';
  readonly features: readonly string[];
  readonly oneHot: readonly string[];
  readonly missing: 'drop' | 'median';
}

export interface EligibleColumns {
  readonly numeric: readonly string[];
  readonly categorical: readonly string[];
  /** What automatic clustering uses: the numeric columns that are not identifiers or constant. */
  readonly defaults: readonly string[];
}

export function eligibleColumns(columns: Report['columns']): EligibleColumns {
  return {
    numeric: columns
      .filter((c) => (c.type === 'integer' || c.type === 'numeric') && !c.flags.includes('empty'))
      .map((c) => c.name),
    categorical: columns
      .filter(
        (c) =>
          (c.type === 'categorical' || c.type === 'boolean') && c.distinct >= 2 && c.distinct <= ONE_HOT_MAX_LEVELS,
      )
      .map((c) => c.name),
    defaults: columns
      .filter(
        (c) =>
          (c.type === 'integer' || c.type === 'numeric') &&
          !c.flags.some((f) => f === 'id' || f === 'constant' || f === 'empty'),
      )
      .map((c) => c.name),
  };
}

/** The form's starting point: the last explicit choices, else what ran, else what automatic clustering would use. */
export function initialChoice(
  eligible: EligibleColumns,
  clustering: ClusteringReport | null,
  last: ClusterOptions | false | undefined,
): ClusterChoice {
  const options = last === false || last === undefined ? {} : last;
  const ran = clustering?.features ?? eligible.defaults;
  return {
    k: options.k ?? (clustering?.kChosenBy === 'user' ? (clustering.k ?? 'auto') : 'auto'),
    features: options.features ?? eligible.numeric.filter((name) => ran.includes(name)),
    oneHot: options.oneHot ?? [],
    missing: options.missing ?? clustering?.missing ?? 'drop',
  };
}

/** The options the worker receives. */
export function toClusterOptions(choice: ClusterChoice): ClusterOptions {
  return { k: choice.k, features: choice.features, oneHot: choice.oneHot, missing: choice.missing };
}

export function toggled(list: readonly string[], name: string, on: boolean): string[] {
  return on ? [...list.filter((n) => n !== name), name] : list.filter((n) => n !== name);
}
