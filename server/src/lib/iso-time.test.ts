import { describe, expect, it } from 'vitest';
import { isoTime } from './iso-time';

describe('isoTime', () => {
  it('is toISOString for every millisecond, asked in any order and again', () => {
    const times = [0, 1, 1, 999, 1_000, 1_764_500_000_123, 1_764_500_000_124, 1_764_500_000_123, -1, 8.64e15];
    for (const ms of times) expect(isoTime(new Date(ms))).toBe(new Date(ms).toISOString());
  });

  it('throws as toISOString does for an invalid date, and answers the next valid one', () => {
    expect(() => isoTime(new Date(Number.NaN))).toThrow(RangeError);
    expect(isoTime(new Date(5))).toBe('1970-01-01T00:00:00.005Z');
  });
});
