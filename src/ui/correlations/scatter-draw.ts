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

/* Points stay this far inside the frame, so that those at the extremes are drawn whole. */
const INSET = 4;

export function drawScatter(canvas: HTMLCanvasElement, x: Float64Array, y: Float64Array, style: ScatterStyle): void {
  const context = canvas.getContext('2d');
  if (context === null) return;
  const size = SCATTER_SIZE;
  const [minX, maxX] = range(x);
  const [minY, maxY] = range(y);
  const inner = size - 2 * PAD - 2 * INSET;
  const sx = inner / (maxX - minX);
  const sy = inner / (maxY - minY);
  context.clearRect(0, 0, size, size);
  context.strokeStyle = style.text;
  context.strokeRect(PAD, PAD, size - 2 * PAD, size - 2 * PAD);
  context.globalAlpha = 0.6;
  context.fillStyle = style.point;
  for (let i = 0; i < x.length; i++) {
    context.fillRect(
      PAD + INSET + ((x[i] as number) - minX) * sx - 1.5,
      size - PAD - INSET - ((y[i] as number) - minY) * sy - 1.5,
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
  // The y range runs up the left edge: written across the padding, a wide value ("1,427.58") was cut off.
  verticalLabel(context, style.format(minY), size - PAD, 'left');
  verticalLabel(context, style.format(maxY), PAD, 'right');
}

/* Text turned a quarter left, its baseline just left of the frame, starting (or ending) at height `y`. */
function verticalLabel(context: CanvasRenderingContext2D, text: string, y: number, align: CanvasTextAlign): void {
  context.save();
  context.translate(PAD - 6, y);
  context.rotate(-Math.PI / 2);
  context.textAlign = align;
  context.fillText(text, 0, 0);
  context.restore();
}
