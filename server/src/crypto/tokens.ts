import { toBase64Url, toHex, utf8 } from './encoding';
import { nodeCrypto } from './node-crypto';

/** Unpredictable bytes as base64url, for session, setup and API token secrets. */
export function randomToken(byteLength = 32): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(byteLength)));
}

const ID_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A short random id with a readable prefix (`tgt_…`, `aud_…`). */
export function newId(prefix: string, length = 16): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return `${prefix}_${Array.from(bytes, (byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('')}`;
}

/** SHA-256 as hex: how tokens are stored, so a database copy holds nothing usable (Node's hash when there, no thread-pool trip). */
export async function sha256Hex(text: string): Promise<string> {
  return sha256HexAtOnce(text) ?? toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text))));
}

/** {@link sha256Hex} without waiting, where the runtime hashes synchronously (Node); null elsewhere. */
export function sha256HexAtOnce(text: string): string | null {
  if (!nodeCrypto) return null;
  return nodeCrypto.hash ? nodeCrypto.hash('sha256', text, 'hex') : nodeCrypto.createHash('sha256').update(text).digest('hex');
}

/** Compares two strings in time that depends only on their length, not on where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = utf8(a);
  const right = utf8(b);
  let difference = left.length ^ right.length;
  const length = Math.max(left.length, right.length);
  for (let i = 0; i < length; i += 1) difference |= (left[i] ?? 0) ^ (right[i] ?? 0);
  return difference === 0;
}

/** HMAC-SHA256 as base64url, for values derived from a secret (CSRF tokens). */
export async function hmacBase64Url(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return toBase64Url(new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8(message))));
}
