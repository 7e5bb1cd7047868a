import { fromBase64, toBase64, toHex, utf8 } from './encoding';

/** What a ciphertext is bound to: decrypting it under any other binding fails. */
export interface SecretBinding {
  workspaceId: string;
  targetId: string;
  kind: string;
}

/** The master keys: the current one seals, every listed one opens (key rotation). */
export interface Keyring {
  currentKeyId: string;
  keys: ReadonlyMap<string, CryptoKey>;
  /** The same master keys as HKDF input, for keys derived with a label (finding proofs). */
  derivationKeys: ReadonlyMap<string, CryptoKey>;
}

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

/** Builds the keyring from base64 32-byte keys; the key id is a hash prefix, never the key. */
export async function createKeyring(base64Keys: readonly string[]): Promise<Keyring> {
  if (base64Keys.length === 0) throw new SecretBoxError('At least one master key is required.');
  const keys = new Map<string, CryptoKey>();
  const derivationKeys = new Map<string, CryptoKey>();
  let currentKeyId = '';
  for (const encoded of base64Keys) {
    const raw = fromBase64(encoded) as Uint8Array<ArrayBuffer>;
    if (raw.length !== 32) throw new SecretBoxError('A master key must be 32 bytes.');
    const keyId = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', raw))).slice(0, 12);
    keys.set(keyId, await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']));
    derivationKeys.set(keyId, await crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveKey']));
    currentKeyId ||= keyId;
  }
  return { currentKeyId, keys, derivationKeys };
}

function additionalData(binding: SecretBinding): Uint8Array<ArrayBuffer> {
  return utf8(`webriskops/credential/v1\u0000${binding.workspaceId}\u0000${binding.targetId}\u0000${binding.kind}`);
}

/** Encrypts with AES-256-GCM under a random 96-bit IV: `v1.<keyId>.<iv>.<ciphertext>`. */
export async function sealSecret(keyring: Keyring, plaintext: string, binding: SecretBinding): Promise<{ keyId: string; sealed: string }> {
  const key = keyring.keys.get(keyring.currentKeyId);
  if (!key) throw new SecretBoxError('The current master key is missing from the keyring.');
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: additionalData(binding) }, key, utf8(plaintext));
  return { keyId: keyring.currentKeyId, sealed: `v1.${keyring.currentKeyId}.${toBase64(iv)}.${toBase64(new Uint8Array(ciphertext))}` };
}

/** Decrypts a sealed secret; throws (without any secret in the message) on a wrong key or binding. */
export async function openSecret(keyring: Keyring, sealed: string, binding: SecretBinding): Promise<string> {
  const [version, keyId, ivText, ciphertextText] = sealed.split('.');
  if (version !== 'v1' || !keyId || !ivText || !ciphertextText) throw new SecretBoxError('Unrecognised ciphertext format.');
  const key = keyring.keys.get(keyId);
  if (!key) throw new SecretBoxError(`Master key ${keyId} is not configured; add it to MASTER_KEY to read this credential.`);
  try {
    const plaintext = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(ivText) as Uint8Array<ArrayBuffer>, additionalData: additionalData(binding) },
      key,
      fromBase64(ciphertextText) as Uint8Array<ArrayBuffer>,
    );
    return new TextDecoder().decode(plaintext);
  } catch {
    throw new SecretBoxError('The credential could not be decrypted: wrong key or it belongs to another target.');
  }
}

/** The last four characters, the only part of a secret the record shows. */
export function fingerprintOf(secret: string): string {
  return secret.length >= 12 ? secret.slice(-4) : '…';
}
