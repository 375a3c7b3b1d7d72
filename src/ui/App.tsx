import { useCallback, useEffect, useState } from 'react';
import { isEmbedded } from '../embed/embed-mode.ts';
import { consumeLaunchQueue } from '../pwa/launch-queue.ts';
import { AppNotices } from './AppNotices.tsx';
import { DropZone } from './DropZone.tsx';
import { ExportBar } from './export/ExportBar.tsx';
import { ErrorPanel } from './ErrorPanel.tsx';
import type { Language } from './i18n.ts';
import { translate } from './i18n.ts';
import { LanguageContext, useTranslation } from './language-context.tsx';
import { HeaderControls } from './HeaderControls.tsx';
import { initialLanguage } from './preferences.ts';
import { ProgressPanel } from './ProgressPanel.tsx';
import { ResultsTabs } from './tabs/ResultsTabs.tsx';
import { useAnalysis, type AnalysisResult } from './use-analysis.ts';
import { useEmbed } from './use-embed.ts';
import { useServiceWorker } from './use-service-worker.ts';

const SAMPLES = {
  csv: { path: 'samples/ventas-es.csv', name: 'ventas-es.csv' },
  xlsx: { path: 'samples/ventas-dos-hojas.xlsx', name: 'ventas-dos-hojas.xlsx' },
} as const;

/* Text pasted into the page (not into a field) is analysed as a CSV when it looks like a table. */
function pastedTable(event: ClipboardEvent): string | undefined {
  const target = event.target;
  if (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  ) {
    return undefined;
  }
  const text = event.clipboardData?.getData('text/plain') ?? '';
  return /[\t,;|]/.test(text) && /\r?\n/.test(text.trim()) ? text : undefined;
}

/** Tabular text pasted into the page (not into a field) is analysed as a CSV. */
function usePasteToAnalyze(analyzeFile: ReturnType<typeof useAnalysis>['analyzeFile']): void {
  useEffect(() => {
    const onPaste = (event: ClipboardEvent): void => {
      const text = pastedTable(event);
      if (text === undefined) return;
      event.preventDefault();
      void analyzeFile(new Blob([text], { type: 'text/plain' }), 'pasted.csv');
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [analyzeFile]);
}

/** What the page opens with: `?sample` loads the bundled sample; files opened with the installed app (file_handlers). */
function useStartFiles(loadSample: () => Promise<void>, analyzeFile: ReturnType<typeof useAnalysis>['analyzeFile']) {
  useEffect(() => {
    if (new URLSearchParams(location.search).get('sample') !== null) void loadSample();
  }, [loadSample]);
  useEffect(() => {
    consumeLaunchQueue(window, (file) => void analyzeFile(file, file.name));
  }, [analyzeFile]);
}

export function App() {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const analysis = useAnalysis();
  const { job, result, analyzeFile, cancel, exportCsv } = analysis;
  const [panels, setPanels] = useState<readonly string[] | undefined>(undefined);
  const { bridge } = useEmbed({ job, analyzeFile, setLanguage, setPanels });
  const { isOfflineReady, activateUpdate } = useServiceWorker();
  const [dismissed, setDismissed] = useState(false);
  const t = (key: Parameters<typeof translate>[1]): string => translate(language, key);

  const loadSample = useCallback(
    async (which: keyof typeof SAMPLES = 'csv') => {
      const sample = SAMPLES[which];
      const response = await fetch(new URL(sample.path, document.baseURI));
      await analyzeFile(await response.blob(), sample.name);
    },
    [analyzeFile],
  );
  usePasteToAnalyze(analyzeFile);
  useStartFiles(loadSample, analyzeFile);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = translate(language, 'appTitle');
  }, [language]);

  const onFile = (file: File): void => {
    setDismissed(false);
    void analyzeFile(file, file.name);
  };

  return (
    <LanguageContext.Provider value={language}>
      <header className="app-header">
        <h1>{t('appTitle')}</h1>
        <HeaderControls onLanguage={setLanguage} />
      </header>
      <main>
        {!isEmbedded(window) && <p className="tagline">{t('tagline')}</p>}
        <p className="print-only">{t('printedOn')}</p>
        <AppNotices
          isBusy={job.kind === 'running'}
          isOfflineReady={isOfflineReady}
          activateUpdate={activateUpdate}
          bridge={bridge}
          report={result?.report ?? null}
        />
        <DropZone onFile={onFile} onSample={(which) => void loadSample(which)} disabled={false} />
        {job.kind === 'running' && <ProgressPanel {...job} onCancel={cancel} />}
        {job.kind === 'failed' && !dismissed && (
          <ErrorPanel error={job.error} fileName={job.fileName} onDismiss={() => setDismissed(true)} />
        )}
        {result !== null && <ResultsArea analysis={analysis} result={result} exportCsv={exportCsv} panels={panels} />}
      </main>
    </LanguageContext.Provider>
  );
}

/*
 * One key per file the user opened: a new file starts the result tabs afresh (first tab, no filter
 * left from the last file), while re-runs of the same file (a type, a dialect, a clustering) keep them.
 */
const fileKeys = new WeakMap<Blob, number>();
let filesSeen = 0;
function keyOfFile(file: Blob): number {
  let key = fileKeys.get(file);
  if (key === undefined) {
    key = ++filesSeen;
    fileKeys.set(file, key);
  }
  return key;
}

/** The CPU notice, the export buttons and the tabs of the current result. */
function ResultsArea({
  analysis,
  result,
  exportCsv,
  panels,
}: {
  readonly analysis: ReturnType<typeof useAnalysis>;
  readonly result: AnalysisResult;
  readonly exportCsv: () => Promise<Blob>;
  readonly panels: readonly string[] | undefined;
}) {
  const { t } = useTranslation();
  const { job, changeType, reread, recluster, loadRows, loadPair } = analysis;
  return (
    <>
      {result.report.engine?.backend !== 'wasm' && (
        <p className="notice" role="status" data-testid="cpu-notice">
          {t('cpuNotice')}
        </p>
      )}
      <ExportBar report={result.report} exportCsv={exportCsv} isAnalysing={job.kind === 'running'} />
      <ResultsTabs
        key={keyOfFile(result.source.file)}
        report={result.report}
        memory={result.memory}
        isBusy={job.kind === 'running'}
        isPartial={result.isPartial}
        onTypeChange={(columnName, type) => void changeType(columnName, type)}
        onReread={(ingest) => void reread(ingest)}
        loadRows={loadRows}
        loadPair={loadPair}
        onRecluster={(options) => void recluster(options)}
        clusterOptions={result.source.cluster}
        panels={panels}
      />
    </>
  );
}
