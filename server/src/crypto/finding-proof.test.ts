import { describe, expect, it } from 'vitest';
import { signFindingProof, verifyFindingProof, type FindingProofSubject } from './finding-proof';
import { createKeyring } from './secret-box';

const keyA = btoa(String.fromCharCode(...new Uint8Array(32).fill(7)));
const keyB = btoa(String.fromCharCode(...new Uint8Array(32).fill(9)));
const subject: FindingProofSubject = { targetId: 'tgt_1', fingerprint: 'fp-1', binding: { kind: 'issue', issueId: '10000' } };

describe('finding proofs', () => {
  it('verifies only for the same target, finding and issue', async () => {
    const keyring = await createKeyring([keyA]);
    const proof = await signFindingProof(keyring, subject);
    expect(proof).toMatch(/^v1\.[0-9a-f]{12}\.[A-Za-z0-9_-]{43}$/);
    expect(await verifyFindingProof(keyring, subject, proof)).toBe(true);
    for (const other of [
      { ...subject, targetId: 'tgt_2' },
      { ...subject, fingerprint: 'fp-2' },
      { ...subject, binding: { kind: 'issue' as const, issueId: '10001' } },
      { ...subject, binding: { kind: 'create' as const, nonce: '10000' } },
    ]) {
      expect(await verifyFindingProof(keyring, other, proof)).toBe(false);
    }
    for (const forged of [undefined, 42, '', 'v1', `${proof}.x`, proof.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))]) {
      expect(await verifyFindingProof(keyring, subject, forged)).toBe(false);
    }
  });

  it('is keyed by the master key: another companion cannot make one; a rotated-in key still verifies old proofs', async () => {
    const proof = await signFindingProof(await createKeyring([keyA]), subject);
    expect(await verifyFindingProof(await createKeyring([keyB]), subject, proof)).toBe(false);
    expect(await verifyFindingProof(await createKeyring([keyB, keyA]), subject, proof)).toBe(true);
  });

  it("Node's synchronous HMAC and WebCrypto's make and accept the same proofs, both ways", async () => {
    const native = await createKeyring([keyA]);
    expect(native.nativeKeys?.size).toBe(1);
    const webCryptoOnly = { ...native, nativeKeys: undefined };
    for (const one of [subject, { ...subject, binding: { kind: 'create' as const, nonce: 'lease_abc' } }, { ...subject, targetId: 'tgt_ü' }]) {
      const byNode = await signFindingProof(native, one);
      expect(await signFindingProof(webCryptoOnly, one)).toBe(byNode);
      expect(await verifyFindingProof(webCryptoOnly, one, byNode)).toBe(true);
      expect(await verifyFindingProof(native, { ...one, fingerprint: 'fp-other' }, byNode)).toBe(false);
      expect(await verifyFindingProof(webCryptoOnly, { ...one, fingerprint: 'fp-other' }, byNode)).toBe(false);
    }
  });
});
