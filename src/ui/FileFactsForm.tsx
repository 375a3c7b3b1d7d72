import { useState } from 'react';
import type { FileFacts } from '../core/file-facts.ts';
import type { Delimiter, IngestOptions, TextEncodingName } from '../ingest/options.ts';
import { useTranslation } from './language-context.tsx';
import { SelectField } from './SelectField.tsx';

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

type Set = (patch: IngestOptions) => void;

/** Delimiter, decimal separator and encoding of a text file. */
function TextFacts({ choice, set }: { readonly choice: IngestOptions; readonly set: Set }) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField<Delimiter>
        label={t('delimiter')}
        value={choice.delimiter ?? ','}
        options={DELIMITERS.map(([value, label]) => ({ value, label: value === '\t' ? t('tab') : label }))}
        onChange={(delimiter) => set({ delimiter })}
        testId="facts-delimiter"
      />
      <SelectField<'.' | ','>
        label={t('decimalSeparator')}
        value={choice.decimal ?? '.'}
        options={[
          { value: '.', label: '.' },
          { value: ',', label: ',' },
        ]}
        onChange={(decimal) => set({ decimal })}
        testId="facts-decimal"
      />
      <SelectField<TextEncodingName>
        label={t('encoding')}
        value={choice.encoding ?? 'utf-8'}
        options={ENCODINGS.map((encoding) => ({ value: encoding, label: encoding }))}
        onChange={(encoding) => set({ encoding })}
      />
    </>
  );
}

/** The sheet of a workbook (a new sheet starts from its own detected header row). */
function SheetFact({
  file,
  choice,
  set,
}: {
  readonly file: FileFacts;
  readonly choice: IngestOptions;
  readonly set: Set;
}) {
  const { t } = useTranslation();
  return (
    <SelectField<string>
      label={t('sheet')}
      value={choice.sheet ?? ''}
      options={file.sheets.map((sheet) => ({
        value: sheet.name,
        label: `${sheet.name} (${sheet.rows} × ${sheet.columns})`,
      }))}
      onChange={(sheet) => set({ sheet, headerRow: undefined })}
      testId="facts-sheet"
    />
  );
}

/** The detected file facts as controls: change delimiter, decimal, encoding, sheet or header row and read again. */
export function FileFactsForm({ file, isBusy, onApply }: Props) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<IngestOptions>(() => initial(file));
  const set: Set = (patch) => setChoice((c) => ({ ...c, ...patch }));
  return (
    <form
      className="file-facts"
      data-testid="file-facts-form"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(choice);
      }}
    >
      {file.sheet === null ? (
        <TextFacts choice={choice} set={set} />
      ) : (
        <SheetFact file={file} choice={choice} set={set} />
      )}
      <label className="field">
        <span>{t('headerRow')}</span>
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
