/**
 * The path of an absolute request URL (`http://host:port/path?query`) and its query, by string
 * scanning as hono's router does, without building a `URL`: for the answers given before routing.
 */
export function splitRequestUrl(url: string): { path: string; query: string | null } {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return { path: '/', query: null };
  const mark = url.indexOf('?', start);
  return mark < 0 ? { path: url.slice(start), query: null } : { path: url.slice(start, mark), query: url.slice(mark + 1) };
}
