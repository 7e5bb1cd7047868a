import { jqlTime } from './fake-jql-time';
/** What a JQL clause can look at on one issue. */
export interface JqlIssueView {
  id: string;
  key: string;
  projectKey: string;
  projectId: string;
  issueTypeId: string;
  issueTypeName: string;
  statusName: string;
  summary: string;
  labels: readonly string[];
  /** Epoch ms of the issue's last update. */
  updatedAt: number;
}

/** A parsed JQL query, or the error message Jira would send back with 400. */
export type JqlResult = { ok: true; matches: (issue: JqlIssueView) => boolean } | { ok: false; message: string };

/** The message Jira Cloud's enhanced search sends for a query without a restriction. */
export const UNBOUNDED_JQL_MESSAGE = 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';

type Token = { kind: 'word' | 'string' | 'op' | 'lparen' | 'rparen' | 'comma'; text: string };

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < jql.length) {
    const c = jql[i]!;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (c === '(') {
      tokens.push({ kind: 'lparen', text: c });
      i += 1;
      continue;
    }
    if (c === ')') {
      tokens.push({ kind: 'rparen', text: c });
      i += 1;
      continue;
    }
    if (c === ',') {
      tokens.push({ kind: 'comma', text: c });
      i += 1;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let text = '';
      while (j < jql.length && jql[j] !== c) {
        if (jql[j] === '\\' && j + 1 < jql.length) j += 1;
        text += jql[j];
        j += 1;
      }
      if (j >= jql.length) throw new Error('unterminated string');
      tokens.push({ kind: 'string', text });
      i = j + 1;
      continue;
    }
    const op = /^(!=|!~|>=|<=|=|~|>|<)/.exec(jql.slice(i));
    if (op) {
      tokens.push({ kind: 'op', text: op[0] });
      i += op[0].length;
      continue;
    }
    const word = /^[^\s()=!~<>,"']+/.exec(jql.slice(i));
    if (!word) throw new Error(`unexpected character '${c}'`);
    tokens.push({ kind: 'word', text: word[0] });
    i += word[0].length;
  }
  return tokens;
}

type Predicate = (issue: JqlIssueView) => boolean;
const DATE_COMPARISONS: Record<string, (value: number, bound: number) => boolean> = {
  '>=': (value, bound) => value >= bound,
  '>': (value, bound) => value > bound,
  '<=': (value, bound) => value <= bound,
  '<': (value, bound) => value < bound,
};
const FIELDS = new Set(['project', 'labels', 'key', 'issuekey', 'id', 'issuetype', 'type', 'status', 'summary', 'text', 'updated']);

function fieldValues(field: string, issue: JqlIssueView): string[] {
  switch (field) {
    case 'project':
      return [issue.projectKey, issue.projectId];
    case 'labels':
      return [...issue.labels];
    case 'key':
    case 'issuekey':
    case 'id':
      return [issue.key, issue.id];
    case 'issuetype':
    case 'type':
      return [issue.issueTypeName, issue.issueTypeId];
    case 'status':
      return [issue.statusName];
    default:
      return [issue.summary];
  }
}

/**
 * Parses the bounded subset of JQL a WebRiskOps-like client sends: project/labels/key/issuetype/status/summary clauses,
 * `updated` compared (`>=`, `>`, `<=`, `<`) with a relative or absolute date as of `now`, AND/OR/NOT, parentheses, ORDER BY (ignored).
 */
export function parseJql(jql: string | undefined, now = Date.now()): JqlResult {
  let tokens: Token[];
  try {
    tokens = tokenize(jql ?? '');
  } catch (error) {
    return { ok: false, message: `Error in the JQL Query: ${(error as Error).message}.` };
  }
  let pos = 0;
  const peekWord = (word: string) => tokens[pos]?.kind === 'word' && tokens[pos]!.text.toLowerCase() === word;
  const fail = (message: string): never => {
    throw new Error(message);
  };

  function value(): string[] {
    const token = tokens[pos];
    if (!token) return fail('Expecting a value but reached the end of the query');
    if (token.kind === 'lparen') {
      pos += 1;
      const values: string[] = [];
      for (;;) {
        const item = tokens[pos];
        if (!item || (item.kind !== 'word' && item.kind !== 'string')) return fail('Expecting a value in the list');
        values.push(item.text);
        pos += 1;
        if (tokens[pos]?.kind === 'comma') {
          pos += 1;
          continue;
        }
        if (tokens[pos]?.kind === 'rparen') {
          pos += 1;
          return values;
        }
        return fail("Expecting ',' or ')'");
      }
    }
    if (token.kind !== 'word' && token.kind !== 'string') return fail(`Expecting a value but got '${token.text}'`);
    pos += 1;
    return [token.text];
  }

  function clause(): Predicate {
    const fieldToken = tokens[pos];
    if (!fieldToken || (fieldToken.kind !== 'word' && fieldToken.kind !== 'string')) return fail('Expecting a field name');
    const field = fieldToken.text.toLowerCase();
    if (!FIELDS.has(field))
      throw Object.assign(new Error(`Field '${fieldToken.text}' does not exist or you do not have permission to view it.`), { plain: true });
    pos += 1;
    let op: string;
    const token = tokens[pos];
    if (token?.kind === 'op') {
      op = token.text;
      pos += 1;
    } else if (peekWord('in')) {
      op = 'in';
      pos += 1;
    } else if (peekWord('not') && tokens[pos + 1]?.text.toLowerCase() === 'in') {
      op = 'not in';
      pos += 2;
    } else if (peekWord('is')) {
      pos += 1;
      op = peekWord('not') ? 'is not' : 'is';
      if (op === 'is not') pos += 1;
      if (!peekWord('empty') && !peekWord('null')) return fail('Expecting EMPTY or NULL');
      pos += 1;
      return op === 'is' ? (issue) => fieldValues(field, issue).length === 0 : (issue) => fieldValues(field, issue).length > 0;
    } else return fail(`Expecting an operator after '${fieldToken.text}'`);
    if (field === 'updated') {
      const [text = ''] = value();
      const at = jqlTime(text, now);
      if (at === Number.POSITIVE_INFINITY) return fail(`Date value '${text}' for field 'updated' is invalid`);
      const compare = DATE_COMPARISONS[op];
      if (!compare) return fail(`The operator '${op}' is not supported by this fake for 'updated'`);
      return (issue) => compare(issue.updatedAt, at);
    }
    const wanted = value().map((v) => v.toLowerCase());
    const has = (issue: JqlIssueView) => fieldValues(field, issue).some((v) => wanted.includes(v.toLowerCase()));
    const contains = (issue: JqlIssueView) => fieldValues(field, issue).some((v) => wanted.every((w) => v.toLowerCase().includes(w)));
    switch (op) {
      case '=':
      case 'in':
        return has;
      case '!=':
      case 'not in':
        return (issue) => !has(issue);
      case '~':
        return contains;
      case '!~':
        return (issue) => !contains(issue);
      default:
        return fail(`The operator '${op}' is not supported by this fake`);
    }
  }

  function unary(): Predicate {
    if (peekWord('not')) {
      pos += 1;
      const inner = unary();
      return (issue) => !inner(issue);
    }
    if (tokens[pos]?.kind === 'lparen') {
      pos += 1;
      const inner = or();
      if (tokens[pos]?.kind !== 'rparen') return fail("Expecting ')'");
      pos += 1;
      return inner;
    }
    return clause();
  }

  function and(): Predicate {
    const parts = [unary()];
    while (peekWord('and')) {
      pos += 1;
      parts.push(unary());
    }
    return (issue) => parts.every((part) => part(issue));
  }

  function or(): Predicate {
    const parts = [and()];
    while (peekWord('or')) {
      pos += 1;
      parts.push(and());
    }
    return (issue) => parts.some((part) => part(issue));
  }

  try {
    const atOrder = () => peekWord('order') && tokens[pos + 1]?.text.toLowerCase() === 'by';
    if (tokens.length === 0 || atOrder()) return { ok: false, message: UNBOUNDED_JQL_MESSAGE };
    const matches = or();
    if (pos < tokens.length && !atOrder()) return fail(`Unexpected '${tokens[pos]!.text}'`);
    return { ok: true, matches };
  } catch (error) {
    const message = (error as Error).message;
    return { ok: false, message: (error as { plain?: boolean }).plain ? message : `Error in the JQL Query: ${message}.` };
  }
}
