/*
 * Diverging scale for correlations, after ColorBrewer's PuOr (orange ← neutral → purple), which is
 * safe for the common colour-vision deficiencies; the value is always printed too.
 */
type Rgb = readonly [number, number, number];

const NEGATIVE: Rgb = [179, 88, 6]; // #b35806
const NEUTRAL: Rgb = [247, 247, 247]; // #f7f7f7
const POSITIVE: Rgb = [84, 39, 136]; // #542788

function mix(from: Rgb, to: Rgb, amount: number): Rgb {
  const channel = (a: number, b: number): number => Math.round(a + (b - a) * amount);
  return [channel(from[0], to[0]), channel(from[1], to[1]), channel(from[2], to[2])];
}

function hex(rgb: Rgb): string {
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

function luminance(rgb: Rgb): number {
  const linear = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
}

/** Background and text colours for a value in [-1, 1] (null: no value); text contrast ≥ 4.5:1. */
export function cellColours(value: number | null): { background: string; color: string } {
  if (value === null) return { background: 'transparent', color: 'inherit' };
  const clamped = Math.max(-1, Math.min(1, value));
  const rgb = clamped < 0 ? mix(NEUTRAL, NEGATIVE, -clamped) : mix(NEUTRAL, POSITIVE, clamped);
  // White text wins where (L + 0.05) is below the geometric middle of black's and white's contrast.
  const color = luminance(rgb) < 0.179 ? '#ffffff' : '#000000';
  return { background: hex(rgb), color };
}
