import { createHmac, createSign, createVerify, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

/** A JSON object as it appears in a JWT header or payload. */
export type JwtObject = Record<string, unknown>;

/** A JWT split into its decoded parts, as a test reads it back. */
export interface DecodedJwt {
  header: JwtObject;
  payload: JwtObject;
  signingInput: string;
  signature: Buffer;
}

/** base64url without padding, as JWS uses. */
export function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

function signingInputOf(header: JwtObject, payload: JwtObject): string {
  return `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
}

/** Signs header.payload with RSASSA-PKCS1-v1_5 SHA-256 (JWS `RS256`). The header is used as given. */
export function signRs256(header: JwtObject, payload: JwtObject, privateKey: KeyObject): string {
  const input = signingInputOf(header, payload);
  const signature = createSign('RSA-SHA256').update(input).sign(privateKey);
  return `${input}.${base64url(signature)}`;
}

/** Signs header.payload with HMAC-SHA256 over `secret` (JWS `HS256`). */
export function signHs256(header: JwtObject, payload: JwtObject, secret: Buffer | string): string {
  const input = signingInputOf(header, payload);
  return `${input}.${base64url(createHmac('sha256', secret).update(input).digest())}`;
}

/** An unsecured JWS (`alg: none`): header.payload. with an empty signature. */
export function unsecured(header: JwtObject, payload: JwtObject): string {
  return `${signingInputOf(header, payload)}.`;
}

/** Splits and decodes a compact JWS without checking anything. */
export function decodeJwt(token: string): DecodedJwt {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('not a compact JWS');
  const [header, payload, signature] = parts as [string, string, string];
  return {
    header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as JwtObject,
    payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as JwtObject,
    signingInput: `${header}.${payload}`,
    signature: Buffer.from(signature, 'base64url'),
  };
}

/** Checks an RS256 signature against one public JWK (node:crypto only, no JWT library). */
export function verifyRs256WithJwk(token: string, jwk: JsonWebKey): boolean {
  const { signingInput, signature } = decodeJwt(token);
  const key = createPublicKey({ key: jwk, format: 'jwk' });
  return createVerify('RSA-SHA256').update(signingInput).verify(key, signature);
}
