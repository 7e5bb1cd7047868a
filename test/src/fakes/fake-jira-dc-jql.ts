/** One `field op value(s)` term of a JQL query; terms are joined by AND. */
export interface JqlClause {
  field: 'project' | 'labels' | 'key' | 'issuetype' | 'status' | 'updated';
  operator: '=' | '!=' | 'in' | 'not in' | '>=';
  values: string[];
}

/** A JQL text the fake cannot read; the message is what Jira puts in `errorMessages`. */
export class JqlError extends Error {}

const FIELD_NAMES: Record<string, JqlClause['field']> = {
  project: 'project',
  labels: 'labels',
  key: 'key',
  issuekey: 'key',
  issuetype: 'issuetype',
  type: 'issuetype',
  status: 'status',
  updated: 'updated',
};

/**
 * Reads the JQL subset duplicate detection uses (`project = K AND labels = "x"`, `labels in (a, b)`,
 * `key = K-1`, optional `ORDER BY`), so a search can be answered from memory. OR and parentheses
 * around clauses are refused with a 400 rather than answered wrongly.
 */
export function parseJql(jql: string): JqlClause[] {
  const tokens = tokenize(jql);
  const orderBy = tokens.findIndex((token, index) => token.word?.toLowerCase() === 'order' && tokens[index + 1]?.word?.toLowerCase() === 'by');
  const body = orderBy === -1 ? tokens : tokens.slice(0, orderBy);
  const clauses: JqlClause[] = [];
  let position = 0;
  const next = () => body[position++];
  while (position < body.length) {
    if (clauses.length > 0) {
      const joiner = next();
      if (joiner?.word?.toLowerCase() !== 'and') {
        throw new JqlError(`Error in the JQL Query: the fake Jira reads only AND between clauses, got '${joiner?.text ?? ''}'.`);
      }
    }
    const fieldToken = next();
    const field = fieldToken?.word ? FIELD_NAMES[fieldToken.word.toLowerCase()] : undefined;
    if (!fieldToken?.word) throw new JqlError(`Error in the JQL Query: Expecting a field name but got '${fieldToken?.text ?? 'end of query'}'.`);
    if (!field) throw new JqlError(`Field '${fieldToken.word}' does not exist or you do not have permission to view it.`);
    const operatorToken = next();
    let operator: JqlClause['operator'];
    if (operatorToken?.text === '>=' && field === 'updated') operator = '>=';
    else if (field === 'updated') throw new JqlError("Error in the JQL Query: the fake Jira reads only 'updated >= value'.");
    else if (operatorToken?.text === '=' || operatorToken?.text === '!=') operator = operatorToken.text;
    else if (operatorToken?.word?.toLowerCase() === 'in') operator = 'in';
    else if (operatorToken?.word?.toLowerCase() === 'not' && body[position]?.word?.toLowerCase() === 'in') {
      position += 1;
      operator = 'not in';
    } else throw new JqlError(`Error in the JQL Query: Expecting operator but got '${operatorToken?.text ?? 'end of query'}'.`);
    const values: string[] = [];
    if (operator === '=' || operator === '!=' || operator === '>=') {
      const value = next();
      if (!value || value.value === undefined)
        throw new JqlError(`Error in the JQL Query: Expecting either a value, list or function but got '${value?.text ?? 'end of query'}'.`);
      values.push(value.value);
    } else {
      if (next()?.text !== '(') throw new JqlError("Error in the JQL Query: Expecting '(' after IN.");
      for (;;) {
        const value = next();
        if (!value || value.value === undefined) throw new JqlError(`Error in the JQL Query: Expecting a value but got '${value?.text ?? 'end of query'}'.`);
        values.push(value.value);
        const separator = next();
        if (separator?.text === ')') break;
        if (separator?.text !== ',') throw new JqlError(`Error in the JQL Query: Expecting ',' or ')' but got '${separator?.text ?? 'end of query'}'.`);
      }
    }
    clauses.push({ field, operator, values });
  }
  return clauses;
}

interface Token {
  text: string;
  /** Bare word (field names, operators, unquoted values). */
  word?: string;
  /** The literal a value position takes (a bare word or an unescaped quoted string). */
  value?: string;
}

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < jql.length) {
    const char = jql[index] ?? '';
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === '"' || char === "'") {
      let literal = '';
      let end = index + 1;
      while (end < jql.length && jql[end] !== char) {
        literal += jql[end] === '\\' ? (jql[++end] ?? '') : jql[end];
        end += 1;
      }
      if (end >= jql.length) throw new JqlError(`Error in the JQL Query: The quoted string '${jql.slice(index)}' has not been completed.`);
      tokens.push({ text: jql.slice(index, end + 1), value: literal });
      index = end + 1;
    } else if (jql.startsWith('!=', index) || jql.startsWith('>=', index)) {
      tokens.push({ text: jql.slice(index, index + 2) });
      index += 2;
    } else if ('=(),'.includes(char)) {
      tokens.push({ text: char });
      index += 1;
    } else {
      const match = /^[A-Za-z0-9_.\-:]+/.exec(jql.slice(index));
      if (!match) throw new JqlError(`Error in the JQL Query: The character '${char}' is a reserved JQL character.`);
      tokens.push({ text: match[0], word: match[0], value: match[0] });
      index += match[0].length;
    }
  }
  return tokens;
}
