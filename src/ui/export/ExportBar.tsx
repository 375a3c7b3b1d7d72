import { useState } from 'react';
import type { Report } from '../../core/report.ts';
import { useTranslation } from '../language-context.tsx';
import { saveBlob as save } from './save-blob.ts';

function baseName(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** Download buttons for the JSON report and the labelled CSV (built in the worker). */
export function ExportBar({
  report,
  exportCsv,
  isAnalysing = false,
}: {
  readonly report: Report;
  readonly exportCsv: () => Promise<Blob>;
  /** While an analysis runs the report is not final (clustering may be missing): nothing to save yet. */
  readonly isAnalysing?: boolean;
}) {
  const { t } = useTranslation();
  const [isBusy, setIsBusy] = useState(false);
  const name = baseName(report.file.name);
  return (
    <section aria-label={t('exports')} className="dropzone__actions no-print">
      <button
        type="button"
        data-testid="export-json"
        disabled={isAnalysing}
        onClick={() =>
          save(new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' }), `${name}.report.json`)
        }
      >
        {t('exportJson')}
      </button>
      <button
        type="button"
        data-testid="export-csv"
        disabled={isBusy || isAnalysing}
        onClick={() => {
          setIsBusy(true);
          void exportCsv()
            .then((blob) => save(blob, `${name}.clusters.csv`))
            .finally(() => setIsBusy(false));
        }}
      >
        {t('exportCsv')}
      </button>
      <button type="button" data-testid="print-report" onClick={() => window.print()}>
        {t('printReport')}
      </button>
    </section>
  );
}
