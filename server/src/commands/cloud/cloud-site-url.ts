import { AppError } from '../../errors';

/** A Jira Cloud site URL as Atlassian reports it: `https://<host>` with no path, lower case. */
export function normalizeCloudSiteUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('VALIDATION_FAILED', 400, `"${raw}" is not a URL.`, 'Enter your Jira Cloud site, such as https://acme.atlassian.net.');
  }
  if (url.protocol !== 'https:' || url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new AppError('VALIDATION_FAILED', 400, 'A Jira Cloud site is an https address with no path.', 'Enter your Jira Cloud site, such as https://acme.atlassian.net.');
  }
  return url.origin.toLowerCase();
}
