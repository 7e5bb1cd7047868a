import { PAIRING_CODE_ALPHABET, PAIRING_CODE_BODY_LENGTH, PAIRING_CODE_PREFIX, normalizePairingCode } from '@webriskops/shared';
import { sha256Hex } from '../../crypto/tokens';

export const PAIRING_CODE_TTL_MS = 10 * 60 * 1000;

/** A new pairing code in the shared format: `WRO-` and 26 Crockford base32 symbols (130 bits). */
export function newPairingCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(PAIRING_CODE_BODY_LENGTH));
  return PAIRING_CODE_PREFIX + Array.from(bytes, (byte) => PAIRING_CODE_ALPHABET[byte & 31]).join('');
}

/** The stored form: only this hash of the canonical code is ever kept; null for a non-code. */
export async function pairingCodeHash(pasted: string): Promise<string | null> {
  const canonical = normalizePairingCode(pasted);
  return canonical ? sha256Hex(`webriskops-pairing-v1:${canonical}`) : null;
}
