import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retry-after';

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');

  it.each([
    ['1', 1000],
    [' 30 ', 30_000],
    ['0', 0],
    ['Sun, 01 Jun 2025 12:00:05 GMT', 5000],
    ['Sun, 01 Jun 2025 11:59:00 GMT', 0],
  ])('reads %j as %d ms', (header, ms) => expect(parseRetryAfter(header, now)).toBe(ms));

  it.each([[null], [undefined], [''], ['soon'], ['-5'], ['1.5'], ['12345678901234567890x']])('ignores %j', (header) => {
    expect(parseRetryAfter(header, now)).toBeNull();
  });
});
