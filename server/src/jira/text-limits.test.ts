import { describe, expect, it } from 'vitest';
import { cutAt, cutToFit, cutWithMarker, fitFindingDocument, truncationMarker } from './text-limits';
import { summaryText } from './finding-text';

describe('cutWithMarker', () => {
  it('leaves text that fits alone and cuts the rest to exactly the limit, marked', () => {
    expect(cutWithMarker('short', 10)).toBe('short');
    const cut = cutWithMarker('x'.repeat(300), 254);
    expect(cut).toHaveLength(254);
    expect(cut.endsWith(truncationMarker(300 - cut.indexOf(' …')))).toBe(true);
  });

  it('never splits a surrogate pair and merges an earlier marker', () => {
    const cut = cutAt('ab😀cd', 3);
    expect(cut.startsWith('ab …')).toBe(true);
    const twice = cutWithMarker(cutWithMarker('y'.repeat(300), 254), 200);
    expect(twice.match(/truncated by WebRiskOps/g)).toHaveLength(1);
    expect(twice).toMatch(new RegExp(`^y+ … \\(truncated by WebRiskOps, ${300 - twice.indexOf(' …')} characters\\)$`));
  });

  it('a 255-character title becomes a summary Jira accepts (under 255)', () => {
    const summary = summaryText('t'.repeat(255));
    expect(summary.length).toBe(254);
    expect(summary).toMatch(/truncated by WebRiskOps/);
  });
});

describe('cutToFit and fitFindingDocument', () => {
  it('judges the rendered form', () => {
    const doubled = (text: string) => text.replace(/./g, '$&$&');
    const fitted = cutToFit('z'.repeat(1000), (candidate) => doubled(candidate).length <= 500)!;
    expect(doubled(fitted).length).toBeLessThanOrEqual(500);
    expect(doubled(fitted).length).toBeGreaterThan(480);
  });

  it('keeps description to half the room and gives the evidence the rest', () => {
    const render = (d: string, e: string) => `${d}|${e}`;
    const document = fitFindingDocument('d'.repeat(5000), 'e'.repeat(5000), render, (text) => text.length, 1000);
    expect(document.length).toBeLessThanOrEqual(1000);
    const [description, evidence] = document.split('|');
    expect(description!.length).toBeLessThanOrEqual(500);
    expect(evidence!.length).toBeGreaterThan(400);
  });
});
