/*
 * PNG pictures of the page's charts, drawn in the browser: canvases are copied, SVG charts are
 * serialised with their computed styles inlined (so they look as on screen without the page's CSS),
 * and HTML heatmaps are painted cell by cell from their layout. The page background is painted
 * under every picture, so a PNG of the dark theme is not transparent-on-black.
 */
const SCALE = 2;
const STYLE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'color',
  'visibility',
];

function blankCanvas(width: number, height: number, background: string): [HTMLCanvasElement, CanvasRenderingContext2D] {
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * SCALE));
  canvas.height = Math.max(1, Math.round(height * SCALE));
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('no 2-D canvas context');
  context.scale(SCALE, SCALE);
  context.fillStyle = background;
  context.fillRect(0, 0, width, height);
  return [canvas, context];
}

function toPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob === null ? reject(new Error('the picture could not be encoded')) : resolve(blob)),
      'image/png',
    );
  });
}

/** The page's background colour (the theme in use). */
export function pageBackground(): string {
  return getComputedStyle(document.body).backgroundColor || '#ffffff';
}

function canvasPicture(source: HTMLCanvasElement, background: string): Promise<Blob> {
  const { width, height } = source.getBoundingClientRect();
  const [canvas, context] = blankCanvas(width, height, background);
  context.drawImage(source, 0, 0, width, height);
  return toPng(canvas);
}

function inlineStyles(source: Element, copy: Element): void {
  const computed = getComputedStyle(source);
  const style = STYLE_PROPERTIES.map((p) => `${p}:${computed.getPropertyValue(p)}`).join(';');
  copy.setAttribute('style', style);
  const children = [...source.children];
  [...copy.children].forEach((child, i) => {
    const original = children[i];
    if (original !== undefined) inlineStyles(original, child);
  });
}

/*
 * The serialised SVG with the characters XML 1.0 forbids (controls such as NUL in a category label)
 * shown as U+FFFD: the serializer writes them as they are, and the image then fails to load.
 */
export function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex -- these are exactly the characters to replace
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD');
}

async function svgPicture(source: SVGSVGElement, background: string): Promise<Blob> {
  const { width, height } = source.getBoundingClientRect();
  const copy = source.cloneNode(true) as SVGSVGElement;
  inlineStyles(source, copy);
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  const url = URL.createObjectURL(
    new Blob([xmlSafe(new XMLSerializer().serializeToString(copy))], { type: 'image/svg+xml;charset=utf-8' }),
  );
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const [canvas, context] = blankCanvas(width, height, background);
    context.drawImage(image, 0, 0, width, height);
    return await toPng(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}

function tablePicture(table: HTMLTableElement, background: string): Promise<Blob> {
  const box = table.getBoundingClientRect();
  const [canvas, context] = blankCanvas(box.width, box.height, background);
  context.textBaseline = 'middle';
  for (const cell of table.querySelectorAll<HTMLElement>('caption, th, td')) {
    const r = cell.getBoundingClientRect();
    const style = getComputedStyle(cell);
    const [x, y] = [r.left - box.left, r.top - box.top];
    if (style.backgroundColor !== 'rgba(0, 0, 0, 0)') {
      context.fillStyle = style.backgroundColor;
      context.fillRect(x, y, r.width, r.height);
    }
    context.fillStyle = style.color;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = cell.textContent.trim();
    const fits = text.length > 0 && context.measureText(text).width > r.width - 4 ? `${text.slice(0, 12)}…` : text;
    context.fillText(fits, x + 2, y + r.height / 2, r.width - 4);
  }
  return toPng(canvas);
}

/** A PNG of the first chart in `container`: a canvas, an SVG chart or a heatmap table. */
export function chartPicture(container: HTMLElement, background = pageBackground()): Promise<Blob> {
  const canvas = container.querySelector('canvas');
  if (canvas !== null) return canvasPicture(canvas, background);
  const svg = container.querySelector<SVGSVGElement>('svg.recharts-surface, svg[data-chart]');
  if (svg !== null) return svgPicture(svg, background);
  const table = container.querySelector('table');
  if (table !== null) return tablePicture(table, background);
  return Promise.reject(new Error('there is no chart here'));
}
