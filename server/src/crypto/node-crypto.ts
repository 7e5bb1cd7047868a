/**
 * Node's synchronous crypto when the runtime offers its built-ins (`process.getBuiltinModule`, so
 * nothing here imports `node:*` and Workers fall back to WebCrypto). Every WebCrypto call on Node
 * is a thread-pool round trip that costs more than the work itself on the request paths (a token
 * hash on every authenticated call, a credential opened and a proof made on every export).
 * Typed here with just what the crypto modules use.
 */
export interface NodeKeyObject {
  readonly type: string;
}

interface NodeCipherCore {
  update(data: Uint8Array): Uint8Array;
  final(): Uint8Array;
}

export interface NodeCrypto {
  createHash(algorithm: 'sha256'): { update(text: string): { digest(encoding: 'hex'): string } };
  /** One-shot hash (Node 20.12 and later): no hash object is made. */
  hash?(algorithm: 'sha256', text: string, encoding: 'hex'): string;
  createHmac(algorithm: 'sha256', key: NodeKeyObject | Uint8Array): { update(data: Uint8Array): { digest(): Uint8Array } };
  createSecretKey(key: Uint8Array): NodeKeyObject;
  createDecipheriv(
    algorithm: 'aes-256-gcm',
    key: NodeKeyObject,
    iv: Uint8Array,
  ): NodeCipherCore & { setAAD(data: Uint8Array): unknown; setAuthTag(tag: Uint8Array): unknown };
  hkdfSync(digest: 'sha256', key: NodeKeyObject, salt: Uint8Array, info: Uint8Array, length: number): ArrayBuffer;
  timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean;
}

export const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process?.getBuiltinModule?.('node:crypto') as
  NodeCrypto | undefined;
