import type { Report } from '../../core/report.ts';
import type { MemoryInfo } from '../../../workers/api.ts';
import { formatNumber } from '../i18n.ts';
import { useTranslation } from '../language-context.tsx';
import { ColumnsTable } from './ColumnsTable.tsx';
import { warningText } from '../warning-messages.ts';
import { MemoryUsed, StageTimings, TypeMix } from './OverviewFacts.tsx';

/** Rows, columns, missing cells, duplicates and the detected file facts, as one definition list. */
function OverviewStats({ report }: { readonly report: Report }) {
  const { t, language } = useTranslation();
  const n = (value: number): string => formatNumber(language, value);
  const { file } = report;
  const facts: [string, string | null, string?][] = [
    [t('rows'), n(report.rows), 'row-count'],
    [t('columns'), n(report.columns.length), 'column-count'],
    [t('missingCells'), n(report.missingCells), 'missing-cells'],
    [t('duplicateRows'), n(report.duplicateRows)],
    [t('format'), file.format.toUpperCase()],
    [t('encoding'), file.encoding],
    [t('delimiter'), file.delimiter === '\t' ? t('tab') : file.delimiter],
    [t('decimalSeparator'), file.decimalSeparator],
    [t('sheet'), file.sheet],
    [t('headerRow'), String(file.headerRow)],
    [t('engine'), report.engine?.backend ?? null, 'engine'],
  ];
  return (
    <dl className="stats">
      {facts.map(([label, value, testId]) =>
        value === null ? null : (
          <div key={label}>
            <dt>{label}</dt>
            <dd data-testid={testId}>{value}</dd>
          </div>
        ),
      )}
    </dl>
  );
}

/** Overview of one report: facts, type mix, time and memory, file notices, the column list. User data renders as text. */
export function ResultView({ report, memory }: { readonly report: Report; readonly memory: MemoryInfo | null }) {
  const { t, language } = useTranslation();
  return (
    <section className="results" aria-labelledby="overview-heading" data-testid="results">
      <h2 id="overview-heading">
        {t('overview')}: <span data-testid="file-name">{report.file.name}</span>
      </h2>
      <OverviewStats report={report} />
      <TypeMix columns={report.columns} />
      <StageTimings timings={report.timings} engine={report.engine} />
      <MemoryUsed memory={memory} />
      {report.warnings.length > 0 && (
        <>
          <h3>{t('warnings')}</h3>
          <ul className="warnings" data-testid="warnings">
            {report.warnings.map((w) => (
              <li key={w.code} title={w.detail}>
                {warningText(language, w)}
              </li>
            ))}
          </ul>
        </>
      )}
      <ColumnsTable columns={report.columns} />
    </section>
  );
}
