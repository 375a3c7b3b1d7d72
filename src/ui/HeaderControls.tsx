import { useEffect, useState } from 'react';
import type { Language } from './i18n.ts';
import { useTranslation } from './language-context.tsx';
import { applyTheme, initialTheme, rememberLanguage, type Theme } from './preferences.ts';

/** Language and theme switches, both labelled; choices are remembered as preferences only. */
export function HeaderControls({ onLanguage }: { readonly onLanguage: (language: Language) => void }) {
  const { t, language } = useTranslation();
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => applyTheme(theme, false), [theme]);
  return (
    <div className="header-controls">
      <label>
        {t('language')}{' '}
        <select
          value={language}
          data-testid="language-select"
          onChange={(event) => {
            const next = event.target.value === 'es' ? 'es' : 'en';
            onLanguage(next);
            rememberLanguage(next);
          }}
        >
          <option value="en">English</option>
          <option value="es">Español</option>
        </select>
      </label>
      <label>
        {t('theme')}{' '}
        <select
          value={theme}
          data-testid="theme-select"
          onChange={(event) => {
            const next =
              event.target.value === 'light' || event.target.value === 'dark' ? event.target.value : 'system';
            setTheme(next);
            applyTheme(next, true);
          }}
        >
          <option value="system">{t('themeSystem')}</option>
          <option value="light">{t('themeLight')}</option>
          <option value="dark">{t('themeDark')}</option>
        </select>
      </label>
    </div>
  );
}
