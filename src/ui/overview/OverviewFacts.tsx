import { COLUMN_TYPES } from '../../core/profile/infer-type.ts';
import type { Report } from '../../core/report.ts';
import type { MemoryInfo } from '../../../workers/api.ts';
import { formatNumber, type Language, type MessageKey } from '../i18n.ts';
import { useTranslation } from '../language-context.tsx';

const STAGES: Readonly<Record<string, MessageKey>> = {
  read: 'stage_read',
  parse: 'stage_parse',
  profile: 'stage_profile',
  cluster: 'stage_cluster',
};

/** Bytes in decimal units (kB = 10^3, MB = 10^6) with one decimal, in the language's format. */
export function formatBytes(language: Language, bytes: number): string {
  if (bytes < 1e3) return `${formatNumber(language, bytes, 0)} B`;
  if (bytes < 1e6) return `${formatNumber(language, bytes / 1e3, 1)} kB`;
  return `${formatNumber(language, bytes / 1e6, 1)} MB`;
}

/** "3 Integer · 2 Categorical …": how many columns of each type, in the fixed type order. */
export function TypeMix({ columns }: { readonly columns: Report['columns'] }) {
  const { t, language } = useTranslation();
  const parts = COLUMN_TYPES.map((type) => [type, columns.filter((c) => c.type === type).length] as const)
    .filter(([, count]) => count > 0)
    .map(([type, count]) => `${formatNumber(language, count)} ${t(`type_${type}`)}`);
  return (
    <p data-testid="type-mix">
      {t('typeMix')}: {parts.join(' · ') || t('none')}
    </p>
  );
}

/** Seconds per stage, in the pipeline's order. */
export function StageTimings({
  timings,
  engine,
}: {
  readonly timings: Report['timings'];
  readonly engine: Report['engine'];
}) {
  const { t, language } = useTranslation();
  const label = (stage: string): string => (STAGES[stage] === undefined ? stage : t(STAGES[stage]));
  // Said beside a stage's time when a large table's stage ran on more than one thread.
  const threadsOf: Readonly<Record<string, number | undefined>> = {
    parse: engine?.parseThreads,
    profile: engine?.profileThreads,
    cluster: engine?.clusterThreads,
  };
  const threads = (stage: string): string => {
    const count = threadsOf[stage] ?? 1;
    return count > 1 ? ` (${t('threads', { count: String(count) })})` : '';
  };
  return (
    <p className="hint" data-testid="timings">
      {t('timings')}:{' '}
      {Object.entries(timings)
        .map(([stage, ms]) => `${label(stage)} ${formatNumber(language, ms / 1000, 2)} s${threads(stage)}`)
        .join(' · ')}
    </p>
  );
}

/** What the worker holds for this file: its columns, TF.js tensors left alive, and the worker's heap. */
export function MemoryUsed({ memory }: { readonly memory: MemoryInfo | null }) {
  const { t, language } = useTranslation();
  if (memory === null) return null;
  const parts = [
    t('memoryTable', { size: formatBytes(language, memory.tableBytes) }),
    ...(memory.tensors === null
      ? []
      : [
          t('memoryTensors', {
            count: formatNumber(language, memory.tensors),
            size: formatBytes(language, memory.tensorBytes ?? 0),
          }),
        ]),
    ...(memory.heapBytes === null ? [] : [t('memoryHeap', { size: formatBytes(language, memory.heapBytes) })]),
  ];
  return (
    <p className="hint" data-testid="memory-used">
      {t('memoryUsed')}: {parts.join(' · ')}
    </p>
  );
}
