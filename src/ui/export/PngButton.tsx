import { useState, type RefObject } from 'react';
import { useTranslation } from '../language-context.tsx';
import { chartPicture } from './chart-png.ts';
import { safeFileName, saveBlob } from './save-blob.ts';

/**
 * Downloads the chart inside `target` as a PNG named after `name` (a file name); `label` (in the
 * page's language) says which chart to a screen reader. Says so when it cannot.
 */
export function PngButton({
  target,
  name,
  label,
}: {
  readonly target: RefObject<HTMLElement | null>;
  readonly name: string;
  readonly label: string;
}) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  return (
    <span className="png-button no-print">
      <button
        type="button"
        data-testid="png-button"
        aria-label={`${t('savePng')}: ${label}`}
        onClick={() => {
          const element = target.current;
          if (element === null) return;
          chartPicture(element).then(
            (blob) => {
              setFailed(false);
              saveBlob(blob, `${safeFileName(name)}.png`);
            },
            () => setFailed(true),
          );
        }}
      >
        {t('savePng')}
      </button>
      {failed && <span role="alert">{t('pngFailed')}</span>}
    </span>
  );
}
