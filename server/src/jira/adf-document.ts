import { cleanText, severityLabel, type FindingText } from './finding-text';
import { CLOUD_ADF_JSON_MAX_CHARS, cutToFit, fitFindingDocument } from './text-limits';

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
 * nothing in it can turn into markup, links or mentions. The serialised document stays within
 * `maxJsonChars`: description and evidence are cut until it fits, each cut marked.
 */
export function findingToAdf(finding: FindingText, maxJsonChars = CLOUD_ADF_JSON_MAX_CHARS): AdfDocument {
  const url = cleanText(finding.url);
  const linkable = /^https?:\/\//i.test(url);
  const head: AdfNode[] = [
    { type: 'paragraph', content: [textNode('Severity: ', [{ type: 'strong' }]), textNode(severityLabel(finding.severity))] },
    { type: 'paragraph', content: [textNode('URL: ', [{ type: 'strong' }]), textNode(url, linkable ? [{ type: 'link', attrs: { href: url } }] : undefined)] },
  ];
  const render = (description: string, evidence: string): AdfDocument => {
    const content = [...head, ...paragraphs(description)];
    if (evidence.trim()) {
      content.push({ type: 'heading', attrs: { level: 3 }, content: [textNode('Evidence')] });
      content.push({ type: 'codeBlock', content: [textNode(evidence)] });
    }
    content.push({ type: 'paragraph', content: [textNode('WebRiskOps finding '), textNode(finding.fingerprint, [{ type: 'code' }])] });
    return { type: 'doc', version: 1, content };
  };
  return fitFindingDocument(
    cleanText(finding.description).trim(),
    finding.evidence ? cleanText(finding.evidence) : '',
    render,
    (document) => JSON.stringify(document).length,
    maxJsonChars,
  );
}

function paragraphs(text: string): AdfNode[] {
  return text
    .split(/\n{2,}/)
    .filter((block) => block.trim())
    .map(paragraph);
}

/**
 * Plain text as an ADF document built by the companion (Cloud rich-text fields): paragraphs of
 * text nodes without marks, so no mention, media or link can come out of it; cut until the JSON fits.
 */
export function plainTextToAdf(text: string, maxJsonChars = CLOUD_ADF_JSON_MAX_CHARS): AdfDocument {
  const render = (kept: string): AdfDocument => ({ type: 'doc', version: 1, content: paragraphs(kept.trim()) });
  const fitted = cutToFit(cleanText(text), (candidate) => JSON.stringify(render(candidate)).length <= maxJsonChars, '\n') ?? '';
  return render(fitted);
}
