import { utf8 } from './encoding';

/** `sha256=<64 hex>` as Jira's admin webhooks send it in `X-Hub-Signature`; null for anything else. */
function signatureBytes(header: string): Uint8Array<ArrayBuffer> | null {
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header.trim());
  if (!match) return null;
  const hex = match[1]!;
  const bytes = new Uint8Array(32);
  for (let i = 0; i < 32; i += 1) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/**
 * Whether `header` is the HMAC-SHA256 of the raw body under `secret`. WebCrypto's `verify` compares
 * in constant time (the same on Node and Workers); a malformed header is simply false.
 */
export async function verifyHubSignature(secret: string, rawBody: Uint8Array<ArrayBuffer>, header: string): Promise<boolean> {
  const signature = signatureBytes(header);
  if (!signature) return false;
  const key = await crypto.subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  return crypto.subtle.verify('HMAC', key, signature, rawBody);
}
