import { fromBase64, toBase64, toHex, utf8 } from './encoding';
import { nodeCrypto, type NodeKeyObject } from './node-crypto';

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
  /**
   * The same master keys as Node key objects, where Node's crypto is at hand: credentials are
   * opened and proofs made synchronously (same algorithms, same results as the WebCrypto keys).
   */
  nativeKeys?: ReadonlyMap<string, NodeKeyObject>;
}

export class SecretBoxError extends Error {
  override name = 'SecretBoxError';
}

/** Builds the keyring from base64 32-byte keys; the key id is a hash prefix, never the key. */
export async function createKeyring(base64Keys: readonly string[]): Promise<Keyring> {
  if (base64Keys.length === 0) throw new SecretBoxError('At least one master key is required.');
  const keys = new Map<string, CryptoKey>();
  const derivationKeys = new Map<string, CryptoKey>();
  const nativeKeys = new Map<string, NodeKeyObject>();
  let currentKeyId = '';
  for (const encoded of base64Keys) {
    const raw = fromBase64(encoded) as Uint8Array<ArrayBuffer>;
    if (raw.length !== 32) throw new SecretBoxError('A master key must be 32 bytes.');
    const keyId = toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', raw))).slice(0, 12);
    keys.set(keyId, await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']));
    derivationKeys.set(keyId, await crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveKey']));
    if (nodeCrypto) nativeKeys.set(keyId, nodeCrypto.createSecretKey(raw));
    currentKeyId ||= keyId;
  }
  return { currentKeyId, keys, derivationKeys, ...(nodeCrypto ? { nativeKeys } : {}) };
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
  const iv = fromBase64(ivText) as Uint8Array<ArrayBuffer>;
  const ciphertext = fromBase64(ciphertextText) as Uint8Array<ArrayBuffer>;
  try {
    const native = keyring.nativeKeys?.get(keyId);
    if (native && nodeCrypto) return openNatively(native, iv, ciphertext, additionalData(binding));
    const plaintext = await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: additionalData(binding) }, key, ciphertext);
    return new TextDecoder().decode(plaintext);
  } catch {
    throw new SecretBoxError('The credential could not be decrypted: wrong key or it belongs to another target.');
  }
}

const TAG_BYTES = 16;

/** AES-256-GCM open with Node's crypto: WebCrypto's output is the ciphertext followed by the 16-byte tag. */
function openNatively(key: NodeKeyObject, iv: Uint8Array, sealed: Uint8Array, aad: Uint8Array): string {
  if (sealed.length < TAG_BYTES) throw new SecretBoxError('The ciphertext is too short.');
  const decipher = nodeCrypto!.createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  const head = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES));
  // final() throws when the tag does not match: a wrong key, binding or a changed byte.
  const tail = decipher.final();
  return new TextDecoder().decode(tail.length === 0 ? head : new Uint8Array([...head, ...tail]));
}

/** The last four characters, the only part of a secret the record shows. */
export function fingerprintOf(secret: string): string {
  return secret.length >= 12 ? secret.slice(-4) : '…';
}
