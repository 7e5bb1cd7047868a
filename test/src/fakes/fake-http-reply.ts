/** One request as the fake Atlassian cloud's handlers see it (headers lower-cased by Node). */
export interface FakeRequest {
  hostname: string;
  method: string;
  url: URL;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
}

/** What a handler answers; the server writes it (or drops the connection instead). */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A JSON answer. */
export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json;charset=UTF-8', ...headers }, body: JSON.stringify(body) };
}

/** An answer without a body (204, or 200/201 for issue properties). */
export function emptyReply(status: number, headers: Record<string, string> = {}): Reply {
  return { status, headers, body: '' };
}

/** Jira's `ErrorCollection`: `{errorMessages, errors}`. */
export function jiraError(status: number, errorMessages: string[], errors: Record<string, string> = {}, headers: Record<string, string> = {}): Reply {
  return jsonReply(status, { errorMessages, errors }, headers);
}

/** The body parsed as JSON, or `undefined` when it is not JSON. */
export function parseJsonBody(request: FakeRequest): unknown {
  if (request.bodyText === '') return undefined;
  try {
    return JSON.parse(request.bodyText) as unknown;
  } catch {
    return undefined;
  }
}

/** A single header value (the first when repeated). */
export function header(request: FakeRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** A plain object, not an array or null. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
