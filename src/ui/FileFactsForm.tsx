import { useState } from 'react';
import type { FileFacts } from '../core/file-facts.ts';
import type { Delimiter, IngestOptions, TextEncodingName } from '../ingest/options.ts';
import { useTranslation } from './language-context.tsx';

interface Props {
  readonly file: FileFacts;
  readonly isBusy: boolean;
  readonly onApply: (ingest: IngestOptions) => void;
}

const DELIMITERS: readonly [Delimiter, string][] = [
  [',', ','],
  [';', ';'],
  ['\t', 'tab'],
  ['|', '|'],
];
const ENCODINGS: readonly TextEncodingName[] = ['utf-8', 'windows-1252', 'utf-16le', 'utf-16be'];

/* The detected facts as form values, so that "Re-read" with nothing changed reads the same way. */
function initial(file: FileFacts): IngestOptions {
  const isDelimiter = (d: string | null): d is Delimiter => DELIMITERS.some(([v]) => v === d);
  return {
    ...(isDelimiter(file.delimiter) ? { delimiter: file.delimiter } : {}),
    ...(file.decimalSeparator === null ? {} : { decimal: file.decimalSeparator }),
    ...(ENCODINGS.includes(file.encoding as TextEncodingName) ? { encoding: file.encoding as TextEncodingName } : {}),
    ...(file.sheet === null ? {} : { sheet: file.sheet }),
    headerRow: file.headerRow,
  };
}

/** The detected file facts as controls: change delimiter, decimal, encoding, sheet or header row and read again. */
export function FileFactsForm({ file, isBusy, onApply }: Props) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<IngestOptions>(() => initial(file));
  const set = (patch: IngestOptions): void => setChoice((c) => ({ ...c, ...patch }));
  const isText = file.sheet === null;
  return (
    <form
      className="file-facts"
      data-testid="file-facts-form"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(choice);
      }}
    >
      {isText ? (
        <>
          <label>
            {t('delimiter')}{' '}
            <select
              value={choice.delimiter}
              onChange={(e) => set({ delimiter: e.target.value as Delimiter })}
              data-testid="facts-delimiter"
            >
              {DELIMITERS.map(([value, label]) => (
                <option key={label} value={value}>
                  {value === '\t' ? t('tab') : label}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('decimalSeparator')}{' '}
            <select
              value={choice.decimal}
              onChange={(e) => set({ decimal: e.target.value === ',' ? ',' : '.' })}
              data-testid="facts-decimal"
            >
              <option value=".">.</option>
              <option value=",">,</option>
            </select>
          </label>
          <label>
            {t('encoding')}{' '}
            <select value={choice.encoding} onChange={(e) => set({ encoding: e.target.value as TextEncodingName })}>
              {ENCODINGS.map((encoding) => (
                <option key={encoding} value={encoding}>
                  {encoding}
                </option>
              ))}
            </select>
          </label>
        </>
      ) : (
        <label>
          {t('sheet')}{' '}
          <select
            value={choice.sheet}
            onChange={(e) => set({ sheet: e.target.value, headerRow: undefined })}
            data-testid="facts-sheet"
          >
            {file.sheets.map((sheet) => (
              <option key={sheet.name} value={sheet.name}>
                {sheet.name} ({sheet.rows} × {sheet.columns})
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('headerRow')}{' '}
        <input
          type="number"
          min={1}
          value={choice.headerRow ?? ''}
          onChange={(e) => set({ headerRow: e.target.value === '' ? undefined : Math.max(1, Number(e.target.value)) })}
        />
      </label>
      <button type="submit" disabled={isBusy} data-testid="facts-apply">
        {t('readAgain')}
      </button>
    </form>
  );
}
