import { forbiddenCharacter } from '@webriskops/shared';
import { summaryText } from '../../jira/finding-text';
import { cutWithMarker, DC_TEXT_MAX_CHARS, SUMMARY_MAX_CHARS } from '../../jira/text-limits';
import { findingToWikiMarkup } from '../../jira/wiki-markup';
import { z } from 'zod';
import { findingLabel, findingSchema, jiraLabelSchema, SEVERITIES, type Severity } from './export-input';

/** Labels one finding may add to its own issue (the CSV has this many label columns to spare). */
export const MAX_FINDING_LABELS = 5;

/** A finding of the portable export: the export API's finding, plus labels of its own. */
export const portableFindingSchema = findingSchema.extend({ labels: z.array(jiraLabelSchema).max(MAX_FINDING_LABELS).optional() });
export type PortableFinding = z.infer<typeof portableFindingSchema>;

/** How findings become rows when there is no Jira to ask: names, as Jira's CSV importer maps them. */
export interface PortableMapping {
  issueType: string;
  labels: string[];
  priorities: Record<Severity, string>;
}

export const DEFAULT_PORTABLE_PRIORITIES: Record<Severity, string> = { critical: 'Highest', high: 'High', medium: 'Medium', low: 'Low', info: 'Lowest' };

/** One issue of the portable export, before it is written as CSV or JSON. */
export interface PortableIssue {
  summary: string;
  issue_type: string;
  priority: string;
  /** Jira wiki markup: the importer (Cloud and Data Center) reads Description as wiki markup. */
  description: string;
  labels: string[];
  external_id: string;
}

export function portableIssue(finding: PortableFinding, mapping: PortableMapping): PortableIssue {
  return {
    summary: summaryText(finding.title),
    issue_type: mapping.issueType,
    priority: mapping.priorities[finding.severity],
    description: findingToWikiMarkup(finding),
    labels: [...new Set([...mapping.labels, ...(finding.labels ?? []), findingLabel(finding.fingerprint)])],
    external_id: finding.fingerprint,
  };
}

/** Characters that make a spreadsheet read a cell as a formula (and their full-width forms). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * One CSV cell (RFC 4180, always quoted): a cell a spreadsheet would run as a formula gets a
 * leading apostrophe, the OWASP "CSV injection" defence; then it is cut (and marked) to
 * `maxChars`, so the apostrophe never pushes a cell past Jira's limit; quotes are doubled.
 */
export function csvCell(value: string, maxChars = DC_TEXT_MAX_CHARS): string {
  const neutral = FORMULA_START.test(value) ? `'${value}` : value;
  const safe = neutral.length > maxChars ? cutWithMarker(neutral, maxChars) : neutral;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * The header Jira's CSV importer maps: Summary, Issue Type, Priority, Description, one Labels
 * column per label (the importer takes several labels as repeated columns), External ID.
 */
export function csvHeader(labelColumns: number): string {
  return (
    [...['Summary', 'Issue Type', 'Priority', 'Description'], ...Array.from({ length: labelColumns }, () => 'Labels'), 'External ID']
      .map((cell) => csvCell(cell))
      .join(',') + '\r\n'
  );
}

/** One issue as a CSV record, with exactly `labelColumns` label cells. */
export function csvRecord(issue: PortableIssue, labelColumns: number): string {
  const labels = Array.from({ length: labelColumns }, (_, index) => issue.labels[index] ?? '');
  return (
    [
      csvCell(issue.summary, SUMMARY_MAX_CHARS),
      ...[issue.issue_type, issue.priority, issue.description, ...labels, issue.external_id].map((cell) => csvCell(cell)),
    ].join(',') + '\r\n'
  );
}

/** Parses `critical:Highest,high:High` over the defaults; null names the bad entry. */
export function parsePriorityNames(text: string | undefined): { ok: true; value: Record<Severity, string> } | { ok: false; entry: string } {
  const value = { ...DEFAULT_PORTABLE_PRIORITIES };
  for (const entry of (text ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const colon = entry.indexOf(':');
    const severity = entry.slice(0, colon).trim() as Severity;
    const name = entry.slice(colon + 1).trim();
    if (colon < 1 || !SEVERITIES.includes(severity) || !name || name.length > 100 || forbiddenCharacter(name, 'name')) return { ok: false, entry };
    value[severity] = name;
  }
  return { ok: true, value };
}
