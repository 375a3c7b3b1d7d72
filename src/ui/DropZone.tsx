import { useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from './language-context.tsx';

export const ACCEPT = '.csv,.tsv,.txt,.tab,.xlsx,.xlsm,.xls,text/csv,text/tab-separated-values';
const MAX_FILE_MB = 100;

interface Props {
  readonly onFile: (file: File) => void;
  readonly onSample: (sample: 'csv' | 'xlsx') => void;
  readonly disabled: boolean;
}

/** The file picker (a button opening a hidden input) and the two sample buttons. */
function DropActions({ onFile, onSample, disabled, hintId }: Props & { readonly hintId: string }) {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <div className="dropzone__actions">
      <button type="button" onClick={() => inputRef.current?.click()} disabled={disabled} aria-describedby={hintId}>
        {t('chooseFile')}
      </button>
      <input
        ref={inputRef}
        type="file"
        accept={ACCEPT}
        hidden
        aria-label={t('chooseFile')}
        data-testid="file-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file !== undefined) onFile(file);
        }}
      />
      <button type="button" onClick={() => onSample('csv')} disabled={disabled} data-testid="sample-button">
        {t('trySample')}: {t('sampleSpanish')}
      </button>
      <button type="button" onClick={() => onSample('xlsx')} disabled={disabled} data-testid="sample-xlsx-button">
        {t('trySample')}: {t('sampleWorkbook')}
      </button>
    </div>
  );
}

/** Drop target, file picker and sample button. The drop area is decoration; the button is the control. */
export function DropZone(props: Props) {
  const { t } = useTranslation();
  const hintId = useId();
  const [isOver, setIsOver] = useState(false);
  const onDrop = (event: DragEvent<HTMLElement>): void => {
    event.preventDefault();
    setIsOver(false);
    const file = event.dataTransfer.files[0];
    if (file !== undefined) props.onFile(file);
  };
  return (
    <section
      className={isOver ? 'dropzone dropzone--over' : 'dropzone'}
      aria-label={t('dropHere')}
      data-testid="dropzone"
      onDragOver={(event) => {
        event.preventDefault();
        setIsOver(true);
      }}
      onDragLeave={() => setIsOver(false)}
      onDrop={onDrop}
    >
      <p className="dropzone__title">{t('dropHere')}</p>
      <p>{t('orChoose')}</p>
      <DropActions {...props} hintId={hintId} />
      <p id={hintId} className="hint">
        {t('accepted', { limit: MAX_FILE_MB })}. {t('pasteHint')}
      </p>
    </section>
  );
}
