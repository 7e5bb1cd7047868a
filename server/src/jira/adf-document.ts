import { bounded, cleanText, MAX_DESCRIPTION_CHARS, MAX_EVIDENCE_CHARS, severityLabel, type FindingText } from './finding-text';

/** An Atlassian Document Format node (the subset the finding description uses). */
export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

/** The ADF document Jira Cloud v3 takes for `description`. */
export interface AdfDocument {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

const textNode = (text: string, marks?: AdfNode['marks']): AdfNode => ({ type: 'text', text, ...(marks ? { marks } : {}) });

/** A paragraph whose line breaks are hardBreak nodes; empty text nodes are not allowed in ADF. */
function paragraph(text: string): AdfNode {
  const content: AdfNode[] = [];
  text.split('\n').forEach((line, index) => {
    if (index > 0) content.push({ type: 'hardBreak' });
    if (line.length > 0) content.push(textNode(line));
  });
  return { type: 'paragraph', content };
}

/**
 * The finding as ADF: severity, URL (a link mark, http(s) only), the description as paragraphs,
 * evidence in a code block and the fingerprint. User text only ever becomes `text` nodes, so
 * nothing in it can turn into markup, links or mentions.
 */
export function findingToAdf(finding: FindingText): AdfDocument {
  const url = cleanText(finding.url);
  const linkable = /^https?:\/\//i.test(url);
  const content: AdfNode[] = [
    { type: 'paragraph', content: [textNode('Severity: ', [{ type: 'strong' }]), textNode(severityLabel(finding.severity))] },
    { type: 'paragraph', content: [textNode('URL: ', [{ type: 'strong' }]), textNode(url, linkable ? [{ type: 'link', attrs: { href: url } }] : undefined)] },
  ];
  const description = bounded(cleanText(finding.description).trim(), MAX_DESCRIPTION_CHARS);
  for (const block of description.split(/\n{2,}/)) if (block.trim()) content.push(paragraph(block));
  const evidence = finding.evidence ? bounded(cleanText(finding.evidence), MAX_EVIDENCE_CHARS) : '';
  if (evidence.trim()) {
    content.push({ type: 'heading', attrs: { level: 3 }, content: [textNode('Evidence')] });
    content.push({ type: 'codeBlock', content: [textNode(evidence)] });
  }
  content.push({ type: 'paragraph', content: [textNode('WebRiskOps finding '), textNode(finding.fingerprint, [{ type: 'code' }])] });
  return { type: 'doc', version: 1, content };
}
