import { blockedFor, validationFailed } from '../../errors';
import { parseTargetUrl } from '../../net/url-policy';

/** Whose next action a refused site address gets: Cloud's, whatever the auth method. */
const ANY_CLOUD_TARGET = { provider_key: 'jira_cloud', auth_method: null, base_url: null } as const;

const cloudSiteHint = 'Enter your Jira Cloud site, such as https://acme.atlassian.net.';

/**
 * A Jira Cloud site URL as Atlassian reports it: `https://<host>` with no path, lower case. What
 * the admin typed is judged by the egress URL rules first (IPv4 notation, userinfo, port, control
 * characters...), before any URL parser normalises it: `https://0x7f.0.0.2:8443` is refused as
 * typed, never quietly read as `https://127.0.0.2:8443`.
 */
export function normalizeCloudSiteUrl(raw: string): string {
  const typed = raw.trim();
  const parsed = parseTargetUrl(typed, { allowHttp: false, purpose: 'base' });
  if (!parsed.ok) {
    if (parsed.rule === 'invalid-url') throw validationFailed(`"${typed.slice(0, 200)}" is not a URL: ${parsed.reason}`, cloudSiteHint);
    throw blockedFor(ANY_CLOUD_TARGET, 'url', 'PROVIDER_BASE_URL_BLOCKED', parsed.reason);
  }
  if (parsed.url.pathname !== '/' && parsed.url.pathname !== '') {
    throw validationFailed('A Jira Cloud site is an https address with no path.', cloudSiteHint);
  }
  return parsed.url.origin.toLowerCase();
}
