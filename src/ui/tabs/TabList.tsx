import { useRef, type KeyboardEvent } from 'react';

export interface TabSpec<K extends string> {
  readonly key: K;
  readonly label: string;
}

interface Props<K extends string> {
  readonly label: string;
  readonly tabs: readonly TabSpec<K>[];
  readonly active: K;
  readonly onSelect: (key: K) => void;
}

export const tabId = (key: string): string => `tab-${key}`;
export const panelId = (key: string): string => `tabpanel-${key}`;

/** WAI-ARIA tabs with automatic activation: one Tab stop, ←/→ move (wrapping), Home/End jump. */
export function TabList<K extends string>({ label, tabs, active, onSelect }: Props<K>) {
  const listRef = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const current = tabs.findIndex((tab) => tab.key === active);
    const steps: Record<string, number> = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: -1 };
    const step = steps[event.key];
    if (step === undefined) return;
    event.preventDefault();
    const next = tabs[(step + tabs.length) % tabs.length];
    if (next === undefined) return;
    onSelect(next.key);
    listRef.current?.querySelector<HTMLElement>(`#${tabId(next.key)}`)?.focus();
  };
  return (
    <div ref={listRef} role="tablist" aria-label={label} className="tabs" onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.key}
          type="button"
          role="tab"
          id={tabId(tab.key)}
          aria-selected={tab.key === active}
          aria-controls={panelId(tab.key)}
          tabIndex={tab.key === active ? 0 : -1}
          data-testid={`tab-${tab.key}`}
          className="tabs__tab"
          onClick={() => onSelect(tab.key)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
