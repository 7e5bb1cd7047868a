import type { z } from 'zod';

/**
 * What a free-text field may hold. `name`: one line (names, titles, labels, emails, URLs, tokens);
 * `text`: several lines (a finding's description and evidence), so TAB, LF and CR are allowed.
 */
export type FreeTextKind = 'name' | 'text';

// Control characters are exactly what these patterns exist to find.
/* eslint-disable no-control-regex */
/**
 * C0 controls, DEL, C1 controls, the line and paragraph separators, and the bidirectional
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069: "Trojan Source" text that
 * displays in another order than it is stored). The directional marks (U+200E, U+200F, U+061C)
 * stay allowed: right-to-left names need them and they reorder nothing on their own.
 */
const FORBIDDEN: Record<FreeTextKind, RegExp> = {
  name: /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/,
  text: /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/,
};
/* eslint-enable no-control-regex */

/** The first character a free-text field may not hold, as `U+202E`; null when the value is clean. */
export function forbiddenCharacter(value: string, kind: FreeTextKind): string | null {
  const match = FORBIDDEN[kind].exec(value);
  return match ? `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** Why a value is refused (without the value itself, which may be a secret). */
export function freeTextRule(kind: FreeTextKind, found: string): string {
  return kind === 'name'
    ? `must not contain control characters (line breaks and tabs included) or bidirectional overrides (found ${found})`
    : `must not contain control characters other than line breaks and tabs, or bidirectional overrides (found ${found})`;
}

/** A zod string refusing what `forbiddenCharacter` finds: the one rule every API schema uses. */
export function freeText<T extends z.ZodType<string>>(schema: T, kind: FreeTextKind = 'name'): T {
  return schema.superRefine((value, ctx) => {
    const found = forbiddenCharacter(value, kind);
    if (found) ctx.addIssue({ code: 'custom', message: freeTextRule(kind, found) });
  });
}
