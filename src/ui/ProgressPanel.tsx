import { useEffect, useState } from 'react';
import type { ProgressEvent, Stage } from '../core/progress.ts';
import { useTranslation } from './language-context.tsx';

interface Props {
  readonly fileName: string;
  readonly stage: Stage;
  readonly fraction: number;
  readonly startedAt: number;
  readonly detail?: ProgressEvent['detail'];
  readonly onCancel: () => void;
}

/** Stage, percentage, elapsed time and Cancel for the running job. */
export function ProgressPanel({ fileName, stage, fraction, startedAt, detail, onCancel }: Props) {
  const { t, language } = useTranslation();
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(timer);
  }, []);
  const percent = Math.round(fraction * 100);
  const seconds = Math.max(0, (now - startedAt) / 1000).toLocaleString(language, { maximumFractionDigits: 1 });
  return (
    <section className="progress" aria-label={t(`stage_${stage}`)} data-testid="progress">
      {/* Only the stage is announced: the percentage and the clock change too often for a screen reader. */}
      <p className="visually-hidden" aria-live="polite">
        {t(`stage_${stage}`)} {fileName}
      </p>
      <p aria-hidden="true">
        <strong>{t(`stage_${stage}`)}</strong> {fileName} — {percent}%
      </p>
      <progress max={100} value={percent} aria-label={t(`stage_${stage}`)} />
      <p className="hint">
        {t('elapsed', { seconds })}
        {detail !== undefined && ` — ${t('clusterProgress', detail)}`}
      </p>
      <button type="button" onClick={onCancel} data-testid="cancel-button">
        {t('cancel')}
      </button>
    </section>
  );
}
