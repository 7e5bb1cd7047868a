/** Why a name did not resolve; every kind fails closed. */
export type ResolveFailureKind = 'nxdomain' | 'no-records' | 'timeout' | 'invalid-name' | 'server-failure';

/** Thrown by a HostResolver when a name has no usable answer; callers block the host. */
export class ResolveError extends Error {
  constructor(
    readonly kind: ResolveFailureKind,
    readonly host: string,
    message: string,
  ) {
    super(message);
    this.name = 'ResolveError';
  }
}

/** The resolved addresses of one host name (A and AAAA together, never empty). */
export interface ResolvedHost {
  addresses: string[];
}

/**
 * Name resolution behind an interface, so checks run against a real DNS server in tests and the
 * same code pins connections in production. `resolve` throws `ResolveError` rather than return an
 * empty answer; `resolveTxt` returns the TXT records, each as its list of chunks.
 */
export interface HostResolver {
  resolve(host: string): Promise<ResolvedHost>;
  resolveTxt(name: string): Promise<string[][]>;
}
