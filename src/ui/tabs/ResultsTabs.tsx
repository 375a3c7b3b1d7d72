import { useState, type ReactNode } from 'react';
import type { ColumnType } from '../../core/profile/infer-type.ts';
import type { Report } from '../../core/report.ts';
import { AlertsPanel } from '../alerts/AlertsPanel.tsx';
import { ClusteringPanel } from '../clustering/ClusteringPanel.tsx';
import type { ClusterOptions } from '../../core/cluster/cluster.ts';
import { ColumnsPanel, type FocusRequest } from '../columns/ColumnsPanel.tsx';
import { DEFAULT_CRITERIA, type ColumnCriteria } from '../columns/column-view.ts';
import { CorrelationsPanel } from '../correlations/CorrelationsPanel.tsx';
import { formatNumber } from '../i18n.ts';
import { useTranslation } from '../language-context.tsx';
import { ResultView } from '../overview/ResultView.tsx';
import type { MemoryInfo } from '../../../workers/api.ts';
import { DataTable } from '../data/DataTable.tsx';
import type { RowWindow, RowWindowRequest } from '../../core/table-view.ts';
import { FileFactsForm } from '../FileFactsForm.tsx';
import type { IngestOptions } from '../../ingest/options.ts';
import type { PairSample } from '../../core/pair-sample.ts';
import { panelId, tabId, TabList } from './TabList.tsx';
import { usePrinting } from '../use-printing.ts';

type TabKey = 'overview' | 'columns' | 'data' | 'alerts' | 'correlations' | 'clustering';
/** Panels mounted even before their first visit (cheap, and their facts are what a page reader expects). */
const EAGER: ReadonlySet<TabKey> = new Set(['overview', 'clustering']);

interface Props {
  readonly report: Report;
  /** What the worker holds for this report's file. */
  readonly memory: MemoryInfo | null;
  readonly isBusy: boolean;
  /** The report has its profile only: clustering is still running, or was stopped. */
  readonly isPartial: boolean;
  readonly onTypeChange: (columnName: string, type: ColumnType) => void;
  /** Reads the file again with other dialect, sheet or header choices. */
  readonly onReread: (ingest: IngestOptions) => void;
  readonly loadRows: (request: RowWindowRequest) => Promise<RowWindow>;
  readonly loadPair: (x: string, y: string) => Promise<PairSample>;
  readonly onRecluster: (options: ClusterOptions) => void;
  /** The clustering options behind this report. */
  readonly clusterOptions?: ClusterOptions | false;
  /** Tabs to show (an embedding host's `panels`); all when absent or when none of them is known. */
  readonly panels?: readonly string[];
}

function TabPanel({
  tab,
  active,
  isPrinting,
  children,
}: {
  tab: TabKey;
  active: TabKey;
  isPrinting: boolean;
  children: ReactNode;
}) {
  return (
    <div
      role="tabpanel"
      id={panelId(tab)}
      aria-labelledby={tabId(tab)}
      tabIndex={0}
      hidden={tab !== active && !isPrinting}
      className="tab-panel"
    >
      {children}
    </div>
  );
}

/** Which tab is shown and has been, the column filters, and "show this column" requests from the alerts. */
function useTabsState() {
  const [active, setActive] = useState<TabKey>('overview');
  const [visited, setVisited] = useState<ReadonlySet<TabKey>>(EAGER);
  const [criteria, setCriteria] = useState<ColumnCriteria>(DEFAULT_CRITERIA);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const select = (tab: TabKey): void => {
    setActive(tab);
    setVisited((seen) => (seen.has(tab) ? seen : new Set([...seen, tab])));
  };
  const showColumn = (columnName: string): void => {
    setCriteria(DEFAULT_CRITERIA); // the card must not be hidden by a filter
    setFocusRequest((previous) => ({ columnName, seq: (previous?.seq ?? 0) + 1 }));
    select('columns');
  };
  return { active, visited, select, criteria, setCriteria, focusRequest, showColumn };
}

/** The tabs to show: an embedding host's `panels` when any is known, else all. */
function useShownTabs(alertCount: number, shownPanels: readonly string[] | undefined) {
  const { t, language } = useTranslation();
  const allTabs = [
    { key: 'overview' as const, label: t('overview') },
    { key: 'columns' as const, label: t('columns') },
    { key: 'data' as const, label: t('dataTab') },
    { key: 'alerts' as const, label: `${t('alerts')} (${formatNumber(language, alertCount)})` },
    { key: 'correlations' as const, label: t('correlations') },
    { key: 'clustering' as const, label: t('tabClustering') },
  ];
  const chosen = allTabs.filter((tab) => shownPanels?.includes(tab.key) === true);
  return chosen.length > 0 ? chosen : allTabs;
}

type PanelProps = Omit<Props, 'panels'> & ReturnType<typeof useTabsState>;

/** Each tab's content, rendered on demand. */
function panelsOf(p: PanelProps): Record<TabKey, () => ReactNode> {
  const { report, isBusy } = p;
  return {
    overview: () => (
      <>
        <ResultView report={report} memory={p.memory} />
        <FileFactsForm
          key={`${report.file.name}-${report.file.sheet ?? ''}`}
          file={report.file}
          isBusy={isBusy}
          onApply={p.onReread}
        />
      </>
    ),
    columns: () => (
      <ColumnsPanel
        {...{ report, isBusy, criteria: p.criteria, focusRequest: p.focusRequest, onTypeChange: p.onTypeChange }}
        onCriteriaChange={p.setCriteria}
      />
    ),
    data: () => <DataTable report={report} loadRows={p.loadRows} />,
    alerts: () => <AlertsPanel alerts={report.alerts} onShowColumn={p.showColumn} />,
    correlations: () => <CorrelationsPanel correlations={report.correlations} loadPair={p.loadPair} />,
    clustering: () => (
      <ClusteringPanel
        report={report}
        lastOptions={p.clusterOptions}
        isBusy={isBusy}
        isPartial={p.isPartial}
        onRecluster={p.onRecluster}
      />
    ),
  };
}

/** The results behind tabs; each panel mounts on its first visit and then stays; printing shows them all. */
export function ResultsTabs(props: Props) {
  const { t } = useTranslation();
  const state = useTabsState();
  const isPrinting = usePrinting();
  const tabs = useShownTabs(props.report.alerts.length, props.panels);
  const current = tabs.some((tab) => tab.key === state.active) ? state.active : (tabs[0]?.key ?? 'overview');
  const panels = panelsOf({ ...props, ...state });
  return (
    <div className="results-tabs" data-testid="results-tabs">
      <TabList label={t('tabsLabel')} tabs={tabs} active={current} onSelect={state.select} />
      {tabs.map(({ key }) => (
        <TabPanel key={key} tab={key} active={current} isPrinting={isPrinting}>
          {(state.visited.has(key) || key === current || isPrinting) && panels[key]()}
        </TabPanel>
      ))}
    </div>
  );
}
