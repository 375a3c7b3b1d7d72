import { useCallback, useEffect, useState } from 'react';
import { isEmbedded } from '../embed/embed-mode.ts';
import { consumeLaunchQueue } from '../pwa/launch-queue.ts';
import { AppNotices } from './AppNotices.tsx';
import { DropZone } from './DropZone.tsx';
import { ExportBar } from './ExportBar.tsx';
import { ErrorPanel } from './ErrorPanel.tsx';
import type { Language } from './i18n.ts';
import { translate } from './i18n.ts';
import { LanguageContext } from './language-context.tsx';
import { initialLanguage, rememberLanguage } from './preferences.ts';
import { ProgressPanel } from './ProgressPanel.tsx';
import { ResultsTabs } from './tabs/ResultsTabs.tsx';
import { useAnalysis } from './use-analysis.ts';
import { useEmbed } from './use-embed.ts';
import { useServiceWorker } from './use-service-worker.ts';

const SAMPLE = { path: 'samples/ventas-es.csv', name: 'ventas-es.csv' };

export function App() {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const { job, result, analyzeFile, changeType, cancel, exportCsv } = useAnalysis();
  const [panels, setPanels] = useState<readonly string[] | undefined>(undefined);
  const { bridge } = useEmbed({ job, analyzeFile, setLanguage, setPanels });
  const { isOfflineReady, activateUpdate } = useServiceWorker();
  const [dismissed, setDismissed] = useState(false);
  const t = (key: Parameters<typeof translate>[1]): string => translate(language, key);

  const loadSample = useCallback(async () => {
    const response = await fetch(new URL(SAMPLE.path, document.baseURI));
    await analyzeFile(await response.blob(), SAMPLE.name);
  }, [analyzeFile]);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = translate(language, 'appTitle');
  }, [language]);

  useEffect(() => {
    if (new URLSearchParams(location.search).get('sample') !== null) void loadSample();
  }, [loadSample]);

  useEffect(() => {
    // Files opened with the installed app from the operating system (manifest file_handlers).
    consumeLaunchQueue(window, (file) => void analyzeFile(file, file.name));
  }, [analyzeFile]);

  const onFile = (file: File): void => {
    setDismissed(false);
    void analyzeFile(file, file.name);
  };

  return (
    <LanguageContext.Provider value={language}>
      <header className="app-header">
        <h1>{t('appTitle')}</h1>
        <label>
          {t('language')}{' '}
          <select
            value={language}
            data-testid="language-select"
            onChange={(event) => {
              const next = event.target.value === 'es' ? 'es' : 'en';
              setLanguage(next);
              rememberLanguage(next);
            }}
          >
            <option value="en">English</option>
            <option value="es">Español</option>
          </select>
        </label>
      </header>
      <main>
        {!isEmbedded(window) && <p className="tagline">{t('tagline')}</p>}
        <AppNotices
          isBusy={job.kind === 'running'}
          isOfflineReady={isOfflineReady}
          activateUpdate={activateUpdate}
          bridge={bridge}
          report={result?.report ?? null}
        />
        <DropZone onFile={onFile} onSample={() => void loadSample()} disabled={false} />
        {job.kind === 'running' && <ProgressPanel {...job} onCancel={cancel} />}
        {job.kind === 'failed' && !dismissed && <ErrorPanel error={job.error} onDismiss={() => setDismissed(true)} />}
        {result !== null && result.report.engine?.backend !== 'wasm' && (
          <p className="notice" role="status" data-testid="cpu-notice">
            {t('cpuNotice')}
          </p>
        )}
        {result !== null && <ExportBar report={result.report} exportCsv={exportCsv} />}
        {result !== null && (
          <ResultsTabs
            report={result.report}
            isBusy={job.kind === 'running'}
            onTypeChange={(columnName, type) => void changeType(columnName, type)}
            panels={panels}
          />
        )}
      </main>
    </LanguageContext.Provider>
  );
}
