import type { Severity } from '../../core/profile/alert-rules.ts';
import { useTranslation } from '../language-context.tsx';

/**
 * Severity as text plus a colour from the Okabe–Ito palette (vermillion, orange, blue), which stays
 * distinguishable with the common colour-vision deficiencies; the text alone carries the meaning.
 */
export function SeverityBadge({ severity }: { readonly severity: Severity }) {
  const { t } = useTranslation();
  return (
    <span className={`severity severity--${severity}`} data-severity={severity}>
      {t(`severity_${severity}`)}
    </span>
  );
}
