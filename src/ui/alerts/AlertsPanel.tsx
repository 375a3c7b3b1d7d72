import type { Alert } from '../../core/profile/alerts.ts';
import { formatNumber } from '../i18n.ts';
import { useTranslation } from '../language-context.tsx';
import { AlertItem } from './AlertItem.tsx';

interface Props {
  readonly alerts: readonly Alert[];
  readonly onShowColumn: (columnName: string) => void;
}

/** Every alert of the report, most severe first (the report's order), in the UI language. */
export function AlertsPanel({ alerts, onShowColumn }: Props) {
  const { t, language } = useTranslation();
  return (
    <section aria-labelledby="alerts-heading" data-testid="alerts-panel">
      <h2 id="alerts-heading">{t('alerts')}</h2>
      <p className="hint">
        {alerts.length === 0 ? t('noAlerts') : t('alertsCount', { count: formatNumber(language, alerts.length) })}
      </p>
      <ul className="alerts">
        {alerts.map((alert, i) => (
          <AlertItem key={`${alert.code}-${i}`} alert={alert} onShowColumn={onShowColumn} />
        ))}
      </ul>
    </section>
  );
}
