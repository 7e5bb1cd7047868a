import { describe, expect, it } from 'vitest';
import { findingToAdf, plainTextToAdf, type AdfNode } from './adf-document';

const finding = {
  fingerprint: 'fp-1',
  title: 't',
  description: 'First [~admin] *x*\nsame paragraph\n\n\nSecond',
  severity: 'high',
  url: 'https://a.test/?q=1',
  evidence: '<script>\n</script>',
};

function allText(nodes: AdfNode[]): AdfNode[] {
  return nodes.flatMap((node) => (node.type === 'text' ? [node] : allText(node.content ?? [])));
}

describe('findingToAdf', () => {
  it('is a version 1 doc whose user text only ever sits in text nodes', () => {
    const doc = findingToAdf(finding);
    expect(doc).toMatchObject({ type: 'doc', version: 1 });
    expect(doc.content.map((node) => node.type)).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph', 'heading', 'codeBlock', 'paragraph']);
    expect(doc.content[2]).toEqual({
      type: 'paragraph',
      content: [{ type: 'text', text: 'First [~admin] *x*' }, { type: 'hardBreak' }, { type: 'text', text: 'same paragraph' }],
    });
    expect(doc.content[5]).toEqual({ type: 'codeBlock', content: [{ type: 'text', text: '<script>\n</script>' }] });
    expect(allText(doc.content).every((node) => typeof node.text === 'string' && node.text.length > 0)).toBe(true);
  });

  it('links the URL only when it is http(s)', () => {
    expect(findingToAdf(finding).content[1]!.content![1]).toEqual({
      type: 'text',
      text: 'https://a.test/?q=1',
      marks: [{ type: 'link', attrs: { href: 'https://a.test/?q=1' } }],
    });
    expect(findingToAdf({ ...finding, url: 'javascript:alert(1)' }).content[1]!.content![1]).toEqual({ type: 'text', text: 'javascript:alert(1)' });
  });

  it('drops control characters and lone surrogates, skips empty evidence and description', () => {
    const doc = findingToAdf({ ...finding, description: 'a\u0007b\uD800', evidence: '   ' });
    expect(doc.content.map((node) => node.type)).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph']);
    expect(doc.content[2]!.content![0]!.text).toBe('ab\uFFFD');
  });

  it('keeps the serialised document within 32,767 characters with a marker, however long the evidence', () => {
    const doc = findingToAdf({ ...finding, description: '"\\'.repeat(16_000), evidence: '<'.repeat(100_000) });
    const json = JSON.stringify(doc);
    expect(json.length).toBeLessThanOrEqual(32_767);
    expect(json.length).toBeGreaterThan(30_000);
    expect(allText(doc.content).filter((node) => /truncated by WebRiskOps, \d+ characters/.test(node.text ?? ''))).toHaveLength(2);
  });
});

describe('plainTextToAdf', () => {
  it('builds paragraphs of unmarked text nodes and cuts to the JSON bound', () => {
    const doc = plainTextToAdf('@admin [x|javascript:alert(1)]\n\n!http://169.254.169.254/x!'.repeat(2000), 5_000);
    expect(JSON.stringify(doc).length).toBeLessThanOrEqual(5_000);
    expect(allText(doc.content).every((node) => node.marks === undefined)).toBe(true);
    expect(JSON.stringify(doc)).not.toMatch(/"(mention|media|inlineCard|link)"/);
  });
});
