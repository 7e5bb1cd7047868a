import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { domainKey } from './domain-name';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** The `lookup` signature net/tls connect calls (Node 20 passes `{ all: true }` with autoSelectFamily). */
export type PinnedLookup = (hostname: string, options: LookupOptions | LookupCallback, callback?: LookupCallback) => void;

function notFound(hostname: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${hostname} is not the host that was checked`);
  error.code = 'ENOTFOUND';
  return error;
}

/**
 * A `lookup` that never asks DNS: it answers only for the host that was checked and only with the
 * addresses that were checked, so a rebinding DNS answer cannot reach the socket.
 */
export function createPinnedLookup(checkedHost: string, checkedAddresses: readonly string[]): PinnedLookup {
  const hostKey = domainKey(checkedHost.replace(/^\[|\]$/g, ''));
  const answers: LookupAddress[] = checkedAddresses.map((address) => ({ address, family: isIP(address) }));
  return (hostname, optionsOrCallback, maybeCallback) => {
    const callback = typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback;
    const options: LookupOptions = typeof optionsOrCallback === 'function' ? {} : (optionsOrCallback ?? {});
    if (!callback) throw new TypeError('lookup needs a callback');
    const asked = domainKey(String(hostname).replace(/^\[|\]$/g, ''));
    const family = options.family === 4 || options.family === 'IPv4' ? 4 : options.family === 6 || options.family === 'IPv6' ? 6 : 0;
    const usable = asked === hostKey ? answers.filter((answer) => family === 0 || answer.family === family) : [];
    const first = usable[0];
    process.nextTick(() => {
      if (!first) callback(notFound(String(hostname)), options.all ? [] : '', 0);
      else if (options.all)
        callback(
          null,
          usable.map((answer) => ({ ...answer })),
        );
      else callback(null, first.address, first.family);
    });
  };
}
