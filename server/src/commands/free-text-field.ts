import { forbiddenCharacter, freeTextRule, type FreeTextKind } from '@webriskops/shared';
import { validationFailed } from '../errors';

/**
 * Refuses a free-text value that holds control characters or bidirectional overrides, with a 400
 * naming the field (never echoing the value: it may be a secret). The rule is shared/'s `freeText`;
 * this is its form for values that do not come through a zod schema (CLI arguments, query parts).
 */
export function refuseForbiddenText(field: string, value: string, kind: FreeTextKind = 'name'): void {
  const found = forbiddenCharacter(value, kind);
  if (found)
    throw validationFailed(`${field} ${freeTextRule(kind, found)}.`, `Remove the control or bidirectional characters from ${field} and send it again.`);
}
