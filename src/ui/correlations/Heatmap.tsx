import { useRef, useState } from 'react';
import { PngButton } from '../export/PngButton.tsx';
import { formatNumber } from '../i18n.ts';
import { useTranslation } from '../language-context.tsx';
import { cellColours } from './color-scale.ts';
import { useGridFocus, type Cell } from './use-grid-focus.ts';

interface Props {
  /** Row names; the columns are `colNames`, or the same names for a square matrix. */
  readonly names: readonly string[];
  readonly colNames?: readonly string[];
  readonly matrix: readonly (readonly (number | null)[])[];
  readonly caption: string;
}

interface RowProps {
  readonly row: number;
  readonly rowName: string;
  readonly names: readonly string[];
  readonly values: readonly (number | null)[];
  readonly active: Cell;
  readonly text: (value: number | null) => string;
  readonly onFocusCell: (cell: Cell) => void;
  readonly onPointCell: (cell: Cell) => void;
}

function HeatmapRow({ row, rowName, names, values, active, text, onFocusCell, onPointCell }: RowProps) {
  return (
    <tr>
      <th scope="row" title={rowName}>
        <span className="heatmap__name">{rowName}</span>
      </th>
      {names.map((colName, col) => {
        const v = values[col] ?? null;
        return (
          <td
            key={col}
            data-cell={`${row}-${col}`}
            tabIndex={active.row === row && active.col === col ? 0 : -1}
            style={cellColours(v)}
            title={`${rowName} × ${colName}: ${text(v)}`}
            onFocus={() => onFocusCell({ row, col })}
            onMouseEnter={() => onPointCell({ row, col })}
          >
            {text(v)}
          </td>
        );
      })}
    </tr>
  );
}

function HeatmapHead({ names }: { readonly names: readonly string[] }) {
  return (
    <thead>
      <tr>
        <td />
        {names.map((name, col) => (
          <th key={col} scope="col" title={name}>
            <span className="heatmap__name">{name}</span>
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** A correlation matrix as an HTML table: coloured cells that print their value, one Tab stop, arrow keys. */
export function Heatmap({ names, colNames = names, matrix, caption }: Props) {
  const { t, language } = useTranslation();
  const { tableRef, active, setActive, onKeyDown } = useGridFocus(names.length, colNames.length);
  const [pointed, setPointed] = useState<Cell | null>(null);
  const scroll = useRef<HTMLDivElement>(null);
  const text = (v: number | null): string => (v === null ? t('none') : formatNumber(language, v, 2));
  const shown = pointed ?? active;
  return (
    <div className="heatmap">
      <div className="heatmap__scroll" ref={scroll}>
        <table ref={tableRef} className="heatmap__table" data-testid="heatmap" onKeyDown={onKeyDown}>
          <caption>{caption}</caption>
          <HeatmapHead names={colNames} />
          <tbody onMouseLeave={() => setPointed(null)}>
            {names.map((_, row) => (
              <HeatmapRow
                key={row}
                {...{ row, active, text }}
                rowName={names[row] ?? ''}
                names={colNames}
                values={matrix[row] ?? []}
                onFocusCell={setActive}
                onPointCell={setPointed}
              />
            ))}
          </tbody>
        </table>
      </div>
      <p className="heatmap__readout" data-testid="heatmap-readout">
        {names[shown.row]} × {colNames[shown.col]}: <strong>{text(matrix[shown.row]?.[shown.col] ?? null)}</strong>
      </p>
      <p className="hint">{t('heatmapHelp')}</p>
      <PngButton target={scroll} name={`heatmap-${caption}`} label={caption} />
    </div>
  );
}
