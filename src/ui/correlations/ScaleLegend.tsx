import { formatNumber } from '../i18n.ts';
import { useTranslation } from '../language-context.tsx';
import { cellColours } from './color-scale.ts';

/** The colour scale in words and swatches; Cramér's V has no negative half. */
export function ScaleLegend({ isSigned }: { readonly isSigned: boolean }) {
  const { t, language } = useTranslation();
  const stops: [number, string][] = [
    ...(isSigned ? [[-1, t('scaleNegative')] as [number, string]] : []),
    [0, t('scaleNone')],
    [1, t('scalePositive')],
  ];
  return (
    <p className="legend">
      <span>{t('scaleLegend')}:</span>
      {stops.map(([value, label]) => (
        <span key={value} className="legend__stop">
          <span className="legend__swatch" style={{ background: cellColours(value).background }} aria-hidden="true" />
          {formatNumber(language, value)} {label}
        </span>
      ))}
    </p>
  );
}
