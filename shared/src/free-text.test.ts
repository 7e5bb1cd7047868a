import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { forbiddenCharacter, freeText } from './free-text';

describe('the free-text rule', () => {
  it.each([
    ['NUL', 'a\u0000b', 'U+0000'],
    ['LF', 'a\nb', 'U+000A'],
    ['CR', 'a\rb', 'U+000D'],
    ['TAB', 'a\tb', 'U+0009'],
    ['ESC', '\u001b[31mred', 'U+001B'],
    ['DEL', 'a\u007fb', 'U+007F'],
    ['C1 NEL', 'a\u0085b', 'U+0085'],
    ['right-to-left override', 'invoice\u202Efdp.exe', 'U+202E'],
    ['left-to-right embedding', '\u202Aa', 'U+202A'],
    ['first strong isolate', 'a\u2068b', 'U+2068'],
    ['pop directional isolate', 'a\u2069', 'U+2069'],
    ['line separator', 'a\u2028b', 'U+2028'],
  ])('a name refuses %s', (_, value, found) => {
    expect(forbiddenCharacter(value, 'name')).toBe(found);
  });

  it('a name keeps ordinary text, accents, scripts written right to left and the directional marks', () => {
    for (const value of ['Jira Data Center', 'Sécurité – prod', 'שלום עולם', 'مرحبا\u200F', 'a\u200Eb', '日本語', '😀'])
      expect(forbiddenCharacter(value, 'name')).toBeNull();
  });

  it('multi-line text keeps TAB, LF and CR but refuses the other controls and the overrides', () => {
    expect(forbiddenCharacter('line 1\r\nline 2\tcol', 'text')).toBeNull();
    expect(forbiddenCharacter('a\u0000', 'text')).toBe('U+0000');
    expect(forbiddenCharacter('a\u202E', 'text')).toBe('U+202E');
    expect(forbiddenCharacter('\u001b[0m', 'text')).toBe('U+001B');
  });

  it("as a zod rule it names what it found and keeps the schema's own checks", () => {
    const schema = z.object({ title: freeText(z.string().trim().min(1)) });
    const result = schema.safeParse({ title: 'x\u202Ey' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['title'], message: expect.stringMatching(/found U\+202E/) });
    expect(schema.safeParse({ title: '  ' }).success).toBe(false);
    expect(schema.safeParse({ title: ' ok ' }).data).toEqual({ title: 'ok' });
  });
});
