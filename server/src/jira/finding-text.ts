/** What an exported finding says, as the description renderers read it. */
export interface FindingText {
  fingerprint: string;
  title: string;
  description: string;
  severity: string;
  url: string;
  evidence?: string | undefined;
}

/** Description and evidence beyond these lengths are cut (Jira's description holds 32,767 characters). */
export const MAX_DESCRIPTION_CHARS = 10_000;
export const MAX_EVIDENCE_CHARS = 16_000;

// Control characters are exactly what this strips from user text before it reaches Jira.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe to put in a document: newlines normalised, control characters and lone surrogates gone. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** `text` cut to `max` characters with a note saying how much was left out. */
export function bounded(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}\n… (${text.length - max} more characters not exported)`;
}

/** `high` -> `High`. */
export function severityLabel(severity: string): string {
  return severity.charAt(0).toUpperCase() + severity.slice(1);
}
