import type * as Undici from 'undici';

let loading: Promise<typeof Undici> | null = null;

/**
 * The module's exports whichever way it was loaded: undici is CommonJS, so Node's own import gives
 * named exports, while the prebuilt bundle's interop hands them over as `default` (where `Agent`
 * alone would be undefined and every outbound call would fail).
 */
export function undiciExports(loaded: typeof Undici): typeof Undici {
  if (typeof loaded.Agent === 'function') return loaded;
  const interop = (loaded as unknown as { default?: typeof Undici }).default;
  if (interop && typeof interop.Agent === 'function') return interop;
  throw new Error('undici loaded without its Agent export.');
}

/**
 * undici, loaded on the first outbound request rather than at start: an export-only companion that
 * never calls Jira does not carry it (several MB of resident memory), and the first check pays once.
 */
export function loadUndici(): Promise<typeof Undici> {
  return (loading ??= import('undici').then(undiciExports).catch((error: unknown) => {
    loading = null;
    throw error;
  }));
}
