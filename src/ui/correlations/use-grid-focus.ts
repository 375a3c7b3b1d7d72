import { useRef, useState, type KeyboardEvent } from 'react';

export interface Cell {
  readonly row: number;
  readonly col: number;
}

const MOVES: Readonly<Record<string, (cell: Cell, lastCol: number) => Cell>> = {
  ArrowUp: ({ row, col }) => ({ row: row - 1, col }),
  ArrowDown: ({ row, col }) => ({ row: row + 1, col }),
  ArrowLeft: ({ row, col }) => ({ row, col: col - 1 }),
  ArrowRight: ({ row, col }) => ({ row, col: col + 1 }),
  Home: ({ row }) => ({ row, col: 0 }),
  End: ({ row }, lastCol) => ({ row, col: lastCol }),
};

/**
 * A roving tab stop over a rows × cols grid of cells marked `data-cell="row-col"`: one Tab stop for the
 * whole grid, arrow keys (and Home/End) move between cells (WAI-ARIA APG grid pattern).
 */
export function useGridFocus(rows: number, cols: number) {
  const tableRef = useRef<HTMLTableElement>(null);
  const [active, setActive] = useState<Cell>({ row: 0, col: 0 });
  const lastRow = Math.max(0, rows - 1);
  const lastCol = Math.max(0, cols - 1);
  const current = { row: Math.min(active.row, lastRow), col: Math.min(active.col, lastCol) };
  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>): void => {
    const move = MOVES[event.key];
    if (move === undefined) return;
    event.preventDefault();
    const next = move(current, lastCol);
    const cell = { row: Math.max(0, Math.min(lastRow, next.row)), col: Math.max(0, Math.min(lastCol, next.col)) };
    setActive(cell);
    tableRef.current?.querySelector<HTMLElement>(`[data-cell="${cell.row}-${cell.col}"]`)?.focus();
  };
  return { tableRef, active: current, setActive, onKeyDown };
}
