import { describe, expect, it } from 'vitest';
import { axisEnd, axisTicks } from './timeline-scale.ts';

describe('axisEnd', () => {
  it('rounds up to a round number, so the axis grows in a few steps', () => {
    expect([axisEnd(0.3), axisEnd(1), axisEnd(7), axisEnd(101), axisEnd(412), axisEnd(960), axisEnd(1001), axisEnd(2999)]).toEqual([0.3, 1, 8, 150, 500, 1000, 1500, 3000]);
  });

  it('gives a usable axis for an empty run', () => {
    expect(axisEnd(0)).toBe(1);
    expect(axisEnd(Number.NaN)).toBe(1);
  });
});

describe('axisTicks', () => {
  it('places round ticks, no more than asked', () => {
    expect(axisTicks(0, 1000, 5)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(axisTicks(0, 1000, 3)).toEqual([0, 500, 1000]);
    expect(axisTicks(0, 150, 4)).toEqual([0, 50, 100, 150]);
    expect(axisTicks(-20, 300, 3)).toEqual([0, 200]);
  });

  it('keeps tick values free of floating-point dust', () => {
    expect(axisTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
  });
});
