/*
 * The scatter's y range is written up the left edge, inside the canvas: written across the 36 px
 * padding, "1,427.58" lost its first characters (it read "27.58").
 */
import { describe, expect, it } from 'vitest';
import { drawScatter, SCATTER_SIZE } from '../../src/ui/correlations/scatter-draw.ts';

interface Call {
  readonly name: string;
  readonly args: readonly unknown[];
  readonly rotation: number;
  readonly origin: readonly [number, number];
}

/* A 2-D context that records fillText and fillRect with the rotation and origin in force. */
function recordingCanvas(): { canvas: HTMLCanvasElement; calls: Call[] } {
  const calls: Call[] = [];
  const state = { rotation: 0, origin: [0, 0] as [number, number] };
  const saved: (typeof state)[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]): void => {
      calls.push({ name, args, rotation: state.rotation, origin: [...state.origin] });
    };
  const context = {
    clearRect: () => undefined,
    strokeRect: () => undefined,
    fillRect: record('fillRect'),
    fillText: record('fillText'),
    save: () => saved.push({ rotation: state.rotation, origin: [...state.origin] }),
    restore: () => Object.assign(state, saved.pop()),
    translate: (x: number, y: number) => {
      state.origin = [state.origin[0] + x, state.origin[1] + y];
    },
    rotate: (angle: number) => {
      state.rotation += angle;
    },
  };
  return { canvas: { getContext: () => context } as unknown as HTMLCanvasElement, calls };
}

describe('drawScatter', () => {
  it('writes the y range up the left edge, inside the canvas, and keeps every point inside the frame', () => {
    const { canvas, calls } = recordingCanvas();
    const format = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 2 });
    drawScatter(canvas, Float64Array.of(1, 5, 9), Float64Array.of(3.5, 700, 1427.58), {
      point: '#000',
      text: '#000',
      format,
    });
    const label = (text: string): Call | undefined => calls.find((c) => c.name === 'fillText' && c.args[0] === text);
    for (const text of ['3.5', '1,427.58']) {
      const call = label(text);
      expect(call?.rotation).toBeCloseTo(-Math.PI / 2);
      const [x, y] = call?.origin ?? [NaN, NaN];
      expect(x).toBeGreaterThan(11); // room for the glyphs' height, left of the baseline
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThanOrEqual(SCATTER_SIZE);
    }
    for (const point of calls.filter((c) => c.name === 'fillRect')) {
      const [x, y] = point.args as [number, number];
      expect(x).toBeGreaterThanOrEqual(36);
      expect(y + 3).toBeLessThanOrEqual(SCATTER_SIZE - 36);
      expect(y).toBeGreaterThanOrEqual(36);
    }
  });
});
