import { describe, expect, it } from 'vitest';
import { dodge } from './dodge.ts';

describe('dodge: labels at the ends of lines, moved apart', () => {
  it('leaves labels that are far enough apart where they are', () => {
    expect(dodge([10, 50, 30], 5, 0, 100)).toEqual([10, 50, 30]);
  });

  it('moves the upper of two close labels up, by as little as it needs', () => {
    expect(dodge([107, 118, 225, 269, 365], 20, 0, 400)).toEqual([107, 127, 225, 269, 365]);
  });

  it('keeps the labels in the order of their values, whatever order they come in', () => {
    const placed = dodge([50, 49, 51], 10, 0, 100);
    expect(placed[1]! < placed[0]! && placed[0]! < placed[2]!).toBe(true);
    expect(placed[0]! - placed[1]!).toBeGreaterThanOrEqual(10);
    expect(placed[2]! - placed[0]!).toBeGreaterThanOrEqual(10);
  });

  it('pushes a crowd at the top back down inside the range', () => {
    const placed = dodge([98, 99, 100], 10, 0, 100);
    expect(Math.max(...placed)).toBe(100);
    expect([...placed].sort((a, b) => a - b)).toEqual([80, 90, 100]);
  });
});
