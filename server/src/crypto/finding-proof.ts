import { fromBase64, toBase64Url, utf8 } from './encoding';
import type { Keyring } from './secret-box';
import { nodeCrypto, type NodeKeyObject } from './node-crypto';

/**
 * What a proof binds: the target it was exported for, the finding, and either the Jira issue id
 * (`issue`, stamped once the id is known) or a one-time nonce of the create request that carried
 * it (`create`, for the moment the answer to a create is lost and the id is not known yet).
 */
export interface FindingProofSubject {
  targetId: string;
  fingerprint: string;
  binding: { kind: 'issue'; issueId: string } | { kind: 'create'; nonce: string };
}

const SALT = utf8('webriskops/finding-proof/v1');

/** How many derived keys one master key keeps (then they are derived afresh): a few hundred bytes each. */
const MAX_DERIVED_KEYS = 1000;
// Derived keys by master key (the keyring's non-extractable CryptoKey) and target: a pure function
// of both, so it never goes stale, and each export is spared an HKDF round trip through WebCrypto.
const derivedKeys = new WeakMap<CryptoKey, Map<string, Promise<CryptoKey>>>();

/** A per-target HMAC key derived from one master key with HKDF (WebCrypto: Node and Workers alike). */
function targetKey(base: CryptoKey, targetId: string): Promise<CryptoKey> {
  let keys = derivedKeys.get(base);
  if (!keys) derivedKeys.set(base, (keys = new Map()));
  let key = keys.get(targetId);
  if (!key) {
    if (keys.size >= MAX_DERIVED_KEYS) keys.clear();
    key = crypto.subtle.deriveKey(
      { name: 'HKDF', hash: 'SHA-256', salt: SALT, info: utf8(`target:${targetId}`) },
      base,
      { name: 'HMAC', hash: 'SHA-256', length: 256 },
      false,
      ['sign', 'verify'],
    );
    keys.set(targetId, key);
    // A derivation that failed is not kept: the next call tries again.
    key.catch(() => keys.delete(targetId));
  }
  return key;
}

// The same derivation with Node's crypto (HKDF-SHA256 to 32 bytes is what deriveKey gives HMAC-SHA256 above).
const nativeDerivedKeys = new WeakMap<NodeKeyObject, Map<string, NodeKeyObject>>();

function nativeTargetKey(base: NodeKeyObject, targetId: string): NodeKeyObject {
  const native = nodeCrypto!;
  let keys = nativeDerivedKeys.get(base);
  if (!keys) nativeDerivedKeys.set(base, (keys = new Map()));
  let key = keys.get(targetId);
  if (!key) {
    if (keys.size >= MAX_DERIVED_KEYS) keys.clear();
    key = native.createSecretKey(new Uint8Array(native.hkdfSync('sha256', base, SALT, utf8(`target:${targetId}`), 32)));
    keys.set(targetId, key);
  }
  return key;
}

/** The proof's MAC under one master key: Node's HMAC where the keyring has Node key objects, else WebCrypto's. */
async function macOf(keyring: Keyring, keyId: string, subject: FindingProofSubject): Promise<Uint8Array | null> {
  const native = keyring.nativeKeys?.get(keyId);
  if (native && nodeCrypto) return nodeCrypto.createHmac('sha256', nativeTargetKey(native, subject.targetId)).update(message(subject)).digest();
  const base = keyring.derivationKeys.get(keyId);
  if (!base) return null;
  return new Uint8Array(await crypto.subtle.sign('HMAC', await targetKey(base, subject.targetId), message(subject)));
}

function message(subject: FindingProofSubject): Uint8Array<ArrayBuffer> {
  const bound = subject.binding.kind === 'issue' ? `issue\u0000${subject.binding.issueId}` : `create\u0000${subject.binding.nonce}`;
  return utf8(`webriskops.finding\u0000v1\u0000${subject.targetId}\u0000${subject.fingerprint}\u0000${bound}`);
}

/**
 * `v1.<keyId>.<mac>`: proof that the companion (the only holder of the master key) exported this
 * finding for this target into this issue. A Jira user can copy the label and the property, but not
 * make a proof for another issue or another target.
 */
export async function signFindingProof(keyring: Keyring, subject: FindingProofSubject): Promise<string> {
  const mac = await macOf(keyring, keyring.currentKeyId, subject);
  if (!mac) throw new Error('The current master key is missing from the keyring.');
  return `v1.${keyring.currentKeyId}.${toBase64Url(mac)}`;
}

/** Whether `proof` (any value read from Jira) is a valid proof of `subject` under any configured master key; constant-time. */
export async function verifyFindingProof(keyring: Keyring, subject: FindingProofSubject, proof: unknown): Promise<boolean> {
  if (typeof proof !== 'string' || proof.length > 200) return false;
  const [version, keyId, macText, extra] = proof.split('.');
  if (version !== 'v1' || !keyId || !macText || extra !== undefined || !/^[A-Za-z0-9_-]{43}$/.test(macText)) return false;
  const mac = fromBase64(macText) as Uint8Array<ArrayBuffer>;
  const native = keyring.nativeKeys?.get(keyId);
  if (native && nodeCrypto) {
    const expected = await macOf(keyring, keyId, subject);
    return expected !== null && expected.length === mac.length && nodeCrypto.timingSafeEqual(expected, mac);
  }
  const base = keyring.derivationKeys.get(keyId);
  if (!base) return false;
  return crypto.subtle.verify('HMAC', await targetKey(base, subject.targetId), mac, message(subject));
}
