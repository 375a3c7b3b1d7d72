import type { Report } from '../core/report.ts';
import { formatNumber, type MessageKey } from './i18n.ts';
import { useTranslation } from './language-context.tsx';

function delimiterLabel(delimiter: string | null, tabLabel: string): string | null {
  return delimiter === '\t' ? tabLabel : delimiter;
}

function stageLabel(stage: string, t: (key: MessageKey) => string): string {
  const keys: Readonly<Record<string, MessageKey>> = {
    read: 'stage_read',
    parse: 'stage_parse',
    profile: 'stage_profile',
    cluster: 'stage_cluster',
  };
  const key = keys[stage];
  return key === undefined ? stage : t(key);
}

/** Overview facts, the column list and the notices for one report. All user data renders as text. */
export function ResultView({ report }: { readonly report: Report }) {
  const { t, language } = useTranslation();
  const n = (value: number): string => formatNumber(language, value);
  const facts: [string, string | null][] = [
    [t('format'), report.file.format.toUpperCase()],
    [t('encoding'), report.file.encoding],
    [t('delimiter'), delimiterLabel(report.file.delimiter, t('tab'))],
    [t('decimalSeparator'), report.file.decimalSeparator],
    [t('sheet'), report.file.sheet],
    [t('headerRow'), String(report.file.headerRow)],
    [t('engine'), report.engine?.backend ?? null],
  ];
  return (
    <section className="results" aria-labelledby="overview-heading" data-testid="results">
      <h2 id="overview-heading">
        {t('overview')}: <span data-testid="file-name">{report.file.name}</span>
      </h2>
      <dl className="stats">
        <div>
          <dt>{t('rows')}</dt>
          <dd data-testid="row-count">{n(report.rows)}</dd>
        </div>
        <div>
          <dt>{t('columns')}</dt>
          <dd data-testid="column-count">{n(report.columns.length)}</dd>
        </div>
        <div>
          <dt>{t('missingCells')}</dt>
          <dd>{n(report.missingCells)}</dd>
        </div>
        <div>
          <dt>{t('duplicateRows')}</dt>
          <dd>{n(report.duplicateRows)}</dd>
        </div>
        {facts.map(([label, value]) =>
          value === null ? null : (
            <div key={label}>
              <dt>{label}</dt>
              <dd data-testid={label === t('engine') ? 'engine' : undefined}>{value}</dd>
            </div>
          ),
        )}
      </dl>
      <p className="hint" data-testid="timings">
        {t('timings')}:{' '}
        {Object.entries(report.timings)
          .map(([stage, ms]) => `${stageLabel(stage, t)} ${formatNumber(language, ms / 1000, 2)} s`)
          .join(' · ')}
      </p>
      {report.warnings.length > 0 && (
        <>
          <h3>{t('warnings')}</h3>
          <ul className="warnings" data-testid="warnings">
            {report.warnings.map((w) => (
              <li key={w.code} title={w.detail}>
                {w.message}
              </li>
            ))}
          </ul>
        </>
      )}
      <table className="columns" data-testid="columns-table">
        <caption className="visually-hidden">{t('columns')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('columnName')}</th>
            <th scope="col">{t('columnType')}</th>
            <th scope="col">{t('nonMissing')}</th>
            <th scope="col">{t('missing')}</th>
            <th scope="col">{t('distinct')}</th>
            <th scope="col">{t('flags')}</th>
          </tr>
        </thead>
        <tbody>
          {report.columns.map((c) => (
            <tr key={c.name}>
              <th scope="row">{c.name}</th>
              <td>{c.type}</td>
              <td>{n(c.count)}</td>
              <td>{n(c.missing)}</td>
              <td>{n(c.distinct)}</td>
              <td>{c.flags.join(', ') || t('none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
