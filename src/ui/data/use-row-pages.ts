import { useCallback, useRef, useState } from 'react';
import type { RowWindow, RowWindowRequest } from '../../core/table-view.ts';

export const PAGE_ROWS = 200;

export type Sort = RowWindowRequest['sort'];

interface Cache {
  readonly key: string;
  readonly pages: Map<number, RowWindow>;
  readonly pending: Set<number>;
}

/**
 * Rows fetched from the worker a page at a time, cached until the sort or the table changes.
 * `rowAt(i)` answers from the cache and asks for the missing page once.
 */
export function useRowPages(loadRows: (request: RowWindowRequest) => Promise<RowWindow>, sort: Sort, tableKey: string) {
  const cacheRef = useRef<Cache | null>(null);
  const [, setVersion] = useState(0);
  const key = `${tableKey}|${sort === undefined ? '' : `${sort.column}:${String(sort.descending)}`}`;

  return useCallback(
    (index: number): { cells: readonly (string | null)[]; rowNumber: number; cluster: number | null } | undefined => {
      if (cacheRef.current?.key !== key) cacheRef.current = { key, pages: new Map(), pending: new Set() };
      const cache = cacheRef.current;
      const page = Math.floor(index / PAGE_ROWS);
      const window = cache.pages.get(page);
      if (window === undefined) {
        if (!cache.pending.has(page)) {
          cache.pending.add(page);
          const request = { start: page * PAGE_ROWS, count: PAGE_ROWS, ...(sort === undefined ? {} : { sort }) };
          void loadRows(request).then((rows) => {
            cache.pages.set(page, rows);
            if (cacheRef.current === cache) setVersion((v) => v + 1);
          });
        }
        return undefined;
      }
      const offset = index - window.start;
      const cells = window.cells[offset];
      if (cells === undefined) return undefined;
      return { cells, rowNumber: window.rowNumbers[offset] ?? index + 1, cluster: window.clusters?.[offset] ?? null };
    },
    [loadRows, sort, key],
  );
}
