import { describe, expect, it } from 'vitest';
import { createKeyring, fingerprintOf, openSecret, sealSecret, type Keyring } from './secret-box';
import { fromBase64, toBase64 } from './encoding';
import { hashPassword, verifyPassword } from './password';
import { constantTimeEqual, sha256Hex } from './tokens';

const keyA = toBase64(crypto.getRandomValues(new Uint8Array(32)));
const keyB = toBase64(crypto.getRandomValues(new Uint8Array(32)));
const binding = { workspaceId: 'ws_1', targetId: 'tgt_1', kind: 'pat' };

describe('secret box', () => {
  it('round-trips and never contains the plaintext', async () => {
    const keyring = await createKeyring([keyA]);
    const { sealed, keyId } = await sealSecret(keyring, 'NjQ2ODk0NzE2MzQ1OsuperSecretPAT', binding);
    expect(sealed).not.toContain('superSecretPAT');
    expect(sealed.startsWith(`v1.${keyId}.`)).toBe(true);
    expect(await openSecret(keyring, sealed, binding)).toBe('NjQ2ODk0NzE2MzQ1OsuperSecretPAT');
  });

  it('uses a fresh IV every time', async () => {
    const keyring = await createKeyring([keyA]);
    const first = await sealSecret(keyring, 'same', binding);
    const second = await sealSecret(keyring, 'same', binding);
    expect(first.sealed).not.toBe(second.sealed);
  });

  it.each([
    ['another workspace', { ...binding, workspaceId: 'ws_2' }],
    ['another target', { ...binding, targetId: 'tgt_2' }],
    ['another kind', { ...binding, kind: 'api_token' }],
  ])('refuses to open under %s', async (_label, otherBinding) => {
    const keyring = await createKeyring([keyA]);
    const { sealed } = await sealSecret(keyring, 'secret-value', binding);
    await expect(openSecret(keyring, sealed, otherBinding)).rejects.toThrow(/could not be decrypted/);
  });

  it('opens old ciphertext after rotation and seals with the new key', async () => {
    const before = await createKeyring([keyA]);
    const { sealed: old } = await sealSecret(before, 'rotated-secret', binding);
    const after = await createKeyring([keyB, keyA]);
    expect(await openSecret(after, old, binding)).toBe('rotated-secret');
    const { keyId } = await sealSecret(after, 'x', binding);
    expect(keyId).not.toBe(before.currentKeyId);
    const withoutOld = await createKeyring([keyB]);
    await expect(openSecret(withoutOld, old, binding)).rejects.toThrow(/not configured/);
  });

  it('detects tampering', async () => {
    const keyring = await createKeyring([keyA]);
    const { sealed } = await sealSecret(keyring, 'secret-value', binding);
    const parts = sealed.split('.');
    const flipped = parts[3]!.startsWith('A') ? `B${parts[3]!.slice(1)}` : `A${parts[3]!.slice(1)}`;
    await expect(openSecret(keyring, [...parts.slice(0, 3), flipped].join('.'), binding)).rejects.toThrow();
  });

  it.each([
    ["Node's crypto", (keyring: Keyring) => keyring],
    ['WebCrypto', (keyring: Keyring) => ({ ...keyring, nativeKeys: undefined })],
  ])('opens with %s only what was sealed for the binding, untouched', async (_label, choose) => {
    const node = await createKeyring([keyA]);
    expect(node.nativeKeys?.size).toBe(1);
    const keyring = choose(node);
    const { sealed } = await sealSecret(keyring, 'pat-ü-secret-value', binding);
    expect(await openSecret(keyring, sealed, binding)).toBe('pat-ü-secret-value');
    const [head, keyId, iv, body] = sealed.split('.') as [string, string, string, string];
    const bytes = fromBase64(body);
    const changed = (index: number) => {
      const copy = bytes.slice();
      copy[index]! ^= 1;
      return [head, keyId, iv, toBase64(copy)].join('.');
    };
    // A changed ciphertext byte, a changed tag byte, a cut tag, another IV, another binding: all refused alike.
    for (const bad of [
      changed(0),
      changed(bytes.length - 1),
      [head, keyId, iv, toBase64(bytes.subarray(0, bytes.length - 4))].join('.'),
      [head, keyId, toBase64(new Uint8Array(12)), body].join('.'),
      [head, keyId, iv, toBase64(bytes.subarray(0, 8))].join('.'),
    ]) {
      await expect(openSecret(keyring, bad, binding)).rejects.toThrow(/could not be decrypted/);
    }
    await expect(openSecret(keyring, sealed, { ...binding, targetId: 'tgt_2' })).rejects.toThrow(/could not be decrypted/);
  });

  it('fingerprints show only the last four characters', () => {
    expect(fingerprintOf('abcdefghijklmnop')).toBe('mnop');
    expect(fingerprintOf('short')).toBe('…');
  });
});

describe('passwords', () => {
  it('verifies the right password only', async () => {
    const stored = await hashPassword('correct horse battery', 1000);
    expect(stored).toMatch(/^pbkdf2-sha256\$1000\$/);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });

  it('defaults to 600,000 iterations', async () => {
    expect(await hashPassword('a long enough password')).toMatch(/^pbkdf2-sha256\$600000\$/);
  });

  it('hashes tokens with SHA-256 (the FIPS 180-2 test vectors)', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256Hex('wro_é')).toBe(
      Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('wro_é'))), (b) => b.toString(16).padStart(2, '0')).join(''),
    );
  });

  it('compares strings in constant time semantics', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });
});
