/** Lowercase scheme and host, default port dropped, no trailing slash: how base URLs are compared. */
export function canonicalBaseUrl(text: string): string | null {
  try {
    const url = new URL(text.trim());
    const port = url.port && !((url.protocol === 'https:' && url.port === '443') || (url.protocol === 'http:' && url.port === '80')) ? `:${url.port}` : '';
    return `${url.protocol}//${url.hostname.toLowerCase()}${port}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

/** True when Jira's reported base URL names the same scheme, host, port and context path. */
export function sameJiraBaseUrl(reported: string, entered: string): boolean {
  const left = canonicalBaseUrl(reported);
  return left !== null && left === canonicalBaseUrl(entered);
}
