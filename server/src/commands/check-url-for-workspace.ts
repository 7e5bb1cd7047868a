import type { AppDeps } from '../deps';
import { checkUrl, type UrlVerdict } from '../net/check-url';

/** Judges URLs for a workspace: resolves and checks only, opens no connection to the target. */
export async function checkUrlsForWorkspace(deps: AppDeps, workspaceId: string | null, urls: readonly string[]): Promise<UrlVerdict[]> {
  const policy = await deps.egress.policyFor(workspaceId);
  return Promise.all(urls.map((url) => checkUrl(url, policy)));
}
