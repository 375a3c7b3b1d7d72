import { useState } from 'react';
import type { Bridge } from '../embed/bridge.ts';
import type { Report } from '../core/report.ts';
import { useTranslation } from './language-context.tsx';

interface Props {
  readonly isBusy: boolean;
  readonly isOfflineReady: boolean;
  readonly activateUpdate: (() => void) | null;
  readonly bridge: Bridge | null;
  readonly report: Report | null;
}

/**
 * Small status lines: offline readiness (once), an update offered only while no analysis runs
 * (activating it reloads the page), and, when embedded, the consent button that sends the user's
 * own results to the host page once their analysis has ended (never a half-done report).
 */
export function AppNotices({ isBusy, isOfflineReady, activateUpdate, bridge, report }: Props) {
  const { t } = useTranslation();
  const [isOfflineDismissed, setIsOfflineDismissed] = useState(false);
  const [sharedReport, setSharedReport] = useState<Report | null>(null);
  return (
    <>
      {isOfflineReady && !isOfflineDismissed && (
        <p className="notice" role="status" data-testid="offline-ready">
          {t('offlineReady')}{' '}
          <button type="button" onClick={() => setIsOfflineDismissed(true)}>
            {t('dismissNotice')}
          </button>
        </p>
      )}
      {activateUpdate !== null && !isBusy && (
        <p className="notice" role="status" data-testid="update-available">
          {t('updateAvailable')}{' '}
          <button type="button" onClick={activateUpdate}>
            {t('reloadNow')}
          </button>
        </p>
      )}
      {bridge?.shareTarget() !== undefined && report !== null && !isBusy && (
        <p className="notice" data-testid="share-with-host">
          {sharedReport === report ? (
            t('sharedWithHost')
          ) : (
            <button
              type="button"
              onClick={() => {
                if (bridge.share(`user-${Date.now()}`, report)) setSharedReport(report);
              }}
            >
              {t('shareWithHost')}
            </button>
          )}
        </p>
      )}
    </>
  );
}
