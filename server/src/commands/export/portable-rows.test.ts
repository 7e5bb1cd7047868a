import { describe, expect, it } from 'vitest';
import { csvCell, csvHeader, csvRecord, parsePriorityNames, portableIssue, DEFAULT_PORTABLE_PRIORITIES } from './portable-rows';

describe('csvCell', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say ""hi"""'],
    ['a,b\r\nc', '"a,b\r\nc"'],
    ['=1+1', `"'=1+1"`],
    ['+1', `"'+1"`],
    ['-1', `"'-1"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tx', `"'\tx"`],
    ['\rx', `"'\rx"`],
    ['\uFF1D1+1', `"'\uFF1D1+1"`],
    ['a=1', '"a=1"'],
    ['', '""'],
  ])('%j -> %s', (value, cell) => expect(csvCell(value)).toBe(cell));
});

describe('rows', () => {
  const finding = { fingerprint: 'fp-1', title: 'T', description: 'D', severity: 'medium' as const, url: 'https://a.test' };
  it('writes a header and records with a fixed number of label columns', () => {
    const issue = portableIssue(finding, { issueType: 'Bug', labels: ['x'], priorities: DEFAULT_PORTABLE_PRIORITIES });
    expect(issue).toMatchObject({ summary: 'T', issue_type: 'Bug', priority: 'Medium', labels: ['x', 'webriskops-fp-1'], external_id: 'fp-1' });
    expect(csvHeader(2)).toBe('"Summary","Issue Type","Priority","Description","Labels","Labels","External ID"\r\n');
    expect(csvRecord(issue, 3).split('","').length).toBe(8);
  });

  it('neutralises a formula before cutting: a 255-character title starting with - stays within the summary limit', () => {
    const issue = portableIssue({ ...finding, title: `-${'x'.repeat(254)}` }, { issueType: 'Bug', labels: [], priorities: DEFAULT_PORTABLE_PRIORITIES });
    const summaryCell = csvRecord(issue, 0).split('","')[0]!.slice(1);
    expect(summaryCell.startsWith("'-x")).toBe(true);
    expect(summaryCell.length).toBeLessThanOrEqual(254);
    expect(summaryCell.match(/truncated by WebRiskOps, \d+ characters/g)).toHaveLength(1);
  });

  it('parses priority names over the defaults and names a bad entry', () => {
    expect(parsePriorityNames('high: P1 ,info:P5')).toEqual({ ok: true, value: { ...DEFAULT_PORTABLE_PRIORITIES, high: 'P1', info: 'P5' } });
    expect(parsePriorityNames(undefined)).toEqual({ ok: true, value: DEFAULT_PORTABLE_PRIORITIES });
    expect(parsePriorityNames('urgent:P0')).toEqual({ ok: false, entry: 'urgent:P0' });
    expect(parsePriorityNames('high')).toEqual({ ok: false, entry: 'high' });
  });
});
