import { cleanText, severityLabel, type FindingText } from './finding-text';
import { DC_TEXT_MAX_CHARS, cutToFit, fitFindingDocument } from './text-limits';

/** Characters that start wiki markup (text effects, links, images, macros, tables, lists), and the backslash. */
const SPECIAL = /[\\*_?\-+^~{}[\]!|#]/g;

/**
 * Plain text as Jira wiki markup that renders as itself: each special character escaped with a
 * backslash, the backslash itself as an HTML entity (`\\` would be a line break), and block
 * markers at a line start (`h1.`, `bq.`) broken with an entity. No link, image, mention (`[~user]`),
 * macro or table can come out of user text.
 */
export function escapeWikiText(text: string): string {
  return cleanText(text)
    .replace(SPECIAL, (char) => (char === '\\' ? '&#92;' : `\\${char}`))
    .replace(/^(\s*)h([1-6]\.)/gm, '$1&#104;$2')
    .replace(/^(\s*)b(q\.)/gm, '$1&#98;$2');
}

/** Text for a `{noformat}` block: only the macro's own name could end the block, so it is broken. */
export function noformatBody(text: string): string {
  return cleanText(text).replace(/\{noformat/gi, (match) => `{\u200B${match.slice(1)}`);
}

/** A URL for a wiki link target: characters that could end or restyle the link are percent-encoded. */
export function wikiLinkTarget(url: string): string {
  return cleanText(url).replace(/[^A-Za-z0-9\-._:/?#@$&=,;%]/g, (char) =>
    encodeURIComponent(char).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
  );
}

/**
 * The finding as Jira wiki markup (Data Center v2 `description`, and the CSV importer's
 * Description): escaped prose, a link whose target is percent-encoded, evidence in `{noformat}`.
 * The markup as sent stays within `maxChars` (Jira's 32,767 by default): description and evidence
 * are cut before escaping until the escaped result fits, each cut marked.
 */
export function findingToWikiMarkup(finding: FindingText, maxChars = DC_TEXT_MAX_CHARS): string {
  const url = cleanText(finding.url);
  const head = [`*Severity:* ${escapeWikiText(severityLabel(finding.severity))}`];
  head.push(/^https?:\/\//i.test(url) ? `*URL:* [${escapeWikiText(url)}|${wikiLinkTarget(url)}]` : `*URL:* ${escapeWikiText(url)}`);
  const footer = `WebRiskOps finding {{${escapeWikiText(finding.fingerprint)}}}`;
  const render = (description: string, evidence: string) => {
    const lines = [...head];
    if (description) lines.push('', escapeWikiText(description));
    if (evidence.trim()) lines.push('', 'h3. Evidence', '{noformat}', noformatBody(evidence), '{noformat}');
    lines.push('', footer);
    return lines.join('\n');
  };
  return fitFindingDocument(
    cleanText(finding.description).trim(),
    finding.evidence ? cleanText(finding.evidence) : '',
    render,
    (text) => text.length,
    maxChars,
  );
}

/** Plain text for a Data Center text field: escaped like the description, then cut until the escaped form fits. */
export function wikiFieldText(text: string, maxChars: number, separator: ' ' | '\n' = '\n'): string {
  const fitted = cutToFit(cleanText(text), (candidate) => escapeWikiText(candidate).length <= maxChars, separator) ?? '';
  return escapeWikiText(fitted);
}
