import { useCallback, useRef, useState } from 'react';
import { toErrorData, type ErrorData } from '../../core/errors.ts';
import type { RowWindow, RowWindowRequest } from '../../core/table-view.ts';

export const PAGE_ROWS = 200;

export type Sort = RowWindowRequest['sort'];

interface Cache {
  readonly source: object;
  readonly sortKey: string;
  readonly pages: Map<number, RowWindow>;
  readonly pending: Set<number>;
  error?: ErrorData;
}

export interface RowPages {
  readonly rowAt: (index: number) =>
    | {
        cells: readonly (string | null)[];
        numberColumns: readonly boolean[];
        rowNumber: number;
        cluster: number | null;
      }
    | undefined;
  /** Why a page could not be fetched (the rows then stay unknown), once one failed. */
  readonly error: ErrorData | undefined;
}

/**
 * Rows fetched from the worker a page at a time, cached until the sort or `source` changes. The
 * cache belongs to one `source` (the report shown, by identity): a new file, a new clustering or a
 * new reading of the same file is a new report, so no row or label of an earlier one is shown.
 * `rowAt(i)` answers from the cache and asks for the missing page once.
 */
export function useRowPages(
  loadRows: (request: RowWindowRequest) => Promise<RowWindow>,
  sort: Sort,
  source: object,
): RowPages {
  const cacheRef = useRef<Cache | null>(null);
  const [, setVersion] = useState(0);
  const [failed, setFailed] = useState<{
    readonly source: object;
    readonly sortKey: string;
    readonly error: ErrorData;
  }>();
  const sortKey = sort === undefined ? '' : `${sort.column}:${String(sort.descending)}`;
  const rowAt = useCallback(
    (index: number) => {
      if (cacheRef.current?.source !== source || cacheRef.current.sortKey !== sortKey)
        cacheRef.current = { source, sortKey, pages: new Map(), pending: new Set() };
      const cache = cacheRef.current;
      const page = Math.floor(index / PAGE_ROWS);
      const window = cache.pages.get(page);
      if (window === undefined) {
        if (!cache.pending.has(page) && cache.error === undefined) {
          cache.pending.add(page);
          const request = { start: page * PAGE_ROWS, count: PAGE_ROWS, ...(sort === undefined ? {} : { sort }) };
          loadRows(request).then(
            (rows) => {
              cache.pages.set(page, rows);
              if (cacheRef.current === cache) setVersion((v) => v + 1);
            },
            (error: unknown) => {
              cache.error = toErrorData(error);
              setFailed({ source: cache.source, sortKey: cache.sortKey, error: cache.error });
            },
          );
        }
        return undefined;
      }
      const offset = index - window.start;
      const cells = window.cells[offset];
      if (cells === undefined) return undefined;
      return {
        cells,
        numberColumns: window.numberColumns,
        rowNumber: window.rowNumbers[offset] ?? index + 1,
        cluster: window.clusters?.[offset] ?? null,
      };
    },
    [loadRows, sort, source, sortKey],
  );
  const error = failed?.source === source && failed.sortKey === sortKey ? failed.error : undefined;
  return { rowAt, error };
}
