/*
 * The only module that imports recharts. It is loaded through React.lazy (LazyColumnChart.tsx) so
 * the charting library stays out of the first-paint bundle: do not import it statically elsewhere.
 */
import { Bar, BarChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartData } from './chart-data.ts';

const BAR_HEIGHT_PX = 22;
const LABEL_WIDTH_PX = 110;

/** A histogram (vertical bars) or a ranking of frequent values (horizontal bars); no animation. */
export function ColumnChart({ data, countLabel }: { readonly data: ChartData; readonly countLabel: string }) {
  const bars = [...data.bars];
  if (data.kind === 'top') {
    const height = Math.max(80, bars.length * BAR_HEIGHT_PX + 30);
    return (
      <BarChart
        responsive
        layout="vertical"
        data={bars}
        accessibilityLayer={false}
        style={{ width: '100%', height }}
        margin={{ top: 4, right: 12, bottom: 4, left: 4 }}
      >
        <XAxis type="number" allowDecimals={false} />
        <YAxis type="category" dataKey="label" width={LABEL_WIDTH_PX} interval={0} />
        <Tooltip />
        <Bar dataKey="count" name={countLabel} isAnimationActive={false} />
      </BarChart>
    );
  }
  return (
    <BarChart
      responsive
      data={bars}
      accessibilityLayer={false}
      barCategoryGap={1}
      style={{ width: '100%', height: 160 }}
      margin={{ top: 4, right: 12, bottom: 4, left: 4 }}
    >
      <XAxis dataKey="label" tick={false} height={8} />
      <YAxis allowDecimals={false} width={44} />
      <Tooltip />
      <Bar dataKey="count" name={countLabel} isAnimationActive={false} />
    </BarChart>
  );
}
