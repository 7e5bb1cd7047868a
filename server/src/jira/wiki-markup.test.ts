import { describe, expect, it } from 'vitest';
import { escapeWikiText, findingToWikiMarkup, noformatBody, wikiLinkTarget } from './wiki-markup';

describe('escapeWikiText', () => {
  it.each([
    ['[~admin]', '\\[\\~admin\\]'],
    ['[text|https://evil.test]', '\\[text\\|https://evil.test\\]'],
    ['!https://evil.test/x.png!', '\\!https://evil.test/x.png\\!'],
    ['{color:red}x{color}', '\\{color:red\\}x\\{color\\}'],
    ['*bold* _it_ -del- +ins+ ^sup^ ??cite??', '\\*bold\\* \\_it\\_ \\-del\\- \\+ins\\+ \\^sup\\^ \\?\\?cite\\?\\?'],
    ['# item\n|| h ||', '\\# item\n\\|\\| h \\|\\|'],
    ['C:\\dir\\\\x', 'C:&#92;dir&#92;&#92;x'],
    ['h1. Title\n  h6. Deep\nbq. quote\nahh1. fine', '&#104;1. Title\n  &#104;6. Deep\n&#98;q. quote\nahh1. fine'],
    ['plain text, 100%', 'plain text, 100%'],
    ['a\r\nb\u0000c', 'a\nbc'],
  ])('%j -> %j', (input, expected) => expect(escapeWikiText(input)).toBe(expected));
});

describe('noformatBody', () => {
  it('breaks the macro name so user text cannot close the block, in any case', () => {
    expect(noformatBody('a {noformat} b {NoFormat:title=x}')).toBe('a {\u200Bnoformat} b {\u200BNoFormat:title=x}');
  });
});

describe('wikiLinkTarget', () => {
  it('percent-encodes what could end or restyle a link', () => {
    expect(wikiLinkTarget('https://a.test/p?q=[x]|y!{z}^~*')).toBe('https://a.test/p?q=%5Bx%5D%7Cy%21%7Bz%7D%5E%7E%2A');
    expect(wikiLinkTarget('https://a.test/search?q=%3Cb%3E&x=1')).toBe('https://a.test/search?q=%3Cb%3E&x=1');
  });
});

describe('findingToWikiMarkup', () => {
  it('puts evidence in one noformat block and keeps the structure', () => {
    const text = findingToWikiMarkup({
      fingerprint: 'fp_1',
      title: 't',
      description: 'Hello *world*',
      severity: 'critical',
      url: 'https://a.test/x',
      evidence: 'x {noformat} y',
    });
    expect(text).toBe(
      [
        '*Severity:* Critical',
        '*URL:* [https://a.test/x|https://a.test/x]',
        '',
        'Hello \\*world\\*',
        '',
        'h3. Evidence',
        '{noformat}',
        'x {\u200Bnoformat} y',
        '{noformat}',
        '',
        'WebRiskOps finding {{fp\\_1}}',
      ].join('\n'),
    );
  });

  it("cuts long evidence after escaping to Jira's 32,767 characters and says so", () => {
    const text = findingToWikiMarkup({ fingerprint: 'f', title: 't', description: '', severity: 'low', url: 'https://a.test', evidence: 'e'.repeat(100_000) });
    expect(text.length).toBeLessThanOrEqual(32_767);
    expect(text.length).toBeGreaterThan(32_000);
    expect(text).toMatch(/\n… \(truncated by WebRiskOps, \d+ characters\)\n\{noformat\}/);
  });

  it('measures the escaped description, not the raw one: a description of special characters stays under the limit', () => {
    const text = findingToWikiMarkup({
      fingerprint: 'f',
      title: 't',
      description: '\\'.repeat(32_000),
      severity: 'low',
      url: 'https://a.test',
      evidence: '[x]'.repeat(30_000),
    });
    expect(text.length).toBeLessThanOrEqual(32_767);
    expect(text.match(/truncated by WebRiskOps/g)).toHaveLength(2);
    expect(text).not.toMatch(/&#9?$|[^\\]\\$/m);
  });
});
