let lastMs = Number.NaN;
let lastText = '';

/**
 * `date.toISOString()`, remembered for the last millisecond asked: a poll answered from memory
 * spends more on formatting its evaluation time than on anything else it computes, and under load
 * many polls fall in the same millisecond.
 */
export function isoTime(date: Date): string {
  const ms = date.getTime();
  if (ms !== lastMs) {
    lastText = date.toISOString();
    lastMs = ms;
  }
  return lastText;
}
