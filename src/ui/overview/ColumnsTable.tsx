import type { Report } from '../../core/report.ts';
import { formatNumber } from '../i18n.ts';
import { useTranslation } from '../language-context.tsx';

/** One row per column: name, type, values, missing, distinct and flags. */
export function ColumnsTable({ columns }: { readonly columns: Report['columns'] }) {
  const { t, language } = useTranslation();
  const n = (value: number): string => formatNumber(language, value);
  return (
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
        {columns.map((c) => (
          <tr key={c.name}>
            <th scope="row">{c.name}</th>
            <td>{t(`type_${c.type}`)}</td>
            <td>{n(c.count)}</td>
            <td>{n(c.missing)}</td>
            <td>{n(c.distinct)}</td>
            <td>{c.flags.join(', ') || t('none')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
