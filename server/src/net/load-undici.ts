import type * as Undici from 'undici';

let loading: Promise<typeof Undici> | null = null;

/**
 * undici, loaded on the first outbound request rather than at start: an export-only companion that
 * never calls Jira does not carry it (several MB of resident memory), and the first check pays once.
 */
export function loadUndici(): Promise<typeof Undici> {
  return (loading ??= import('undici').catch((error: unknown) => {
    loading = null;
    throw error;
  }));
}
