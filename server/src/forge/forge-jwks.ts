import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

export class JwksUnavailableError extends Error {
  override name = 'JwksUnavailableError';
}

const REFRESH_AFTER_MS = 60 * 60 * 1000;
const UNKNOWN_KID_COOLDOWN_MS = 30 * 1000;

/**
 * Forge's signing keys, fetched by `fetchKeySet` (through the egress layer), cached for an hour
 * and fetched again when a token names a key we do not have (at most every 30 s, so a flood of
 * forged `kid`s cannot make us hammer the JWKS host).
 */
export function createForgeJwks(options: { fetchKeySet: () => Promise<unknown>; now: () => number }): JWTVerifyGetKey {
  let keys: ReturnType<typeof createLocalJWKSet> | null = null;
  let fetchedAt = 0;
  let inflight: Promise<void> | null = null;

  async function load(): Promise<void> {
    const body = (await options.fetchKeySet()) as JSONWebKeySet | null;
    if (!body || !Array.isArray(body.keys)) throw new JwksUnavailableError('The Forge JWKS answer is not a key set.');
    keys = createLocalJWKSet(body);
    fetchedAt = options.now();
  }

  function refresh(): Promise<void> {
    inflight ??= load().finally(() => (inflight = null));
    return inflight;
  }

  return async (header, token) => {
    if (!keys || options.now() - fetchedAt > REFRESH_AFTER_MS) await refresh();
    try {
      return await keys!(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || options.now() - fetchedAt < UNKNOWN_KID_COOLDOWN_MS) throw error;
      await refresh();
      return keys!(header, token);
    }
  };
}
