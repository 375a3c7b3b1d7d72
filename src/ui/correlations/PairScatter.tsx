import { useEffect, useRef, useState } from 'react';
import type { PairSample } from '../../core/pair-sample.ts';
import { formatNumber } from '../i18n.ts';
import { useTranslation } from '../language-context.tsx';
import { PngButton } from '../export/PngButton.tsx';
import { drawScatter, SCATTER_SIZE } from './scatter-draw.ts';

interface Props {
  readonly names: readonly string[];
  /** The pair shown first (the strongest Pearson pair). */
  readonly initial: readonly [string, string];
  readonly loadPair: (x: string, y: string) => Promise<PairSample>;
}

/** Fetches the sampled points of the chosen pair from the worker; null while loading or after a failure. */
function usePair(loadPair: Props['loadPair'], x: string, y: string): PairSample | null {
  const [sample, setSample] = useState<{ key: string; value: PairSample } | null>(null);
  const key = `${x}\u0000${y}`;
  useEffect(() => {
    let isCurrent = true;
    loadPair(x, y).then(
      (value) => isCurrent && setSample({ key, value }),
      () => isCurrent && setSample(null),
    );
    return () => {
      isCurrent = false;
    };
  }, [loadPair, x, y, key]);
  return sample?.key === key ? sample.value : null;
}

function AxisSelect(props: {
  readonly label: string;
  readonly value: string;
  readonly names: readonly string[];
  readonly testId: string;
  readonly onChange: (name: string) => void;
}) {
  return (
    <label>
      {props.label}{' '}
      <select value={props.value} data-testid={props.testId} onChange={(e) => props.onChange(e.target.value)}>
        {props.names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Scatter plot of a chosen pair of number columns, on a canvas, with its sample stated. */
export function PairScatter({ names, initial, loadPair }: Props) {
  const { t, language } = useTranslation();
  const [[x, y], setPair] = useState<readonly [string, string]>(initial);
  const sample = usePair(loadPair, x, y);
  const ref = useRef<HTMLCanvasElement>(null);
  const figure = useRef<HTMLElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (canvas === null || sample === null) return;
    const style = getComputedStyle(canvas);
    drawScatter(canvas, sample.x, sample.y, {
      point: style.getPropertyValue('--chart-bar').trim() || '#0072b2',
      text: style.color,
      format: (v) => formatNumber(language, v, 2),
    });
  }, [sample, language]);
  const caption =
    sample === null
      ? t('scatterLoading')
      : t(sample.seed === null ? 'scatterAll' : 'scatterSampled', {
          shown: formatNumber(language, sample.x.length),
          complete: formatNumber(language, sample.complete),
          seed: sample.seed ?? 0,
        });
  return (
    <figure className="pair-scatter" data-testid="pair-scatter" ref={figure}>
      <div className="file-facts">
        <AxisSelect label={t('axisX')} value={x} names={names} testId="scatter-x" onChange={(n) => setPair([n, y])} />
        <AxisSelect label={t('axisY')} value={y} names={names} testId="scatter-y" onChange={(n) => setPair([x, n])} />
      </div>
      <canvas ref={ref} width={SCATTER_SIZE} height={SCATTER_SIZE} role="img" aria-label={`${x} × ${y}: ${caption}`} />
      <figcaption className="hint" data-testid="scatter-caption">
        {caption}
      </figcaption>
      <PngButton target={figure} name={`scatter-${x}-${y}`} label={t('pngOfScatter', { x, y })} />
    </figure>
  );
}
