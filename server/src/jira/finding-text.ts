import { cutWithMarker, SUMMARY_MAX_CHARS } from './text-limits';

/** What an exported finding says, as the description renderers read it. */
export interface FindingText {
  fingerprint: string;
  title: string;
  description: string;
  severity: string;
  url: string;
  evidence?: string | undefined;
}

// Control characters are exactly what this strips from user text before it reaches Jira.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe to put in a document: newlines normalised, control characters and lone surrogates gone. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** `high` -> `High`. */
export function severityLabel(severity: string): string {
  return severity.charAt(0).toUpperCase() + severity.slice(1);
}

/** The issue summary: one line, cut (and marked) to the length Jira accepts. */
export function summaryText(title: string): string {
  return cutWithMarker(cleanText(title).replace(/\n/g, ' '), SUMMARY_MAX_CHARS);
}
