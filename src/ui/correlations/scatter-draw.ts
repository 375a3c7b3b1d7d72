/*
 * Draws a scatter plot of two number columns on a canvas: one rectangle per point, no DOM node per
 * point; axis ranges printed at the ends. Colours come from the page's CSS (works in both themes).
 */
export const SCATTER_SIZE = 360;
const PAD = 36;

function range(values: Float64Array): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min === max ? [min - 1, max + 1] : [min, max];
}

export interface ScatterStyle {
  readonly point: string;
  readonly text: string;
  readonly format: (value: number) => string;
}

export function drawScatter(canvas: HTMLCanvasElement, x: Float64Array, y: Float64Array, style: ScatterStyle): void {
  const context = canvas.getContext('2d');
  if (context === null) return;
  const size = SCATTER_SIZE;
  const [minX, maxX] = range(x);
  const [minY, maxY] = range(y);
  const sx = (size - 2 * PAD) / (maxX - minX);
  const sy = (size - 2 * PAD) / (maxY - minY);
  context.clearRect(0, 0, size, size);
  context.strokeStyle = style.text;
  context.strokeRect(PAD, PAD, size - 2 * PAD, size - 2 * PAD);
  context.globalAlpha = 0.6;
  context.fillStyle = style.point;
  for (let i = 0; i < x.length; i++) {
    context.fillRect(
      PAD + ((x[i] as number) - minX) * sx - 1.5,
      size - PAD - ((y[i] as number) - minY) * sy - 1.5,
      3,
      3,
    );
  }
  context.globalAlpha = 1;
  context.fillStyle = style.text;
  context.font = '11px system-ui, sans-serif';
  context.textAlign = 'left';
  context.fillText(style.format(minX), PAD, size - PAD + 14);
  context.textAlign = 'right';
  context.fillText(style.format(maxX), size - PAD, size - PAD + 14);
  context.fillText(style.format(minY), PAD - 4, size - PAD);
  context.fillText(style.format(maxY), PAD - 4, PAD + 10);
}
