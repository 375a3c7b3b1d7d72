import type { ErrorData } from '../core/errors.ts';
import { messageFor } from './error-messages.ts';
import { useTranslation } from './language-context.tsx';

/** A general message and next step for the code, the error's own specific message in the page's language, and its details. */
export function ErrorPanel({
  error,
  fileName,
  onDismiss,
}: {
  readonly error: ErrorData;
  /** The file that failed: the results below, if any, are still those of the file before it. */
  readonly fileName?: string;
  readonly onDismiss: () => void;
}) {
  const { t, language } = useTranslation();
  const { message, action } = messageFor(language, error.code);
  return (
    <section className="error" role="alert" data-testid="error" data-code={error.code}>
      <h2>{fileName === undefined ? t('errorTitle') : t('errorTitleFile', { name: fileName })}</h2>
      <p>{message}</p>
      <p data-testid="error-detail">{language === 'es' ? (error.es ?? error.message) : error.message}</p>
      <p>{action}</p>
      {error.details !== undefined && (
        <details>
          <summary>{t('details')}</summary>
          <pre>{JSON.stringify(error.details, null, 2)}</pre>
        </details>
      )}
      <button type="button" onClick={onDismiss}>
        {t('dismiss')}
      </button>
    </section>
  );
}
