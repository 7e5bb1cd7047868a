import { blockedError, validationFailed } from '../../errors';
import { parseTargetUrl } from '../../net/url-policy';

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
    throw blockedError('PROVIDER_BASE_URL_BLOCKED', parsed.reason);
  }
  if (parsed.url.pathname !== '/' && parsed.url.pathname !== '') {
    throw validationFailed('A Jira Cloud site is an https address with no path.', cloudSiteHint);
  }
  return parsed.url.origin.toLowerCase();
}
